// The 会员证 renderer, checked from the outside: poppler reads the PDF (text, fonts, page size),
// ZXing reads the QR code off the PNG, and the PNG's pixels show where ink went.
#include <cairo.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "memberdesk/printer/certificate.h"
#include "memberdesk/qr/qr.h"

namespace fs = std::filesystem;
using md::printer::CertificateFacts;
using md::printer::CertificateSize;

namespace {

constexpr char kLongName[] = "北京市某某某某某某某某某知识产权代理有限责任公司上海分公司";

// The error message of a failed result, "" for a good one (doctest evaluates the message of a
// passing REQUIRE_MESSAGE too when run with -s).
template <typename R>
std::string why(const R& r) {
  return r.ok() ? std::string() : r.error().message;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() /
                  ("memberdesk-cert-test-" + std::to_string(getpid()) + "-" +
                   std::to_string(reinterpret_cast<uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path file(const std::string& name) const { return path / name; }
};

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

// Deterministic base64url text of `n` characters, like a signed payload.
std::string base64url(size_t n, unsigned seed) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    s += kAlphabet[(seed >> 16) % 64];
  }
  return s;
}

CertificateFacts facts() {
  CertificateFacts f;
  f.member_name = "欧阳明轩";
  f.member_type_label = "个人会员（专利代理师）";
  f.member_no = "GR-2025-004821";
  f.cert_no = "HYZ-2025-010377";
  f.version = 2;
  f.valid_until = "2026-12-31";
  f.issued_on = "2025-03-01";
  f.qr_text = "http://127.0.0.1:8080/#/verify?d=" + base64url(200, 7) + "&s=" + base64url(86, 11);
  return f;
}

fs::path write_pdf(const TempDir& dir, const std::string& name, const CertificateFacts& f,
                   CertificateSize size) {
  auto pdf = md::printer::render_certificate_pdf(f, size);
  REQUIRE_MESSAGE(pdf.ok(), why(pdf));
  REQUIRE(pdf->rfind("%PDF-", 0) == 0);
  const fs::path path = dir.file(name);
  std::ofstream(path, std::ios::binary) << *pdf;
  return path;
}

std::string pdftotext(const fs::path& pdf, const std::string& options = "") {
  return run("pdftotext -enc UTF-8 " + options + " '" + pdf.string() + "' -");
}

// The page text with every line break and space removed, so wrapped lines join up again.
std::string joined_text(const fs::path& pdf) {
  std::string text = pdftotext(pdf, "-raw");
  std::erase_if(text, [](char c) { return c == '\n' || c == ' ' || c == '\f'; });
  return text;
}

// Decoded RGB pixels of a PNG (cairo RGB24 / ARGB32 words).
struct Image {
  int width = 0, height = 0;
  std::vector<uint32_t> px;
  int r(int x, int y) const { return (px[static_cast<size_t>(y) * width + x] >> 16) & 0xff; }
  int g(int x, int y) const { return (px[static_cast<size_t>(y) * width + x] >> 8) & 0xff; }
  int b(int x, int y) const { return px[static_cast<size_t>(y) * width + x] & 0xff; }
  bool white(int x, int y) const { return (px[static_cast<size_t>(y) * width + x] & 0xffffff) == 0xffffff; }
};

Image render_image(const CertificateFacts& f, CertificateSize size, double dpi,
                   std::vector<uint8_t>* png_out = nullptr) {
  auto png = md::printer::render_certificate_png(f, size, dpi);
  REQUIRE_MESSAGE(png.ok(), why(png));
  if (png_out) *png_out = *png;
  struct Reader {
    const std::vector<uint8_t>* data;
    size_t at = 0;
  } reader{&*png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* c, unsigned char* out, unsigned int n) {
        auto* r = static_cast<Reader*>(c);
        if (r->at + n > r->data->size()) return CAIRO_STATUS_READ_ERROR;
        std::copy_n(r->data->data() + r->at, n, out);
        r->at += n;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  REQUIRE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
  Image img;
  img.width = cairo_image_surface_get_width(s);
  img.height = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  img.px.resize(static_cast<size_t>(img.width) * img.height);
  for (int y = 0; y < img.height; ++y) {
    std::copy_n(reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride),
                img.width, img.px.data() + static_cast<size_t>(y) * img.width);
  }
  cairo_surface_destroy(s);
  return img;
}

// The frame's distance from each paper edge in pixels, found along the middle row and column,
// after checking that the whole band between the paper edge and the frame is blank paper.
struct Insets {
  int left = 0, right = 0, top = 0, bottom = 0;
};
Insets check_blank_outside_frame(const Image& img) {
  Insets in;
  const int my = img.height / 2, mx = img.width / 2;
  while (in.left < mx && img.white(in.left, my)) ++in.left;
  while (in.right < mx && img.white(img.width - 1 - in.right, my)) ++in.right;
  while (in.top < my && img.white(mx, in.top)) ++in.top;
  while (in.bottom < my && img.white(mx, img.height - 1 - in.bottom)) ++in.bottom;
  // The frame sits at the same distance from every edge: ink that leaked into the band on the
  // middle row or column would show up here as a lopsided frame.
  CHECK(in.left >= 5);
  CHECK(std::abs(in.left - in.right) <= 2);
  CHECK(std::abs(in.left - in.top) <= 2);
  CHECK(std::abs(in.top - in.bottom) <= 2);
  long ink = 0;
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      const bool band = x < in.left || x >= img.width - in.right || y < in.top ||
                        y >= img.height - in.bottom;
      if (band && !img.white(x, y)) ++ink;
    }
  }
  CHECK_MESSAGE(ink == 0, ink << " non-white pixels outside the frame");
  return in;
}

