// md::printer — the membership certificate (会员证): one layout, drawn by cairo + pango to a
// vector PDF (A4 portrait or a configured card size, Chinese fonts embedded as subsets) and to
// a PNG preview from the same drawing code.
//
//   md::printer::CertificateFacts f{...};
//   auto pdf = md::printer::render_certificate_pdf(f, md::printer::a4());   // Result<std::string>
//   auto png = md::printer::render_certificate_png(f, md::printer::a4(), 96);  // Result<std::vector<uint8_t>>
//
// The drawing never leaves the frame: a long name (a 30-character agency name) shrinks to a
// minimum size and then wraps onto a second line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace md::printer {

// What the certificate shows. All text UTF-8, already in display form.
struct CertificateFacts {
  std::string association = "中华全国专利代理师协会";
  std::string title = "会员证";
  std::string member_name;        // 姓名 / 机构名称
  std::string member_type_label;  // 团体会员（专利代理机构）, 个人会员（专利代理师）…
  std::string member_no;          // 会员编号
  std::string cert_no;            // 证书编号
  int version = 1;                // printed as 第N版 when > 1
  std::string valid_until;        // 有效期至, "YYYY-MM-DD" (printed as 2026年12月31日); "" = no row
  std::string issued_on;          // 发证日期, "YYYY-MM-DD"; "" = no date line
  std::string qr_text;            // the signed verification URL
  // PNG file of the association's seal; empty or unreadable = the neutral default seal drawn
  // in code (a red ring with the association's name and a star).
  std::string seal_png_path;
};

// Page size in points (1/72 in).
struct CertificateSize {
  double width_pt = 0;
  double height_pt = 0;
};
CertificateSize a4();                                       // 210 x 297 mm portrait
CertificateSize card_mm(double width_mm, double height_mm);  // e.g. 85.6 x 54 (ID-1), 148 x 105

// The PDF as bytes (for download and for CUPS). Fails with kInvalidArgument on an empty
// member_name / member_no / cert_no / qr_text (codes missing_member_name ...), a QR text too long
// to encode at level M, a date not in YYYY-MM-DD form (bad_valid_until, bad_issued_on) or a
// size outside 50..600 mm per side (bad_page_size). Width >= height gives the card layout
// (QR code on the right, as large as fits), otherwise the portrait layout (QR 46 mm on A4).
Result<std::string> render_certificate_pdf(const CertificateFacts& f, CertificateSize size);
// The PNG preview at `dpi`, from the same drawing; fails as above, or bad_dpi unless
// 0 < dpi <= 600.
Result<std::vector<uint8_t>> render_certificate_png(const CertificateFacts& f, CertificateSize size,
                                                    double dpi);

}  // namespace md::printer
