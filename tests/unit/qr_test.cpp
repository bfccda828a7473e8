#include <doctest/doctest.h>

#include <string>

#include "memberdesk/qr/qr.h"

namespace qr = md::qr;

namespace {

std::string round_trip(const std::string& text, int module_px = 4) {
  auto m = qr::encode(text);
  REQUIRE(m.ok());
  auto png = qr::to_png(*m, module_px);
  REQUIRE_FALSE(png.empty());
  auto decoded = qr::decode_png(png);
  REQUIRE(decoded.has_value());
  return *decoded;
}

// The number in attribute `name="..."` of the first tag of `svg`.
int svg_attribute(const std::string& svg, const std::string& name) {
  auto at = svg.find(" " + name + "=\"");
  REQUIRE(at != std::string::npos);
  return std::stoi(svg.substr(at + name.size() + 3));
}

}  // namespace

TEST_CASE("qr round trip of ASCII text") {
  CHECK(round_trip("Member Desk 0001") == "Member Desk 0001");
}

TEST_CASE("qr round trip of Chinese UTF-8 text") {
  const std::string text = "中华全国专利代理师协会 会员证明 张伟";
  CHECK(round_trip(text) == text);
}

TEST_CASE("qr round trip of a long verification URL") {
  std::string url = "https://member.example.cn/verify/certificate?id=CPAA-2025-000123&sig=";
  for (int i = 0; i < 6; ++i) url += "Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OWFiY2RlZg";
  const auto m = qr::encode(url);
  REQUIRE(m.ok());
  CHECK(m->version > 10);
  CHECK(round_trip(url, 3) == url);
}

TEST_CASE("qr matrix has the size of its version") {
  auto m = qr::encode("x", qr::EcLevel::H);
  REQUIRE(m.ok());
  CHECK(m->size == 17 + 4 * m->version);
  CHECK(m->modules.size() == static_cast<size_t>(m->size * m->size));
  CHECK(m->dark(0, 0));  // finder pattern corner
}

TEST_CASE("qr encode rejects empty and oversized text") {
  CHECK_FALSE(qr::encode("").ok());
  auto big = qr::encode(std::string(2332, 'a'), qr::EcLevel::M);  // 2331 bytes fit at M
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == "qr_too_long");
  CHECK(qr::encode(std::string(2953, 'a'), qr::EcLevel::L).ok());
}

TEST_CASE("qr svg is one path sized by its modules") {
  auto m = qr::encode("https://member.example.cn/pay/ORD20250101001");
  REQUIRE(m.ok());
  const std::string svg = qr::to_svg(*m, 5, 4);
  CHECK(svg.rfind("<svg", 0) == 0);
  CHECK(svg.size() > 6);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
  CHECK(svg.find("<path") != std::string::npos);
  CHECK(svg.find("<path", svg.find("<path") + 1) == std::string::npos);
  CHECK(svg_attribute(svg, "width") == (m->size + 8) * 5);
  CHECK(svg_attribute(svg, "height") == (m->size + 8) * 5);
  CHECK(svg.find("viewBox=\"0 0 " + std::to_string(m->size + 8) + " ") != std::string::npos);
}

TEST_CASE("qr png has the size of modules and quiet zone") {
  auto m = qr::encode("abc");
  REQUIRE(m.ok());
  auto png = qr::to_png(*m, 6, 2);
  REQUIRE(png.size() > 24);
  // IHDR width and height: big-endian at bytes 16 and 20.
  auto be32 = [&](size_t at) {
    return (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
  };
  CHECK(be32(16) == (m->size + 4) * 6);
  CHECK(be32(20) == (m->size + 4) * 6);
}

TEST_CASE("qr decode finds nothing in an image without a code") {
  std::vector<uint8_t> grey(200 * 120, 0xff);
  for (int y = 40; y < 80; ++y)
    for (int x = 50; x < 150; ++x) grey[y * 200 + x] = (x / 7 + y / 5) % 2 ? 0 : 0xff;
  CHECK_FALSE(qr::decode_grey(grey.data(), 200, 120, 200).has_value());

  auto m = qr::encode("abc");
  REQUIRE(m.ok());
  auto png = qr::to_png(*m, 2);
  png.resize(png.size() / 2);  // truncated: not a PNG any more
  CHECK_FALSE(qr::decode_png(png).has_value());
  CHECK_FALSE(qr::decode_png({}).has_value());
}

TEST_CASE("qr decode_grey reads a drawn code") {
  auto m = qr::encode("grey 灰度");
  REQUIRE(m.ok());
  const int px = 3, side = (m->size + 8) * px, stride = side + 5;
  std::vector<uint8_t> grey(static_cast<size_t>(stride) * side, 0xff);
  for (int y = 0; y < m->size * px; ++y)
    for (int x = 0; x < m->size * px; ++x)
      if (m->dark(x / px, y / px)) grey[(y + 4 * px) * stride + x + 4 * px] = 0;
  auto text = qr::decode_grey(grey.data(), side, side, stride);
  REQUIRE(text.has_value());
  CHECK(*text == "grey 灰度");
}
