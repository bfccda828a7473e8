// md::qr — QR codes for Member Desk (payment links, verification URLs, certificates).
//
//   auto m = md::qr::encode("https://verify.example/c/123");   // Result<QrMatrix>
//   std::string svg = md::qr::to_svg(*m, 4);                  // for the web UI
//   std::vector<uint8_t> png = md::qr::to_png(*m, 8);         // for downloads
//   md::qr::draw(cr, *m, x, y, size);                          // vectors into a PDF page
//   std::optional<std::string> text = md::qr::decode_png(png); // ZXing-C++
//
// Text is encoded as bytes (8-bit mode, no ECI): pass UTF-8, as phones' scanners and WeChat
// expect. Decoding treats 8-bit data without an ECI as UTF-8 too.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace md::qr {

// Error correction: share of the symbol that may be damaged and still read (7/15/25/30 %).
enum class EcLevel { L, M, Q, H };

// The modules of one symbol, without a quiet zone.
struct QrMatrix {
  int version = 0;               // 1..40
  int size = 0;                  // modules per side: 17 + 4 * version
  std::vector<uint8_t> modules;  // size * size, row-major, 1 = dark

  bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x] != 0; }
};

// Smallest symbol holding `text` as bytes. Fails with kInvalidArgument for empty text or text
// too long for a version 40 symbol at `level` (2953 bytes at L, 2331 at M).
Result<QrMatrix> encode(std::string_view text, EcLevel level = EcLevel::M);

// One <svg> element (no XML declaration, ready to inline in HTML): a white background and all
// dark modules as one <path>. width = height = (size + 2 * quiet_zone) * module_px; the
// viewBox is in modules, so the SVG scales cleanly.
// REQUIRES: module_px >= 1, quiet_zone >= 0.
std::string to_svg(const QrMatrix& m, int module_px, int quiet_zone = 4);

// A black-on-white PNG, module_px pixels per module, no antialiasing. Empty only if cairo fails
// (out of memory, or a side beyond cairo's 32767 px).
// REQUIRES: module_px >= 1, quiet_zone >= 0.
std::vector<uint8_t> to_png(const QrMatrix& m, int module_px, int quiet_zone = 4);

// Draws the symbol as filled rectangles into the square (x, y, size) in user units, with a
// quiet zone of `quiet_zone` modules inside that square painted white. The cairo state is
// restored afterwards; errors stay on `cr` (cairo_status).
void draw(cairo_t* cr, const QrMatrix& m, double x, double y, double size, int quiet_zone = 4);

// The text of the first QR code found in an image, or nullopt if none can be read.
// decode_grey: 8 bits per pixel. decode_argb32: cairo's CAIRO_FORMAT_ARGB32 / RGB24 layout
// (32-bit native-endian pixels, alpha ignored). stride is bytes per row.
std::optional<std::string> decode_grey(const uint8_t* pixels, int width, int height, int stride);
std::optional<std::string> decode_argb32(const uint8_t* pixels, int width, int height, int stride);
// Any PNG cairo can read; transparent areas count as white.
std::optional<std::string> decode_png(std::span<const uint8_t> png);

}  // namespace md::qr
