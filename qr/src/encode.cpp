// Encoding with libqrencode: bytes in, module matrix out.
#include <qrencode.h>

#include <cerrno>
#include <memory>

#include "memberdesk/qr/qr.h"

namespace md::qr {
namespace {

QRecLevel to_qrencode(EcLevel level) {
  switch (level) {
    case EcLevel::L:
      return QR_ECLEVEL_L;
    case EcLevel::M:
      return QR_ECLEVEL_M;
    case EcLevel::Q:
      return QR_ECLEVEL_Q;
    case EcLevel::H:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

}  // namespace

Result<QrMatrix> encode(std::string_view text, EcLevel level) {
  if (text.empty()) {
    return make_error(ErrorKind::kInvalidArgument, "qr_empty", "nothing to encode in a QR code");
  }
  // QRcode_encodeData is QRcode_encodeString8bit for data that need not end in a NUL.
  errno = 0;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, to_qrencode(level)),
      &QRcode_free);
  if (!code) {
    if (errno == ERANGE || errno == EINVAL) {
      return make_error(ErrorKind::kInvalidArgument, "qr_too_long",
                        "text of " + std::to_string(text.size()) +
                            " bytes does not fit in a QR code at this error correction level");
    }
    return make_error(ErrorKind::kInternal, "qr_encode_failed",
                      "libqrencode failed (errno " + std::to_string(errno) + ")");
  }
  QrMatrix m;
  m.version = code->version;
  m.size = code->width;
  const size_t n = static_cast<size_t>(code->width) * code->width;
  m.modules.resize(n);
  for (size_t i = 0; i < n; ++i) m.modules[i] = code->data[i] & 1;  // bit 0: dark module
  return m;
}

}  // namespace md::qr
