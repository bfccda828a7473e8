// What a stored certificate looks like on paper and on screen: its facts in display form, the
// signed verification URL of its QR code, and the PDF / PNG from printer/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "memberdesk/printer/certificate.h"
#include "store/certificate_repo.h"

namespace md::certs {

struct DocumentSettings {
  std::string verify_base_url;  // certificates.verify_base_url
  std::string seal_png;         // certificates.seal_image ("" = the default seal)
  printer::CertificateSize card;   // certificates.card_size
  printer::CertificateSize print;  // certificates.print_size: what the kiosk printer gets
};

// From the configuration; kInvalidArgument when a size is not "a4" or "WIDTHxHEIGHT" in mm.
Result<DocumentSettings> document_settings(const config::Config& cfg);
// "a4" or "85.6x54" (millimetres).
Result<printer::CertificateSize> parse_page_size(const std::string& text);

// {verify_base_url}/#/verify?d=…&s=…
std::string verify_url_of(const store::CertificateRow& c, const std::string& verify_base_url);
printer::CertificateFacts display_facts(const store::CertificateRow& c, const DocumentSettings& s);

Result<std::string> certificate_pdf(const store::CertificateRow& c, const DocumentSettings& s,
                                    printer::CertificateSize size);
Result<std::vector<uint8_t>> certificate_png(const store::CertificateRow& c, const DocumentSettings& s,
                                             printer::CertificateSize size, double dpi);
// A page that checks the printer: the certificate layout titled 打印测试页, no member's data.
Result<std::string> test_page_pdf(const DocumentSettings& s, const std::string& when);

}  // namespace md::certs
