#include "certificate_layout.h"

#include <algorithm>
#include <cmath>

namespace md::printer {
namespace {

constexpr double mm = kPointsPerMm;

// A4 portrait, designed in millimetres on 210 x 297 and scaled: positions by the page's own
// width and height, sizes (type, QR, seal) by the smaller of the two factors, so that every box
// keeps inside the frame whatever the aspect ratio.
CertificateLayout portrait(double w, double h) {
  const double sx = w / (210 * mm), sy = h / (297 * mm), s = std::min(sx, sy);
  auto box = [&](double x, double y, double bw, double bh) {
    return Box{x * mm * sx, y * mm * sy, bw * mm * sx, bh * mm * sy};
  };
  CertificateLayout l;
  l.shape = CertificateShape::kPortrait;
  l.page = {0, 0, w, h};
  l.frame = {12 * mm * s, 12 * mm * s, w - 24 * mm * s, h - 24 * mm * s};
  const double inset = 16 * mm * s;
  l.frame_inner = {inset, inset, w - 2 * inset, h - 2 * inset};
  l.border_pt = 2.4 * s;
  l.ornament = 14 * mm * s;

  l.association = box(30, 32, 150, 12);
  l.title = box(30, 48, 150, 24);
  l.divider_y = 80 * mm * sy;
  l.name = box(28, 96, 154, 32);
  l.type_label = box(30, 131, 150, 9);
  l.fields = box(40, 152, 130, 42);

  const double qr_side = 46 * mm * s;
  l.qr = {30 * mm * sx, 204 * mm * sy, qr_side, qr_side};
  l.qr_caption = {l.qr.x - 6 * mm * s, l.qr.bottom() + 1 * mm * s, qr_side + 12 * mm * s,
                  6 * mm * s};
  l.issuer = box(108, 222, 72, 18);
  const double seal_side = 40 * mm * s;
  l.seal = {l.issuer.cx() + l.issuer.w * 0.12 - seal_side / 2, l.issuer.cy() - seal_side / 2,
            seal_side, seal_side};

  l.association_pt = 20 * s;
  l.title_pt = 44 * s;
  l.title_spacing_pt = 16 * s;
  l.name_max_pt = 30 * s;
  l.name_min_pt = 16 * s;
  l.type_pt = 14 * s;
  l.field_pt = 14 * s;
  l.issuer_pt = 12 * s;
  l.caption_pt = 10 * s;
  return l;
}

// Landscape cards, designed on ID-1 (85.6 x 54 mm): the header scales with the card, the body
// takes the rest; the QR code is as tall as the body, at most 42 % of the width.
CertificateLayout landscape(double w, double h) {
  const double s = std::min(w / (85.6 * mm), h / (54 * mm));
  CertificateLayout l;
  l.shape = CertificateShape::kLandscape;
  l.page = {0, 0, w, h};
  const double outer = 2.2 * mm * s, inset = 3.0 * mm * s;
  l.frame = {outer, outer, w - 2 * outer, h - 2 * outer};
  l.frame_inner = {inset, inset, w - 2 * inset, h - 2 * inset};
  l.border_pt = 1.2 * s;
  l.ornament = 3.5 * mm * s;

  const double pad = 1.6 * mm * s;  // between frame_inner and the text
  const double content_x = inset + pad, content_w = w - 2 * (inset + pad);
  l.association = {content_x + l.ornament, inset + 1.0 * mm * s, content_w - 2 * l.ornament,
                   3.6 * mm * s};
  l.title = {content_x, l.association.bottom() + 0.3 * mm * s, content_w, 6.2 * mm * s};
  l.divider_y = l.title.bottom() + 0.6 * mm * s;

  const double body_top = l.divider_y + 0.8 * mm * s;
  const double body_bottom = h - inset - 0.3 * mm * s;
  const double qr_side = std::min(body_bottom - body_top, 0.42 * w);
  l.qr = {w - inset - 0.3 * mm * s - qr_side, body_top, qr_side, qr_side};
  l.qr_caption = {};

  const double col_x = content_x, col_w = l.qr.x - 0.6 * mm * s - col_x;
  const double body_h = body_bottom - body_top;
  double y = body_top;
  auto row = [&](double share) {
    Box b{col_x, y, col_w, body_h * share};
    y += b.h;
    return b;
  };
  l.name = row(0.26);
  l.type_label = row(0.10);
  y += body_h * 0.02;
  l.fields = row(0.36);
  y += body_h * 0.02;
  l.issuer = row(0.24);
  // Over the date's end, as a stamp would be, but never over the frame or the QR code.
  const double seal_side = std::min(15 * mm * s, body_h * 0.45);
  l.seal = {l.issuer.right() - seal_side - 2 * mm * s,
            std::min(l.issuer.cy() - seal_side * 0.55, body_bottom - seal_side), seal_side,
            seal_side};

  l.association_pt = 6.5 * s;
  l.title_pt = 13 * s;
  l.title_spacing_pt = 5 * s;
  l.name_max_pt = 11 * s;
  l.name_min_pt = 6 * s;
  l.type_pt = 5.5 * s;
  l.field_pt = 5.8 * s;
  l.issuer_pt = 5.2 * s;
  l.caption_pt = 0;
  return l;
}

bool fits(const TextExtent& e, const Box& box, int max_lines) {
  return e.width <= box.w && e.height <= box.h && e.lines <= max_lines;
}

// Largest size (in steps of 1/8 pt) in [lo, hi] for which `ok(size)` holds, or lo - 1 if none.
template <typename Ok>
double largest_size(double lo, double hi, Ok ok) {
  int a = static_cast<int>(std::ceil(lo * 8)), b = static_cast<int>(std::floor(hi * 8));
  if (a > b || !ok(a / 8.0)) return lo - 1;
  while (a < b) {  // invariant: ok(a)
    const int mid = (a + b + 1) / 2;
    if (ok(mid / 8.0)) a = mid; else b = mid - 1;
  }
  return a / 8.0;
}

}  // namespace

CertificateLayout layout_certificate(CertificateSize size) {
  return size.width_pt >= size.height_pt ? landscape(size.width_pt, size.height_pt)
                                         : portrait(size.width_pt, size.height_pt);
}

FittedText fit_text(cairo_t* cr, std::string_view text, const Box& box, TextStyle style,
                    double max_pt, double min_pt, int max_lines) {
  FittedText fit;
  auto extent_at = [&](double pt, double wrap) {
    TextStyle st = style;
    st.size_pt = pt;
    return measure_text(cr, text, wrap, st);
  };
  auto finish = [&](double pt, double wrap, const TextExtent& e) {
    fit.style = style;
    fit.style.size_pt = pt;
    fit.wrap_width = wrap;
    fit.width = e.width;
    fit.height = e.height;
    fit.lines = e.lines;
    return fit;
  };

  double pt = largest_size(min_pt, max_pt, [&](double p) { return fits(extent_at(p, 0), box, 1); });
  if (pt >= min_pt) return finish(pt, box.w, extent_at(pt, 0));

  if (max_lines > 1) {
    pt = largest_size(min_pt, max_pt,
                      [&](double p) { return fits(extent_at(p, box.w), box, max_lines); });
    if (pt >= min_pt) {
      // Balance the lines: the narrowest wrap width that still needs no more lines.
      const int lines = extent_at(pt, box.w).lines;
      double lo = box.w / lines, hi = box.w;
      for (int i = 0; i < 12; ++i) {
        const double mid = (lo + hi) / 2;
        if (extent_at(pt, mid).lines <= lines) hi = mid; else lo = mid;
      }
      return finish(pt, hi, extent_at(pt, hi));
    }
  }
  // Too long even at the minimum size: cut it with "…" rather than leave the box.
  style.max_lines = std::max(1, max_lines);
  return finish(min_pt, box.w, extent_at(min_pt, box.w));
}

Box draw_fitted(cairo_t* cr, std::string_view text, const Box& box, const FittedText& fit) {
  const double x = fit.style.align == Align::kCenter  ? box.x + (box.w - fit.wrap_width) / 2
                   : fit.style.align == Align::kRight ? box.right() - fit.wrap_width
                                                      : box.x;
  const double y = box.y + std::max(0.0, (box.h - fit.height) / 2);
  draw_text(cr, text, x, y, fit.wrap_width, fit.style);
  const double ink_x = fit.style.align == Align::kCenter  ? x + (fit.wrap_width - fit.width) / 2
                       : fit.style.align == Align::kRight ? x + fit.wrap_width - fit.width
                                                          : x;
  return {ink_x, y, fit.width, fit.height};
}

}  // namespace md::printer