struct Word {
  double x0, y0, x1, y1;
  std::string text;
};

std::vector<Word> words(const fs::path& pdf) {
  const std::string xml = pdftotext(pdf, "-bbox");
  static const std::regex re(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::vector<Word> out;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator();
       ++it) {
    const auto& m = *it;
    out.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
  }
  return out;
}

// Every font of the PDF embedded as a subset: pdffonts' emb and sub columns (counted from the
// right: the type column may contain spaces). Returns the number of fonts.
int check_fonts_embedded_subsets(const fs::path& pdf) {
  std::istringstream lines(run("pdffonts '" + pdf.string() + "'"));
  std::string line;
  int fonts = 0;
  bool body = false;
  while (std::getline(lines, line)) {
    if (line.rfind("----", 0) == 0) {
      body = true;
      continue;
    }
    if (!body || line.empty()) continue;
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string t; cols >> t;) c.push_back(t);
    REQUIRE(c.size() >= 7);
    const size_t n = c.size();
    CHECK_MESSAGE(c[n - 5] == "yes", "not embedded: " << line);
    CHECK_MESSAGE(c[n - 4] == "yes", "not a subset: " << line);
    ++fonts;
  }
  return fonts;
}

std::pair<double, double> page_size_pts(const fs::path& pdf) {
  const std::string info = run("pdfinfo '" + pdf.string() + "'");
  std::smatch m;
  static const std::regex re(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)");
  REQUIRE(std::regex_search(info, m, re));
  return {std::stod(m[1]), std::stod(m[2])};
}

bool have_poppler() { return !run("command -v pdftotext pdffonts pdfinfo").empty(); }

}  // namespace

TEST_CASE("certificate A4 PDF carries its facts in small embedded subset fonts") {
  if (!have_poppler()) {
    MESSAGE("poppler-utils not installed: PDF not checked");
    return;
  }
  TempDir dir;
  const CertificateFacts f = facts();
  const fs::path pdf = write_pdf(dir, "a4.pdf", f, md::printer::a4());
  const auto bytes = fs::file_size(pdf);
  MESSAGE("A4 certificate PDF: " << bytes << " bytes");
  CHECK(bytes < 200 * 1024);

  const std::string text = pdftotext(pdf);
  for (const char* want : {"中华全国专利代理师协会", "会员编号", "GR-2025-004821", "证书编号",
                           "HYZ-2025-010377", "第2版", "有效期至", "2026年12月31日", "发证日期",
                           "2025年3月1日", "欧阳明轩", "个人会员（专利代理师）"}) {
    CHECK_MESSAGE(text.find(want) != std::string::npos, "missing: " << want);
  }
  CHECK(joined_text(pdf).find("会员证") != std::string::npos);  // letter-spaced title
  CHECK(check_fonts_embedded_subsets(pdf) >= 1);
  const auto [w, h] = page_size_pts(pdf);
  CHECK(w == doctest::Approx(595.28).epsilon(0.0001));
  CHECK(h == doctest::Approx(841.89).epsilon(0.0001));

  CertificateFacts first = f;
  first.version = 1;
  const std::string v1 = pdftotext(write_pdf(dir, "v1.pdf", first, md::printer::a4()));
  CHECK(v1.find("HYZ-2025-010377") != std::string::npos);
  CHECK(v1.find("版") == std::string::npos);
}

