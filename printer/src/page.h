// Page plumbing shared by everything the printer library renders: one drawing function,
// output to a PDF file or to PNG bytes, and pango text in the same units on both.
// User units are PostScript points (1/72 in) on every surface.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace md::printer {

inline constexpr double kA4Width = 595.276;  // points (210 mm)
inline constexpr double kA4Height = 841.89;  // points (297 mm)
inline constexpr double kPointsPerMm = 72.0 / 25.4;

// Family list for pango: WenQuanYi Micro Hei keeps PDFs small; Noto Serif CJK SC is the
// fallback if it is not installed.
inline constexpr char kBodyFamily[] = "WenQuanYi Micro Hei,Noto Serif CJK SC";

using DrawPage = std::function<void(cairo_t*)>;

struct PageSize {
  double width = kA4Width;
  double height = kA4Height;
};

// One page into a PDF file; `title` goes into the document information.
Status render_pdf(const std::string& path, std::string_view title, PageSize size,
                  const DrawPage& draw);

// The same one-page PDF as bytes in memory (for downloads and CUPS jobs).
Result<std::string> render_pdf_bytes(std::string_view title, PageSize size, const DrawPage& draw);

// One page as a PNG at `dpi`, on white. REQUIRES: 0 < dpi <= 600.
Result<std::vector<uint8_t>> render_png(double dpi, PageSize size, const DrawPage& draw);

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  const char* family = kBodyFamily;
  double size_pt = 12;
  Align align = Align::kLeft;
  double r = 0, g = 0, b = 0;
  bool bold = false;
  // Extra space between characters in points (0 = the font's own spacing).
  double letter_spacing_pt = 0;
  // > 0: at most this many lines, the last one ellipsized ("…") if the text needs more.
  int max_lines = 0;
};

// The ink-independent size of `text` laid out as draw_text would lay it out (width <= 0: no
// wrapping). `width` is the widest line's logical width, not the box width.
struct TextExtent {
  double width = 0;
  double height = 0;
  int lines = 0;
};
TextExtent measure_text(cairo_t* cr, std::string_view text, double width, const TextStyle& style);

// Lays out UTF-8 `text` in the box starting at (x, y) of width `width`, wrapping at word or
// character boundaries, and draws it in the style's colour. width <= 0: one line, no wrapping,
// and (x, y) is the line's left end, centre or right end by the style's alignment.
// Returns the height used.
double draw_text(cairo_t* cr, std::string_view text, double x, double y, double width,
                 const TextStyle& style);

}  // namespace md::printer
