#include "certs/documents.h"

#include <charconv>

#include "certs/signing_key.h"
#include "domain/certificate.h"

namespace md::certs {
namespace {

std::optional<double> parse_mm(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<printer::CertificateSize> parse_page_size(const std::string& text) {
  if (text == "a4" || text == "A4") return printer::a4();
  const size_t x = text.find('x');
  auto bad = [&] {
    return make_error(ErrorKind::kInvalidArgument, "config_value",
                      "config: page size '" + text + "' must be \"a4\" or WIDTHxHEIGHT in millimetres (85.6x54)");
  };
  if (x == std::string::npos) return bad();
  auto w = parse_mm(std::string_view(text).substr(0, x));
  auto h = parse_mm(std::string_view(text).substr(x + 1));
  if (!w || !h || *w < 50 || *h < 50 || *w > 600 || *h > 600) return bad();
  return printer::card_mm(*w, *h);
}

Result<DocumentSettings> document_settings(const config::Config& cfg) {
  DocumentSettings s;
  s.verify_base_url = cfg.str("certificates.verify_base_url");
  s.seal_png = cfg.str("certificates.seal_image");
  auto card = parse_page_size(cfg.str("certificates.card_size"));
  if (!card.ok()) return card.error();
  auto print = parse_page_size(cfg.str("certificates.print_size"));
  if (!print.ok()) return print.error();
  s.card = *card;
  s.print = *print;
  return s;
}

std::string verify_url_of(const store::CertificateRow& c, const std::string& verify_base_url) {
  return domain::verify_url(verify_base_url, base64url(c.payload), c.signature);
}

printer::CertificateFacts display_facts(const store::CertificateRow& c, const DocumentSettings& s) {
  printer::CertificateFacts f;
  f.member_name = c.name;
  f.member_type_label = domain::certificate_type_label(c.member_type);
  f.member_no = c.member_no;
  f.cert_no = c.cert_no;
  f.version = c.version;
  f.valid_until = c.valid_until;
  f.issued_on = c.issued_on;
  f.qr_text = verify_url_of(c, s.verify_base_url);
  f.seal_png_path = s.seal_png;
  return f;
}

Result<std::string> certificate_pdf(const store::CertificateRow& c, const DocumentSettings& s,
                                    printer::CertificateSize size) {
  return printer::render_certificate_pdf(display_facts(c, s), size);
}

Result<std::vector<uint8_t>> certificate_png(const store::CertificateRow& c, const DocumentSettings& s,
                                             printer::CertificateSize size, double dpi) {
  return printer::render_certificate_png(display_facts(c, s), size, dpi);
}

Result<std::string> test_page_pdf(const DocumentSettings& s, const std::string& when) {
  printer::CertificateFacts f;
  f.title = "打印测试页";
  f.member_name = "打印机测试页（非会员证）";
  f.member_type_label = "本页仅用于检查打印效果";
  f.member_no = "TEST";
  f.cert_no = "0000000000";
  f.qr_text = "MEMBERDESK TEST PAGE " + when;
  f.issued_on = "";
  f.valid_until = "";
  // Same layout and size as a printed certificate, so alignment and fonts are checked too; its
  // title, name and QR text say it is a test page, and its number verifies as not genuine.
  return printer::render_certificate_pdf(f, s.print);
}

}  // namespace md::certs