TEST_CASE("certificate card PDFs have the card page size") {
  if (!have_poppler()) return;
  TempDir dir;
  struct Case {
    double w_mm, h_mm;
  };
  for (Case c : {Case{85.6, 54}, Case{148, 105}}) {
    CAPTURE(c.w_mm);
    const fs::path pdf = write_pdf(dir, "card.pdf", facts(), md::printer::card_mm(c.w_mm, c.h_mm));
    const auto [w, h] = page_size_pts(pdf);
    CHECK(w == doctest::Approx(c.w_mm * 72 / 25.4).epsilon(0.0001));
    CHECK(h == doctest::Approx(c.h_mm * 72 / 25.4).epsilon(0.0001));
    CHECK(fs::file_size(pdf) < 200 * 1024);
    CHECK(check_fonts_embedded_subsets(pdf) >= 1);
    const std::string text = pdftotext(pdf);
    CHECK(text.find("欧阳明轩") != std::string::npos);
    CHECK(text.find("GR-2025-004821") != std::string::npos);
    CHECK(text.find("2026年12月31日") != std::string::npos);
  }
}

TEST_CASE("certificate PNG at 150 dpi carries a readable QR code on A4 and on the ID-1 card") {
  const CertificateFacts f = facts();
  REQUIRE(f.qr_text.size() > 300);
  for (CertificateSize size : {md::printer::a4(), md::printer::card_mm(85.6, 54)}) {
    CAPTURE(size.width_pt);
    auto png = md::printer::render_certificate_png(f, size, 150);
    REQUIRE_MESSAGE(png.ok(), why(png));
    auto text = md::qr::decode_png(*png);
    REQUIRE(text.has_value());
    CHECK(*text == f.qr_text);
  }
}

TEST_CASE("certificate long agency name stays whole and inside the frame on A4 and ID-1") {
  TempDir dir;
  CertificateFacts f = facts();
  f.member_name = kLongName;
  f.member_type_label = "团体会员（专利代理机构）";
  for (CertificateSize size : {md::printer::a4(), md::printer::card_mm(85.6, 54)}) {
    CAPTURE(size.width_pt);
    const Image img = render_image(f, size, 150);
    const Insets in = check_blank_outside_frame(img);
    if (!have_poppler()) continue;

    const fs::path pdf = write_pdf(dir, "long.pdf", f, size);
    CHECK(joined_text(pdf).find(kLongName) != std::string::npos);
    // Every word inside the frame, and the name's lines (at most two) overlapping no other text.
    const double px = 72.0 / 150;
    const double fx0 = in.left * px, fy0 = in.top * px;
    const double fx1 = size.width_pt - in.right * px, fy1 = size.height_pt - in.bottom * px;
    std::vector<Word> all = words(pdf), name;
    REQUIRE(!all.empty());
    for (const Word& w : all) {
      CAPTURE(w.text);
      CHECK(w.x0 >= fx0);
      CHECK(w.y0 >= fy0);
      CHECK(w.x1 <= fx1);
      CHECK(w.y1 <= fy1);
      if (w.text.size() >= 9 && std::string(kLongName).find(w.text) != std::string::npos) {
        name.push_back(w);
      }
    }
    CHECK(name.size() >= 1);
    CHECK(name.size() <= 2);
    for (const Word& n : name) {
      for (const Word& w : all) {
        if (&w == &n || std::find_if(name.begin(), name.end(), [&](const Word& o) {
                          return o.text == w.text && o.x0 == w.x0 && o.y0 == w.y0;
                        }) != name.end()) {
          continue;
        }
        const bool overlap = n.x0 < w.x1 && w.x0 < n.x1 && n.y0 < w.y1 && w.y0 < n.y1;
        CHECK_MESSAGE(!overlap, "name line '" << n.text << "' overlaps '" << w.text << "'");
      }
    }
  }
}

TEST_CASE("certificate name far too long for two lines is cut and still inside the frame") {
  CertificateFacts f = facts();
  f.member_name.clear();
  for (int i = 0; i < 4; ++i) f.member_name += kLongName;
  for (CertificateSize size : {md::printer::a4(), md::printer::card_mm(85.6, 54)}) {
    check_blank_outside_frame(render_image(f, size, 150));
  }
}

