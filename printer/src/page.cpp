#include "page.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <memory>

namespace md::printer {
namespace {

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

Error cairo_error(std::string code, cairo_status_t status) {
  return make_error(ErrorKind::kInternal, std::move(code), cairo_status_to_string(status));
}

cairo_status_t append_to_vector(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws one page on a fresh PDF surface and finishes it (which writes the output). Returns the
// first error of drawing or writing.
cairo_status_t draw_pdf_page(cairo_surface_t* surface, std::string_view title,
                             const DrawPage& draw) {
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, std::string(title).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Member Desk");
  {
    Context cr(cairo_create(surface), &cairo_destroy);
    draw(cr.get());
    cairo_show_page(cr.get());
    if (auto s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) return s;
  }
  cairo_surface_finish(surface);
  return cairo_surface_status(surface);
}

using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// A pango layout of `text` in `style` for `cr`; width <= 0 means one unwrapped line.
Layout make_layout(cairo_t* cr, std::string_view text, double width, const TextStyle& style) {
  Layout layout(pango_cairo_create_layout(cr), &g_object_unref);
  // Unhinted metrics: the PNG preview lays out exactly like the PDF, whatever the scale.
  std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
      cairo_font_options_create(), &cairo_font_options_destroy);
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  PangoContext* context = pango_layout_get_context(layout.get());
  pango_cairo_context_set_font_options(context, options.get());
  // Glyph positions are rounded to whole user units (points) by default: at small sizes that
  // spreads the characters visibly (5.5 pt advances become 6 pt).
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_layout_context_changed(layout.get());

  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
      pango_font_description_from_string(style.family), &pango_font_description_free);
  // Absolute size is in user units, i.e. points, independent of pango's 96 dpi default.
  pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
  if (style.bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), font.get());
  if (style.letter_spacing_pt != 0) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
                                      static_cast<int>(style.letter_spacing_pt * PANGO_SCALE)));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
  }
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    if (style.max_lines > 0) {
      pango_layout_set_height(layout.get(), -style.max_lines);
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    }
  }
  pango_layout_set_alignment(layout.get(), style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                           : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                          : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

}  // namespace

Status render_pdf(const std::string& path, std::string_view title, PageSize size,
                  const DrawPage& draw) {
  Surface surface(cairo_pdf_surface_create(path.c_str(), size.width, size.height),
                  &cairo_surface_destroy);
  if (auto s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return make_error(ErrorKind::kInternal, "pdf_open_failed",
                      path + ": " + cairo_status_to_string(s));
  }
  if (auto s = draw_pdf_page(surface.get(), title, draw); s != CAIRO_STATUS_SUCCESS) {
    return make_error(ErrorKind::kInternal, "pdf_write_failed",
                      path + ": " + cairo_status_to_string(s));
  }
  return Status::success();
}

Result<std::string> render_pdf_bytes(std::string_view title, PageSize size, const DrawPage& draw) {
  std::string pdf;
  Surface surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, size.width, size.height),
      &cairo_surface_destroy);
  if (auto s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return cairo_error("pdf_open_failed", s);
  }
  if (auto s = draw_pdf_page(surface.get(), title, draw); s != CAIRO_STATUS_SUCCESS) {
    return cairo_error("pdf_write_failed", s);
  }
  surface.reset();
  return pdf;
}

Result<std::vector<uint8_t>> render_png(double dpi, PageSize size, const DrawPage& draw) {
  if (!(dpi > 0 && dpi <= 600)) {
    return make_error(ErrorKind::kInvalidArgument, "bad_dpi", "dpi must be in (0, 600]");
  }
  const double scale = dpi / 72.0;
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                             static_cast<int>(std::ceil(size.width * scale)),
                                             static_cast<int>(std::ceil(size.height * scale))),
                  &cairo_surface_destroy);
  {
    Context cr(cairo_create(surface.get()), &cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    draw(cr.get());
    if (auto s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) {
      return cairo_error("png_draw_failed", s);
    }
  }
  cairo_surface_flush(surface.get());
  std::vector<uint8_t> png;
  if (auto s = cairo_surface_write_to_png_stream(surface.get(), append_to_vector, &png);
      s != CAIRO_STATUS_SUCCESS) {
    return cairo_error("png_write_failed", s);
  }
  return png;
}

TextExtent measure_text(cairo_t* cr, std::string_view text, double width, const TextStyle& style) {
  Layout layout = make_layout(cr, text, width, style);
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE,
          pango_layout_get_line_count(layout.get())};
}

double draw_text(cairo_t* cr, std::string_view text, double x, double y, double width,
                 const TextStyle& style) {
  Layout layout = make_layout(cr, text, width, style);
  cairo_save(cr);
  cairo_set_source_rgb(cr, style.r, style.g, style.b);
  if (width <= 0 && style.align != Align::kLeft) {
    // One unwrapped line: (x, y) is its centre or right end.
    int w = 0;
    pango_layout_get_size(layout.get(), &w, nullptr);
    x -= (style.align == Align::kCenter ? 0.5 : 1.0) * w / PANGO_SCALE;
  }
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  cairo_new_path(cr);  // the path is not part of cairo_save: leave no current point behind
  cairo_restore(cr);

  int height = 0;
  pango_layout_get_size(layout.get(), nullptr, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

}  // namespace md::printer
