// JSON views of certificates, verifications, print jobs and the printer (CONTRACT.md, issue 7),
// shared by the member, public and staff certificate routes.
#pragma once

#include <string>

#include "certs/print_worker.h"
#include "certs/verification.h"
#include "http/message.h"
#include "http/router.h"
#include "store/certificate_repo.h"
#include "store/print_job_repo.h"

namespace md::app {
class App;
}

namespace md::api {

// `today` decides in_force and the 已过期 label.
http::Json certificate_json(const store::CertificateRow& c, const std::string& verify_base_url,
                            const std::string& today);
http::Json verification_json(const certs::Verification& v);
// `for_staff` adds CUPS' own words (detail) for the log-minded.
http::Json print_job_json(const store::PrintJobRow& j, bool for_staff);
http::Json printer_json(const certs::PrinterSnapshot& p, const std::string& queue, bool for_staff);
// Whether a new job may be queued now; when not, the zh-CN reason.
bool printer_takes_jobs(const certs::PrinterSnapshot& p, std::string* why);

// Route pieces the member and staff certificate routes share (certificates_api.cpp):
// GET …/preview.png (?dpi=36..200, ?size=a4|card), GET …/pdf (?size=a4|card, a download with the
// file name 会员证-<no>.pdf), and queueing a print (202 {job}; 409 certificate_void; 503
// printer_unavailable with the printer's message).
http::Response certificate_preview(app::App& app, const http::Call& call, const store::CertificateRow& c);
http::Response certificate_download(app::App& app, const http::Call& call, const store::CertificateRow& c);
http::Response queue_certificate_print(app::App& app, const store::CertificateRow& c, std::optional<int64_t> member_id,
                                       const std::string& actor, std::optional<int64_t> reprint_of);

}  // namespace md::api