TEST_CASE("certificate seal comes from the PNG file or is the default seal") {
  TempDir dir;
  const fs::path seal = dir.file("seal.png");
  {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 120);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    REQUIRE(cairo_surface_write_to_png(s, seal.c_str()) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
  }
  // Pure seal red (the file's 255,0,0 stamped over the paper) vs the default seal's red ink.
  struct Count {
    long file_red = 0, default_red = 0;
    double sum_x = 0, sum_y = 0;
  };
  auto count = [](const Image& img) {
    Count c;
    for (int y = 0; y < img.height; ++y) {
      for (int x = 0; x < img.width; ++x) {
        const int r = img.r(x, y), g = img.g(x, y), b = img.b(x, y);
        if (r > 240 && g < 45 && b < 45) {
          ++c.file_red;
          c.sum_x += x;
          c.sum_y += y;
        } else if (r > 200 && r <= 235 && g < 90 && b < 90) {
          ++c.default_red;
        }
      }
    }
    return c;
  };

  CertificateFacts f = facts();
  for (CertificateSize size : {md::printer::a4(), md::printer::card_mm(85.6, 54)}) {
    CAPTURE(size.width_pt);
    long default_ink = 0;
    for (std::string path : {std::string(), dir.file("missing.png").string()}) {
      f.seal_png_path = path;
      const Count d = count(render_image(f, size, 150));
      MESSAGE("default seal: " << d.default_red << " seal-red pixels, " << d.file_red
                               << " pure red");
      CHECK(d.file_red < 50);
      CHECK(d.default_red > 500);
      default_ink = d.default_red;
    }

    f.seal_png_path = seal.string();
    const Image with_file = render_image(f, size, 150);
    const Count a = count(with_file);
    MESSAGE("seal file: " << a.file_red << " pure red pixels, " << a.default_red << " other");
    // A 40 mm (A4) or 15 mm (card) square of it, in the lower half, and no default seal (the
    // few "default red" pixels left are text edges under the stamp).
    CHECK(a.file_red > 2000);
    CHECK(a.default_red * 3 < default_ink);
    if (a.file_red > 0) {
      CHECK(a.sum_y / a.file_red > with_file.height * 0.55);
      if (size.width_pt < size.height_pt) CHECK(a.sum_x / a.file_red > with_file.width * 0.5);
    }
  }
}

TEST_CASE("certificate rejects missing facts and bad sizes") {
  const CertificateSize a4 = md::printer::a4();
  auto rejected = [&](const CertificateFacts& f, CertificateSize size) {
    auto pdf = md::printer::render_certificate_pdf(f, size);
    auto png = md::printer::render_certificate_png(f, size, 96);
    REQUIRE_FALSE(pdf.ok());
    REQUIRE_FALSE(png.ok());
    CHECK(pdf.error().kind == md::ErrorKind::kInvalidArgument);
    CHECK(png.error().kind == md::ErrorKind::kInvalidArgument);
    return pdf.error().code;
  };
  CertificateFacts f = facts();
  f.member_name.clear();
  CHECK(rejected(f, a4) == "missing_member_name");
  f = facts();
  f.member_no.clear();
  CHECK(rejected(f, a4) == "missing_member_no");
  f = facts();
  f.cert_no.clear();
  CHECK(rejected(f, a4) == "missing_cert_no");
  f = facts();
  f.qr_text.clear();
  CHECK(rejected(f, a4) == "missing_qr_text");
  f = facts();
  f.qr_text = std::string(3000, 'x');  // beyond a version 40 symbol at level M
  CHECK(rejected(f, a4) != "");
  f = facts();
  f.valid_until = "2026/12/31";
  CHECK(rejected(f, a4) == "bad_valid_until");

  CHECK(rejected(facts(), md::printer::card_mm(49, 100)) == "bad_page_size");
  CHECK(rejected(facts(), md::printer::card_mm(100, 49)) == "bad_page_size");
  CHECK(rejected(facts(), md::printer::card_mm(601, 100)) == "bad_page_size");
  CHECK(rejected(facts(), CertificateSize{}) == "bad_page_size");
  CHECK(md::printer::render_certificate_pdf(facts(), md::printer::card_mm(50, 50)).ok());
  CHECK(md::printer::render_certificate_pdf(facts(), md::printer::card_mm(600, 600)).ok());

  for (double dpi : {0.0, -1.0, 600.5}) {
    CAPTURE(dpi);
    auto png = md::printer::render_certificate_png(facts(), a4, dpi);
    REQUIRE_FALSE(png.ok());
    CHECK(png.error().kind == md::ErrorKind::kInvalidArgument);
  }
}
