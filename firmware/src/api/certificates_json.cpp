#include "api/certificates_json.h"

#include "certs/documents.h"
#include "certs/print_reasons.h"
#include "domain/certificate.h"
#include "domain/print_status.h"

namespace md::api {
http::Json certificate_json(const store::CertificateRow& c, const std::string& verify_base_url,
                            const std::string& today) {
  const bool in_force = c.status == "valid" && c.valid_until >= today;
  http::Json j = {{"id", c.id},
                  {"cert_no", c.cert_no},
                  {"member_id", c.member_id},
                  {"year", c.year},
                  {"version", c.version},
                  {"member_no", c.member_no},
                  {"member_type", c.member_type},
                  {"member_type_label", domain::certificate_type_label(c.member_type)},
                  {"name", c.name},
                  {"valid_until", c.valid_until},
                  {"issued_on", c.issued_on},
                  {"status", c.status},
                  {"status_label", c.status == "void" ? "已作废" : in_force ? "有效" : "已过期"},
                  {"issue_reason", c.issue_reason},
                  {"verify_url", certs::verify_url_of(c, verify_base_url)},
                  {"in_force", in_force}};
  if (c.void_reason) j["void_reason"] = *c.void_reason;
  if (c.voided_at) j["voided_at"] = *c.voided_at;
  if (c.replaces_id) j["replaces_id"] = *c.replaces_id;
  if (c.note) j["note"] = *c.note;
  return j;
}

http::Json verification_json(const certs::Verification& v) {
  http::Json j = {{"verdict", domain::to_code(v.verdict)}, {"message", v.message}};
  if (v.certificate) {
    const auto& c = *v.certificate;
    j["certificate"] = {{"cert_no", c.cert_no},
                        {"version", c.version},
                        {"name", c.name},
                        {"member_no", c.member_no},
                        {"member_type_label", domain::certificate_type_label(c.member_type)},
                        {"valid_until", c.valid_until},
                        {"issued_on", c.issued_on}};
  }
  return j;
}

http::Json print_job_json(const store::PrintJobRow& job, bool for_staff) {
  const auto job_reasons = certs::split_reasons(job.job_reasons);
  const auto printer_reasons = certs::split_reasons(job.printer_reasons);
  auto d = domain::describe_job(job.state, job_reasons, printer_reasons);
  http::Json j = {{"id", job.id},
                  {"kind", job.kind},
                  {"state", job.state},
                  {"state_label", d.label},
                  {"reasons", printer_reasons},
                  {"job_reasons", job_reasons},
                  {"message", d.message},
                  {"done", d.done},
                  {"ok", d.ok},
                  {"requested_by", job.requested_by},
                  {"created_at", job.created_at},
                  {"updated_at", job.updated_at}};
  if (job.certificate_id) j["certificate_id"] = *job.certificate_id;
  if (job.cert_no) j["cert_no"] = *job.cert_no;
  if (job.cups_job_id) j["cups_job_id"] = *job.cups_job_id;
  if (job.reprint_of) j["reprint_of"] = *job.reprint_of;
  if (for_staff) {
    j["detail"] = job.detail;
    j["cancel_requested"] = job.cancel_requested;
  }
  return j;
}

http::Json printer_json(const certs::PrinterSnapshot& p, const std::string& queue, bool for_staff) {
  http::Json j;
  if (!p.checked) {
    j = {{"queue", queue}, {"state", "unknown"}, {"state_label", "正在检查"}, {"accepting", false},
         {"reasons", http::Json::array()}, {"message", "正在检查打印机状态，请稍候"}, {"ready", false}};
  } else {
    auto d = domain::describe_printer(p.state, p.accepting, p.reasons);
    j = {{"queue", queue},       {"state", p.state}, {"state_label", d.label}, {"accepting", p.accepting},
         {"reasons", p.reasons}, {"message", d.message}, {"ready", d.ready}, {"checked_at", p.checked_at}};
  }
  if (for_staff) j["detail"] = p.detail;
  return j;
}

bool printer_takes_jobs(const certs::PrinterSnapshot& p, std::string* why) {
  if (!p.checked) return true;  // the worker says what happened once it has looked
  if (p.state == "missing" || p.state == "unreachable" || !p.accepting) {
    *why = domain::describe_printer(p.state, p.accepting, p.reasons).message;
    return false;
  }
  return true;
}

}  // namespace md::api
