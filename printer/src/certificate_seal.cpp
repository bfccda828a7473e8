#include "certificate_seal.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "page.h"

namespace md::printer {
namespace {

constexpr Colour kSealRed{0.86, 0.12, 0.12};
constexpr double kSealAlpha = 0.88;
constexpr double kPi = 3.14159265358979323846;

// UTF-8 text split into its code points, each as a string.
std::vector<std::string> characters(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    out.emplace_back(text.substr(i, n));
    i += n;
  }
  return out;
}

void star_path(cairo_t* cr, double cx, double cy, double r) {
  for (int i = 0; i < 10; ++i) {
    const double a = -kPi / 2 + i * kPi / 5;
    const double rr = i % 2 ? r * 0.382 : r;
    if (i == 0) {
      cairo_move_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
    } else {
      cairo_line_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
    }
  }
  cairo_close_path(cr);
}

}  // namespace

std::shared_ptr<cairo_surface_t> load_seal_png(const std::string& path) {
  if (path.empty()) return nullptr;
  cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_width(s) <= 0 ||
      cairo_image_surface_get_height(s) <= 0) {
    cairo_surface_destroy(s);
    return nullptr;
  }
  return {s, &cairo_surface_destroy};
}

void draw_seal_image(cairo_t* cr, cairo_surface_t* seal, const Box& box) {
  const double iw = cairo_image_surface_get_width(seal);
  const double ih = cairo_image_surface_get_height(seal);
  const double scale = std::min(box.w / iw, box.h / ih);
  cairo_save(cr);
  cairo_translate(cr, box.cx() - iw * scale / 2, box.cy() - ih * scale / 2);
  cairo_scale(cr, scale, scale);
  cairo_rectangle(cr, 0, 0, iw, ih);
  cairo_clip(cr);
  cairo_set_source_surface(cr, seal, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_paint_with_alpha(cr, kSealAlpha);
  cairo_restore(cr);
}

void draw_default_seal(cairo_t* cr, std::string_view association, const Box& box) {
  const double r = std::min(box.w, box.h) / 2 * 0.97;
  const double cx = box.cx(), cy = box.cy();
  const double ring = r * 0.07;

  // Everything in one group painted with the ink's transparency, so overlaps do not darken.
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_push_group(cr);
  cairo_set_source_rgb(cr, kSealRed.r, kSealRed.g, kSealRed.b);
  cairo_set_line_width(cr, ring);
  cairo_arc(cr, cx, cy, r - ring / 2, 0, 2 * kPi);
  cairo_stroke(cr);
  cairo_set_line_width(cr, ring * 0.25);
  cairo_arc(cr, cx, cy, r - ring * 1.6, 0, 2 * kPi);
  cairo_stroke(cr);
  star_path(cr, cx, cy, r * 0.3);
  cairo_fill(cr);

  // The name along the upper arc, each character upright to the circle.
  const std::vector<std::string> chars = characters(association);
  if (!chars.empty()) {
    const double n = static_cast<double>(chars.size());
    const double span = std::min(kPi * 1.45, kPi * 0.2 * n);  // radians used on the arc
    const double text_r = r * 0.70;
    TextStyle st;
    st.size_pt = std::min(r * 0.24, text_r * span / n * 0.92);
    st.align = Align::kCenter;
    st.r = kSealRed.r, st.g = kSealRed.g, st.b = kSealRed.b;
    st.bold = true;
    const double h = measure_text(cr, "会", 0, st).height;
    for (size_t i = 0; i < chars.size(); ++i) {
      const double a = -kPi / 2 - span / 2 + span * (static_cast<double>(i) + 0.5) / n;
      cairo_save(cr);
      cairo_translate(cr, cx + text_r * std::cos(a), cy + text_r * std::sin(a));
      cairo_rotate(cr, a + kPi / 2);
      draw_text(cr, chars[i], 0, -h / 2, 0, st);
      cairo_restore(cr);
    }
  }
  TextStyle label;
  label.size_pt = r * 0.17;
  label.align = Align::kCenter;
  label.r = kSealRed.r, label.g = kSealRed.g, label.b = kSealRed.b;
  label.letter_spacing_pt = r * 0.03;
  draw_text(cr, "示意章", cx + label.letter_spacing_pt / 2, cy + r * 0.42, 0, label);

  cairo_pop_group_to_source(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);  // like ink: the text under it stays black
  cairo_paint_with_alpha(cr, kSealAlpha);
  cairo_restore(cr);
}

}  // namespace md::printer
