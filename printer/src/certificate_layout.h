// Where each part of the 会员证 goes on a page of a given size, and how a line of text is fitted
// into its box. Pure geometry in points (plus pango measurement for fit_text): the drawing in
// certificate.cpp only paints what this decides, so a test of the boxes is a test of the page.
#pragma once

#include <cairo.h>

#include <string_view>

#include "memberdesk/printer/certificate.h"
#include "page.h"

namespace md::printer {

struct Colour {
  double r = 0, g = 0, b = 0;
};

struct Box {
  double x = 0, y = 0, w = 0, h = 0;

  double right() const { return x + w; }
  double bottom() const { return y + h; }
  double cx() const { return x + w / 2; }
  double cy() const { return y + h / 2; }
  bool contains(const Box& b) const {
    return b.x >= x && b.y >= y && b.right() <= right() && b.bottom() <= bottom();
  }
};

// Portrait (A4 and other upright sizes): everything stacked, QR bottom left, seal bottom right.
// Landscape (cards such as ID-1 85.6 x 54 mm or 148 x 105 mm): a header across the top, the
// text column on the left and the QR code as large as the body allows on the right.
enum class CertificateShape { kPortrait, kLandscape };

struct CertificateLayout {
  CertificateShape shape = CertificateShape::kPortrait;
  Box page;
  Box frame;        // the outer line of the border: nothing is drawn outside it
  Box frame_inner;  // the innermost border line: all content lies inside it
  double border_pt = 1;  // width of the outer line; the others are derived from it
  double ornament = 0;   // side of the corner ornaments (inside frame_inner)

  Box association;  // one line (shrinks)
  Box title;        // 会员证
  double divider_y = 0;
  Box name;        // one line, or two when it cannot fit at name_min_pt
  Box type_label;  // one line
  Box fields;      // 会员编号 / 证书编号 / 有效期至: one row each
  Box issuer;      // the association and 发证日期, under the seal
  Box seal;        // square
  Box qr;          // square, quiet zone included
  Box qr_caption;  // empty (w == 0) when there is no room

  double association_pt = 20, title_pt = 44, title_spacing_pt = 16;
  double name_max_pt = 30, name_min_pt = 16;
  double type_pt = 14, field_pt = 14, issuer_pt = 12, caption_pt = 10;
};

// REQUIRES: size within 50..600 mm per side (render_certificate_* check this).
CertificateLayout layout_certificate(CertificateSize size);

// How a piece of text fits its box: the style to draw it with (size, maybe max_lines), the
// width to wrap at (<= the box width; narrower to balance two lines) and the size it takes.
struct FittedText {
  TextStyle style;
  double wrap_width = 0;
  double width = 0;
  double height = 0;
  int lines = 1;
};

// Largest size in [min_pt, max_pt] at which `text` fits `box` on one line; failing that, on at
// most `max_lines` lines (balanced); failing that, min_pt with the last line ellipsized.
FittedText fit_text(cairo_t* cr, std::string_view text, const Box& box, TextStyle style,
                    double max_pt, double min_pt, int max_lines);

// Draws fitted text inside `box`, centred vertically, placed horizontally by its alignment.
// Returns the box the text's lines occupy.
Box draw_fitted(cairo_t* cr, std::string_view text, const Box& box, const FittedText& fit);

}  // namespace md::printer
