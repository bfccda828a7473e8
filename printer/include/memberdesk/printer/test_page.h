// md::printer — the printer test page (打印测试页): the first piece of certificate rendering.
//
// One drawing function renders an A4 page (595.276 x 841.89 pt): the association's name, the
// page title, the date, lines of sample Chinese text (pango, WenQuanYi Micro Hei: this page is
// 28 KB as a PDF, 489 KB with Noto Serif CJK SC) and a QR code with a URL (vectors from
// md::qr::draw). The PDF is for the printer; the PNG, from the same drawing, is a preview
// for the kiosk screen and for tests.
//
//   md::Status s = md::printer::render_test_page_pdf("/var/spool/memberdesk/test.pdf");
//   auto png = md::printer::render_test_page_png(96);   // Result<std::vector<uint8_t>>
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace md::printer {

inline constexpr char kDefaultTestPageUrl[] = "https://member.example.cn/print-test";

struct TestPage {
  std::string qr_url = kDefaultTestPageUrl;  // what the QR code on the page carries
  std::string date;  // printed as is; empty = today in Asia/Shanghai, "YYYY-MM-DD"
};

// Writes the page as a one-page PDF at `path` (replaced if it exists).
Status render_test_page_pdf(const std::string& path, const TestPage& page = {});

// The page as PNG bytes at `dpi` (72 = one pixel per point; 96 gives 794 x 1123 px).
// REQUIRES: 0 < dpi <= 600.
Result<std::vector<uint8_t>> render_test_page_png(double dpi, const TestPage& page = {});

}  // namespace md::printer
