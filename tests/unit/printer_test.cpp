#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "memberdesk/printer/test_page.h"
#include "memberdesk/qr/qr.h"

namespace fs = std::filesystem;

namespace {

// A scratch file removed at the end of the test.
struct TempFile {
  fs::path path =
      fs::temp_directory_path() / ("memberdesk-printer-test-" + std::to_string(getpid()) + ".pdf");
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

std::string read_prefix(const fs::path& p, size_t n) {
  std::ifstream in(p, std::ios::binary);
  std::string s(n, '\0');
  in.read(s.data(), static_cast<std::streamsize>(n));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace

TEST_CASE("print test page as a small PDF with its Chinese text") {
  TempFile pdf;
  md::printer::TestPage page;
  page.date = "2025-03-01";
  auto status = md::printer::render_test_page_pdf(pdf.path.string(), page);
  REQUIRE_MESSAGE(status.ok(), status.error().message);
  REQUIRE(fs::exists(pdf.path));
  CHECK(read_prefix(pdf.path, 5) == "%PDF-");
  const auto size = fs::file_size(pdf.path);
  MESSAGE("test page PDF: " << size << " bytes");
  CHECK(size < 200 * 1024);

  if (run("command -v pdftotext").empty()) {
    MESSAGE("pdftotext not installed: text extraction not checked");
    return;
  }
  const std::string text = run("pdftotext -enc UTF-8 '" + pdf.path.string() + "' -");
  CHECK(text.find("中华全国专利代理师协会") != std::string::npos);
  CHECK(text.find("打印测试页") != std::string::npos);
  CHECK(text.find("2025-03-01") != std::string::npos);
}

TEST_CASE("print test page PNG carries a readable QR code") {
  md::printer::TestPage page;
  page.qr_url = "https://member.example.cn/verify/print-test?n=42";
  auto png = md::printer::render_test_page_png(96, page);
  REQUIRE_MESSAGE(png.ok(), png.error().message);
  REQUIRE(png->size() > 8);
  auto url = md::qr::decode_png(*png);
  REQUIRE(url.has_value());
  CHECK(*url == page.qr_url);
}

TEST_CASE("print test page reports an unwritable path") {
  auto status = md::printer::render_test_page_pdf("/nonexistent-dir/test.pdf");
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().code == "pdf_open_failed");
}

TEST_CASE("print test page PNG rejects a silly dpi") {
  CHECK_FALSE(md::printer::render_test_page_png(0).ok());
  CHECK_FALSE(md::printer::render_test_page_png(5000).ok());
}
