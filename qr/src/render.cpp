// Rendering a QrMatrix: SVG text, PNG bytes, cairo vectors. Dark modules are merged into
// horizontal runs, so a symbol is a few hundred rectangles rather than thousands.
#include <cairo.h>

#include <memory>

#include "memberdesk/qr/qr.h"

namespace md::qr {
namespace {

// Calls f(x, y, length) for each horizontal run of dark modules.
template <typename F>
void for_each_run(const QrMatrix& m, F&& f) {
  for (int y = 0; y < m.size; ++y) {
    int x = 0;
    while (x < m.size) {
      if (!m.dark(x, y)) {
        ++x;
        continue;
      }
      int start = x;
      while (x < m.size && m.dark(x, y)) ++x;
      f(start, y, x - start);
    }
  }
}

cairo_status_t append_to_vector(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string to_svg(const QrMatrix& m, int module_px, int quiet_zone) {
  const int modules = m.size + 2 * quiet_zone;
  const std::string side = std::to_string(modules * module_px);
  const std::string box = std::to_string(modules);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + side + "\" height=\"" +
                    side + "\" viewBox=\"0 0 " + box + " " + box +
                    "\" shape-rendering=\"crispEdges\">"
                    "<rect width=\"" +
                    box + "\" height=\"" + box +
                    "\" fill=\"#fff\"/>"
                    "<path fill=\"#000\" d=\"";
  for_each_run(m, [&](int x, int y, int len) {
    svg += 'M' + std::to_string(x + quiet_zone) + ' ' + std::to_string(y + quiet_zone) + 'h' +
           std::to_string(len) + "v1h-" + std::to_string(len) + 'z';
  });
  svg += "\"/></svg>";
  return svg;
}

void draw(cairo_t* cr, const QrMatrix& m, double x, double y, double size, int quiet_zone) {
  const double unit = size / (m.size + 2 * quiet_zone);
  cairo_save(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);  // crisp modules on raster surfaces
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_translate(cr, x + quiet_zone * unit, y + quiet_zone * unit);
  cairo_scale(cr, unit, unit);
  cairo_new_path(cr);
  for_each_run(m, [&](int rx, int ry, int len) { cairo_rectangle(cr, rx, ry, len, 1); });
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_fill(cr);  // one fill: no seams between neighbouring rectangles
  cairo_restore(cr);
}

std::vector<uint8_t> to_png(const QrMatrix& m, int module_px, int quiet_zone) {
  const int side = (m.size + 2 * quiet_zone) * module_px;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side), &cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        &cairo_destroy);
  draw(cr.get(), m, 0, 0, side, quiet_zone);
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return {};
  cairo_surface_flush(surface.get());
  std::vector<uint8_t> png;
  if (cairo_surface_write_to_png_stream(surface.get(), append_to_vector, &png) !=
      CAIRO_STATUS_SUCCESS) {
    return {};
  }
  return png;
}

}  // namespace md::qr
