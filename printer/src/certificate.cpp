// The 会员证: checks and prepares everything that can fail (facts, size, QR, seal image), then
// one drawing function paints the layout of certificate_layout.h to a PDF or a PNG.
#include "memberdesk/printer/certificate.h"

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "certificate_layout.h"
#include "certificate_seal.h"
#include "memberdesk/qr/qr.h"
#include "page.h"

namespace md::printer {
namespace {

// Titles in a serif face; three glyphs of Noto Serif CJK cost little in the PDF.
constexpr char kTitleFamily[] = "Noto Serif CJK SC,WenQuanYi Micro Hei";

constexpr Colour kRed{0.70, 0.09, 0.10};
constexpr Colour kGold{0.76, 0.58, 0.22};
constexpr Colour kInk{0.10, 0.10, 0.10};
constexpr Colour kGrey{0.35, 0.33, 0.30};
constexpr Colour kPaper{1.0, 0.988, 0.955};

TextStyle style(double pt, Colour c, Align align = Align::kCenter, bool bold = false) {
  TextStyle s;
  s.size_pt = pt;
  s.align = align;
  s.r = c.r, s.g = c.g, s.b = c.b;
  s.bold = bold;
  return s;
}

void set(cairo_t* cr, Colour c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void stroke_box(cairo_t* cr, const Box& b, double line) {
  cairo_set_line_width(cr, line);
  cairo_rectangle(cr, b.x + line / 2, b.y + line / 2, b.w - line, b.h - line);
  cairo_stroke(cr);
}

// A double frame (red, gold, thin red) on a faint paper tint, with 回纹-like corner brackets.
void draw_frame(cairo_t* cr, const CertificateLayout& l) {
  const double t = l.border_pt;
  const Box& f = l.frame;
  const Box& in = l.frame_inner;
  cairo_save(cr);
  cairo_rectangle(cr, f.x, f.y, f.w, f.h);
  cairo_set_source_rgb(cr, kPaper.r, kPaper.g, kPaper.b);
  cairo_fill(cr);
  set(cr, kRed);
  stroke_box(cr, f, t);
  const double mid = (in.x - f.x) * 0.55;
  set(cr, kGold);
  stroke_box(cr, {f.x + mid, f.y + mid, f.w - 2 * mid, f.h - 2 * mid}, t * 0.4);
  set(cr, kRed);
  stroke_box(cr, in, t * 0.25);

  // Corner brackets: two nested L shapes inside each inner corner.
  set(cr, kGold);
  cairo_set_line_width(cr, t * 0.45);
  const double o = l.ornament, g = t * 1.6;
  for (int corner = 0; corner < 4; ++corner) {
    const double sx = corner % 2 ? -1 : 1, sy = corner / 2 ? -1 : 1;
    const double x0 = corner % 2 ? in.right() : in.x, y0 = corner / 2 ? in.bottom() : in.y;
    for (double d : {g, 2.2 * g}) {
      const double len = o - (d - g);
      cairo_move_to(cr, x0 + sx * d, y0 + sy * (d + len));
      cairo_line_to(cr, x0 + sx * d, y0 + sy * d);
      cairo_line_to(cr, x0 + sx * (d + len), y0 + sy * d);
    }
    cairo_stroke(cr);
    cairo_rectangle(cr, x0 + sx * 3.4 * g - t * 0.6, y0 + sy * 3.4 * g - t * 0.6, t * 1.2,
                    t * 1.2);
    cairo_fill(cr);
  }
  cairo_restore(cr);
}

// A gold rule with a small diamond in the middle.
void draw_divider(cairo_t* cr, const CertificateLayout& l) {
  const double cx = l.page.w / 2, y = l.divider_y;
  const double half = l.title.w * 0.3, d = l.border_pt * 1.5;
  cairo_save(cr);
  set(cr, kGold);
  cairo_set_line_width(cr, l.border_pt * 0.35);
  cairo_move_to(cr, cx - half, y);
  cairo_line_to(cr, cx - 2 * d, y);
  cairo_move_to(cr, cx + 2 * d, y);
  cairo_line_to(cr, cx + half, y);
  cairo_stroke(cr);
  cairo_move_to(cr, cx, y - d);
  cairo_line_to(cr, cx + d, y);
  cairo_line_to(cr, cx, y + d);
  cairo_line_to(cr, cx - d, y);
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_restore(cr);
}

// "2026-12-31" -> "2026年12月31日"; empty when `iso` is not a date of that form.
std::string chinese_date(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      iso[4] != '-' || iso[7] != '-' || y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) {
    return {};
  }
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

struct Prepared {
  CertificateFacts facts;
  std::string valid_until;  // 2026年12月31日, or empty: the row is left out
  std::string issued_on;
  qr::QrMatrix code;
  std::shared_ptr<cairo_surface_t> seal;  // null: the default seal
};

// 会员编号 / 证书编号 / 有效期至 rows: labels in a column, values after them.
void draw_fields(cairo_t* cr, const CertificateLayout& l, const Prepared& p) {
  std::vector<std::pair<std::string, std::string>> rows = {
      {"会员编号：", p.facts.member_no},
      {"证书编号：", p.facts.cert_no + (p.facts.version > 1
                                          ? "（第" + std::to_string(p.facts.version) + "版）"
                                          : "")}};
  if (!p.valid_until.empty()) rows.push_back({"有效期至：", p.valid_until});

  const TextStyle label = style(l.field_pt, kGrey, Align::kLeft);
  const double label_w = measure_text(cr, "有效期至：", 0, label).width;
  const double row_h = l.fields.h / 3;
  double widest = 0;
  for (const auto& [k, v] : rows) {
    widest = std::max(widest, measure_text(cr, v, 0, style(l.field_pt, kInk, Align::kLeft)).width);
  }
  // Portrait: the block is centred; landscape: it starts at the column's left edge.
  double x = l.fields.x;
  if (l.shape == CertificateShape::kPortrait) {
    x += std::max(0.0, (l.fields.w - label_w - widest) / 2);
  }
  const double value_w = l.fields.right() - x - label_w;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Box row{x, l.fields.y + row_h * static_cast<double>(i), l.fields.right() - x, row_h};
    draw_fitted(cr, rows[i].first, row, fit_text(cr, rows[i].first, row, label, l.field_pt,
                                                 l.field_pt * 0.6, 1));
    const Box value{x + label_w, row.y, value_w, row_h};
    draw_fitted(cr, rows[i].second, value,
                fit_text(cr, rows[i].second, value, style(l.field_pt, kInk, Align::kLeft),
                         l.field_pt, l.field_pt * 0.6, 1));
  }
}

void draw_certificate(cairo_t* cr, const CertificateLayout& l, const Prepared& p) {
  const CertificateFacts& f = p.facts;
  draw_frame(cr, l);

  TextStyle assoc = style(l.association_pt, kRed);
  assoc.letter_spacing_pt = l.association_pt * 0.15;
  draw_fitted(cr, f.association, l.association,
              fit_text(cr, f.association, l.association, assoc, l.association_pt,
                       l.association_pt * 0.6, 1));

  TextStyle title = style(l.title_pt, kRed, Align::kCenter, true);
  title.family = kTitleFamily;
  title.letter_spacing_pt = l.title_spacing_pt;
  // Letter spacing follows every glyph, the last too: shift by half of it to look centred.
  Box title_box = l.title;
  title_box.x += l.title_spacing_pt / 2;
  draw_fitted(cr, f.title, title_box,
              fit_text(cr, f.title, title_box, title, l.title_pt, l.title_pt * 0.5, 1));
  draw_divider(cr, l);

  const Align column = l.shape == CertificateShape::kPortrait ? Align::kCenter : Align::kLeft;
  draw_fitted(cr, f.member_name, l.name,
              fit_text(cr, f.member_name, l.name, style(l.name_max_pt, kInk, column, true),
                       l.name_max_pt, l.name_min_pt, 2));
  if (!f.member_type_label.empty()) {
    draw_fitted(cr, f.member_type_label, l.type_label,
                fit_text(cr, f.member_type_label, l.type_label, style(l.type_pt, kGrey, column),
                         l.type_pt, l.type_pt * 0.6, 1));
  }
  draw_fields(cr, l, p);

  // The issuer and the date, with the seal stamped over them.
  const Align issuer_align =
      l.shape == CertificateShape::kPortrait ? Align::kCenter : Align::kRight;
  const Box issuer_top{l.issuer.x, l.issuer.y, l.issuer.w, l.issuer.h / 2};
  const Box issuer_bottom{l.issuer.x, l.issuer.cy(), l.issuer.w, l.issuer.h / 2};
  draw_fitted(cr, f.association, issuer_top,
              fit_text(cr, f.association, issuer_top, style(l.issuer_pt, kInk, issuer_align),
                       l.issuer_pt, l.issuer_pt * 0.6, 1));
  if (!p.issued_on.empty()) {
    const std::string line = "发证日期：" + p.issued_on;
    draw_fitted(cr, line, issuer_bottom,
                fit_text(cr, line, issuer_bottom, style(l.issuer_pt, kInk, issuer_align),
                         l.issuer_pt, l.issuer_pt * 0.6, 1));
  }
  if (p.seal) {
    draw_seal_image(cr, p.seal.get(), l.seal);
  } else {
    draw_default_seal(cr, f.association, l.seal);
  }

  qr::draw(cr, p.code, l.qr.x, l.qr.y, l.qr.w);
  if (l.qr_caption.w > 0) {
    draw_fitted(cr, "扫码核验证书真伪", l.qr_caption,
                fit_text(cr, "扫码核验证书真伪", l.qr_caption, style(l.caption_pt, kGrey),
                         l.caption_pt, l.caption_pt * 0.6, 1));
  }
}

Error invalid(std::string code, std::string message) {
  return make_error(ErrorKind::kInvalidArgument, std::move(code), std::move(message));
}

// Everything that can fail, before any drawing: the drawing itself then cannot.
Result<DrawPage> prepare(const CertificateFacts& f, CertificateSize size) {
  if (f.member_name.empty()) return invalid("missing_member_name", "会员名称不能为空");
  if (f.member_no.empty()) return invalid("missing_member_no", "会员编号不能为空");
  if (f.cert_no.empty()) return invalid("missing_cert_no", "证书编号不能为空");
  if (f.qr_text.empty()) return invalid("missing_qr_text", "证书二维码内容不能为空");
  const double min_pt = 50 * kPointsPerMm - 1e-6, max_pt = 600 * kPointsPerMm + 1e-6;
  if (!(size.width_pt >= min_pt && size.width_pt <= max_pt && size.height_pt >= min_pt &&
        size.height_pt <= max_pt)) {
    return invalid("bad_page_size", "certificate page sides must be 50..600 mm");
  }
  Prepared p{f, chinese_date(f.valid_until), chinese_date(f.issued_on), {}, nullptr};
  if (!f.valid_until.empty() && p.valid_until.empty()) {
    return invalid("bad_valid_until", "有效期格式应为 YYYY-MM-DD");
  }
  if (!f.issued_on.empty() && p.issued_on.empty()) {
    return invalid("bad_issued_on", "发证日期格式应为 YYYY-MM-DD");
  }
  auto code = qr::encode(f.qr_text, qr::EcLevel::M);
  if (!code.ok()) return code.error();
  p.code = std::move(*code);
  p.seal = load_seal_png(f.seal_png_path);

  auto layout = std::make_shared<const CertificateLayout>(layout_certificate(size));
  auto prepared = std::make_shared<const Prepared>(std::move(p));
  return DrawPage([layout, prepared](cairo_t* cr) { draw_certificate(cr, *layout, *prepared); });
}

PageSize page_size(CertificateSize size) { return {size.width_pt, size.height_pt}; }

}  // namespace

CertificateSize a4() { return {kA4Width, kA4Height}; }

CertificateSize card_mm(double width_mm, double height_mm) {
  return {width_mm * kPointsPerMm, height_mm * kPointsPerMm};
}

Result<std::string> render_certificate_pdf(const CertificateFacts& f, CertificateSize size) {
  auto draw = prepare(f, size);
  if (!draw.ok()) return draw.error();
  return render_pdf_bytes(f.title + " " + f.member_name, page_size(size), *draw);
}

Result<std::vector<uint8_t>> render_certificate_png(const CertificateFacts& f, CertificateSize size,
                                                    double dpi) {
  if (!(dpi > 0 && dpi <= 600)) {
    return invalid("bad_dpi", "dpi must be in (0, 600]");
  }
  auto draw = prepare(f, size);
  if (!draw.ok()) return draw.error();
  return render_png(dpi, page_size(size), *draw);
}

}  // namespace md::printer
