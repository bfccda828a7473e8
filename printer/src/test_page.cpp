// The printer test page: checks Chinese text, fine lines, margins and a scannable QR code.
#include "memberdesk/printer/test_page.h"

#include <ctime>

#include "memberdesk/qr/qr.h"
#include "page.h"

namespace md::printer {
namespace {

constexpr double kMargin = 20 * kPointsPerMm;
constexpr double kQrSide = 45 * kPointsPerMm;

std::string today_shanghai() {
  // China has had no daylight saving time since 1991: UTC+8 is exact.
  std::time_t t = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void draw_test_page(cairo_t* cr, const TestPage& page, const qr::QrMatrix& code,
                    const std::string& date) {
  const double w = kA4Width - 2 * kMargin;

  // A thin frame 10 mm inside the paper edge: shows what the printer clips.
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.5);
  const double edge = 10 * kPointsPerMm;
  cairo_rectangle(cr, edge, edge, kA4Width - 2 * edge, kA4Height - 2 * edge);
  cairo_stroke(cr);

  double y = kMargin + 20;
  y += draw_text(cr, "中华全国专利代理师协会", kMargin, y, w,
                 {.size_pt = 26, .align = Align::kCenter});
  y += 12;
  y += draw_text(cr, "Member Desk 打印测试页", kMargin, y, w,
                 {.size_pt = 18, .align = Align::kCenter});
  y += 18;
  cairo_set_line_width(cr, 1);
  cairo_move_to(cr, kMargin, y);
  cairo_line_to(cr, kMargin + w, y);
  cairo_stroke(cr);
  y += 18;

  y += draw_text(cr, "打印日期：" + date, kMargin, y, w, {.size_pt = 12});
  y += 10;
  y += draw_text(
      cr,
      "示例文字：兹证明本页由 Member Desk 会员服务终端生成，用于检查打印机的中文字体、"
      "细线与二维码输出是否清晰完整。专利代理师执业证书、会费收据与会员证明均以此方式打印。",
      kMargin, y, w, {.size_pt = 12});
  y += 10;
  y += draw_text(cr, "字号 9 pt：永和九年，岁在癸丑，暮春之初，会于会稽山阴之兰亭，修禊事也。",
                 kMargin, y, w, {.size_pt = 9});
  y += 36;

  const double qr_x = (kA4Width - kQrSide) / 2;
  qr::draw(cr, code, qr_x, y, kQrSide);
  y += kQrSide + 8;
  y += draw_text(cr, "扫描二维码核对打印结果", kMargin, y, w,
                 {.size_pt = 10, .align = Align::kCenter});
  draw_text(cr, page.qr_url, kMargin, y + 2, w,
            {.size_pt = 9, .align = Align::kCenter, .r = 0.3, .g = 0.3, .b = 0.3});
}

// Everything that can fail before drawing starts, so the drawing itself cannot.
Result<DrawPage> prepare(const TestPage& page) {
  auto code = qr::encode(page.qr_url);
  if (!code.ok()) return code.error();
  std::string date = page.date.empty() ? today_shanghai() : page.date;
  return DrawPage([page, code = std::move(*code), date = std::move(date)](cairo_t* cr) {
    draw_test_page(cr, page, code, date);
  });
}

}  // namespace

Status render_test_page_pdf(const std::string& path, const TestPage& page) {
  auto draw = prepare(page);
  if (!draw.ok()) return draw.error();
  return render_pdf(path, "Member Desk 打印测试页", {}, *draw);
}

Result<std::vector<uint8_t>> render_test_page_png(double dpi, const TestPage& page) {
  auto draw = prepare(page);
  if (!draw.ok()) return draw.error();
  return render_png(dpi, {}, *draw);
}

}  // namespace md::printer
