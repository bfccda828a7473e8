// Decoding with ZXing-C++ 1.4 (Debian 12's libzxing).
#define ZX_USE_UTF8  // Result::text() returns UTF-8 std::string
#include <ZXing/ReadBarcode.h>
#include <cairo.h>

#include <algorithm>
#include <bit>
#include <memory>

#include "memberdesk/qr/qr.h"

namespace md::qr {
namespace {

std::optional<std::string> read(const ZXing::ImageView& view) {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  // 8-bit data without an ECI: we, WeChat and phones write UTF-8. Without this ZXing guesses
  // the encoding per symbol (UTF-8, Shift_JIS or ISO-8859-1).
  hints.setCharacterSet("UTF-8");
  ZXing::Result r = ZXing::ReadBarcode(view, hints);
  if (!r.isValid()) return std::nullopt;
  return r.text();
}

struct PngReader {
  std::span<const uint8_t> data;
  size_t pos = 0;
};

cairo_status_t read_from_span(void* closure, unsigned char* out, unsigned int length) {
  auto* in = static_cast<PngReader*>(closure);
  if (in->data.size() - in->pos < length) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(in->data.begin() + static_cast<std::ptrdiff_t>(in->pos), length, out);
  in->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

}  // namespace

std::optional<std::string> decode_grey(const uint8_t* pixels, int width, int height, int stride) {
  return read(ZXing::ImageView(pixels, width, height, ZXing::ImageFormat::Lum, stride));
}

std::optional<std::string> decode_argb32(const uint8_t* pixels, int width, int height, int stride) {
  // A native-endian 0xAARRGGBB word is B,G,R,A in memory on little-endian machines.
  constexpr auto format = std::endian::native == std::endian::little ? ZXing::ImageFormat::BGRX
                                                                     : ZXing::ImageFormat::XRGB;
  return read(ZXing::ImageView(pixels, width, height, format, stride));
}

std::optional<std::string> decode_png(std::span<const uint8_t> png) {
  PngReader reader{png};
  Surface image(cairo_image_surface_create_from_png_stream(read_from_span, &reader),
                &cairo_surface_destroy);
  if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS) return std::nullopt;
  // Flatten onto white, whatever the PNG's format: transparent pixels would otherwise read as
  // black (premultiplied 0,0,0,0).
  const int w = cairo_image_surface_get_width(image.get());
  const int h = cairo_image_surface_get_height(image.get());
  Surface flat(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h), &cairo_surface_destroy);
  cairo_t* cr = cairo_create(flat.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_surface(cr, image.get(), 0, 0);
  cairo_paint(cr);
  const bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
  cairo_destroy(cr);
  if (!ok) return std::nullopt;
  cairo_surface_flush(flat.get());
  return decode_argb32(cairo_image_surface_get_data(flat.get()), w, h,
                       cairo_image_surface_get_stride(flat.get()));
}

}  // namespace md::qr
