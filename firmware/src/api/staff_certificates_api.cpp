// 会员证 and the printer, the staff side: search and history, issue by hand, re-issue and void
// (admin), preview and print; the printer's state, recent jobs, test page, reprint and cancel.
#include <nlohmann/json.hpp>

#include "api/certificates_json.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "certs/issuance.h"
#include "certs/print_requests.h"
#include "core/utf8.h"
#include "domain/member.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);
const std::vector<std::string> kReaders = {"admin", "desk", "reviewer"};
const std::vector<std::string> kDesk = {"admin", "desk"};
const std::vector<std::string> kAdmin = {"admin"};
constexpr int kPageSize = 20;

std::string actor(const http::Call& call) { return "staff:" + call.session->login_id; }
std::string today() { return store::today_shanghai(); }

Result<store::CertificateRow> certificate_of(store::Db& db, const http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return make_error(ErrorKind::kNotFound, "not_found", "会员证不存在");
  auto c = store::CertificateRepo(db).find(*id);
  if (!c.ok()) return c.error();
  if (!c->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员证不存在");
  return **c;
}

// A required reason of at most 200 characters, or the field error.
std::optional<std::string> reason_field(const http::Json& body, http::FieldErrors* fields) {
  std::string reason = string_field(body, "reason");
  while (!reason.empty() && (reason.back() == ' ' || reason.back() == '\n')) reason.pop_back();
  while (!reason.empty() && reason.front() == ' ') reason.erase(0, 1);
  if (reason.empty()) {
    (*fields)["reason"] = "请填写原因";
    return std::nullopt;
  }
  if (core::utf8_length(reason) > 200) {
    (*fields)["reason"] = "原因不能超过200字";
    return std::nullopt;
  }
  return reason;
}

http::Response search(app::App& app, http::Call& call) {
  const std::string q = call.req.query_param("q").value_or("");
  const std::string status = call.req.query_param("status").value_or("");
  if (!status.empty() && status != "valid" && status != "void")
    return http::error_response(400, "validation_failed", "状态应为 valid 或 void");
  const std::string page_text = call.req.query_param("page").value_or("1");
  const int page = page_text.size() <= 6 && !page_text.empty() &&
                           std::all_of(page_text.begin(), page_text.end(), [](char c) { return c >= '0' && c <= '9'; })
                       ? std::stoi(page_text)
                       : 0;
  if (page < 1) return http::error_response(400, "validation_failed", "页码无效");
  if (core::utf8_length(q) > 50) return http::error_response(400, "validation_failed", "搜索内容过长");
  auto db = app.db().acquire();
  auto found = store::CertificateRepo(*db).search(q, status, page, kPageSize);
  if (!found.ok()) return http::error_response(found.error());
  const std::string t = today();
  http::Json items = http::Json::array();
  for (const auto& c : found->items) items.push_back(certificate_json(c, app.documents().verify_base_url, t));
  return http::Response::ok({{"total", found->total}, {"page", page}, {"page_size", kPageSize}, {"items", items}});
}

http::Response member_history(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "会员不存在");
  auto db = app.db().acquire();
  auto m = store::MemberRepo(*db).find(*id);
  if (!m.ok()) return http::error_response(m.error());
  if (!m->has_value()) return http::error_response(404, "not_found", "会员不存在");
  auto all = store::CertificateRepo(*db).for_member(*id);
  if (!all.ok()) return http::error_response(all.error());
  const std::string t = today();
  http::Json list = http::Json::array();
  for (const auto& c : *all) list.push_back(certificate_json(c, app.documents().verify_base_url, t));
  const auto& mm = **m;
  auto type = domain::member_type_from_code(mm.type);
  auto status = domain::member_status_from_code(mm.status);
  http::Json member = {{"id", mm.id},
                       {"name", mm.name},
                       {"login_id", mm.login_id},
                       {"type", mm.type},
                       {"type_label", type ? std::string(domain::label(*type)) : mm.type},
                       {"status", mm.status},
                       {"status_label", status ? std::string(domain::label(*status)) : mm.status},
                       {"member_no", mm.member_no ? http::Json(*mm.member_no) : http::Json(nullptr)},
                       {"valid_until", mm.valid_until ? http::Json(*mm.valid_until) : http::Json(nullptr)}};
  return http::Response::ok({{"member", member}, {"certificates", list}});
}

http::Response issue(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "会员不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  http::FieldErrors fields;
  const int this_year = std::stoi(today().substr(0, 4));
  int year = 0;
  if (auto y = body->find("year"); y != body->end() && y->is_number_integer()) year = y->get<int>();
  if (year < 2000 || year > this_year + 1) fields["year"] = "年度应在2000至" + std::to_string(this_year + 1) + "之间";
  auto reason = reason_field(*body, &fields);
  if (!fields.empty()) return http::error_response(400, "validation_failed", "请检查标出的项目", fields);
  auto db = app.db().acquire();
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto c = certs::issue_by_staff(*db, app.signing_key(), {*id, year, actor(call), *reason}, today());
  if (!c.ok()) return http::error_response(c.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  http::Response r = http::Response::ok({{"certificate", certificate_json(*c, app.documents().verify_base_url, today())}});
  r.status = 201;
  return r;
}

// Re-issue and void: a reason, the certificate, the change in one transaction; `status` on success.
using Decision = Result<store::CertificateRow> (*)(app::App&, store::Db&, const store::CertificateRow&,
                                                   const std::string& actor, const std::string& reason);

http::Response decide(app::App& app, http::Call& call, Decision change, int status) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  http::FieldErrors fields;
  auto reason = reason_field(*body, &fields);
  if (!fields.empty()) return http::error_response(400, "validation_failed", "请检查标出的项目", fields);
  auto db = app.db().acquire();
  auto old = certificate_of(*db, call);
  if (!old.ok()) return http::error_response(old.error());
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto c = change(app, *db, *old, actor(call), *reason);
  if (!c.ok()) return http::error_response(c.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  http::Response r = http::Response::ok({{"certificate", certificate_json(*c, app.documents().verify_base_url, today())}});
  r.status = status;
  return r;
}

http::Response reissue(app::App& app, http::Call& call) {
  return decide(
      app, call,
      [](app::App& a, store::Db& db, const store::CertificateRow& c, const std::string& who, const std::string& why) {
        return certs::reissue(db, a.signing_key(), c.id, who, why, today());
      },
      201);
}

http::Response void_one(app::App& app, http::Call& call) {
  return decide(
      app, call,
      [](app::App&, store::Db& db, const store::CertificateRow& c, const std::string& who, const std::string& why) {
        return certs::void_certificate(db, c.id, who, why);
      },
      200);
}

http::Response preview(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto c = certificate_of(*db, call);
  if (!c.ok()) return http::error_response(c.error());
  return certificate_preview(app, call, *c);
}

http::Response pdf(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto c = certificate_of(*db, call);
  if (!c.ok()) return http::error_response(c.error());
  return certificate_download(app, call, *c);
}

http::Response print(app::App& app, http::Call& call) {
  std::optional<store::CertificateRow> c;
  {
    auto db = app.db().acquire();
    auto found = certificate_of(*db, call);
    if (!found.ok()) return http::error_response(found.error());
    c = std::move(found).value();
  }
  return queue_certificate_print(app, *c, std::nullopt, actor(call), std::nullopt);
}

http::Response printer_state(app::App& app, http::Call&) {
  http::Json printer = nullptr;
  if (app.printer()) {
    app.printer()->wake();  // the next look is fresh; this one answers from the last check
    printer = printer_json(app.printer()->printer(), app.printer()->queue(), true);
  }
  auto db = app.db().acquire();
  auto jobs = store::PrintJobRepo(*db).recent(50);
  if (!jobs.ok()) return http::error_response(jobs.error());
  http::Json list = http::Json::array();
  for (const auto& j : *jobs) list.push_back(print_job_json(j, true));
  return http::Response::ok({{"printer", printer}, {"jobs", list}});
}

http::Response test_page(app::App& app, http::Call& call) {
  if (!app.printer()) return http::error_response(503, "printer_unavailable", "打印机未启用");
  std::string why;
  if (!printer_takes_jobs(app.printer()->printer(), &why)) return http::error_response(503, "printer_unavailable", why);
  auto db = app.db().acquire();
  auto job = certs::request_print(*db, {"test_page", std::nullopt, std::nullopt, actor(call), app.printer()->queue(), std::nullopt});
  if (!job.ok()) return http::error_response(job.error());
  app.printer()->wake();
  http::Response r = http::Response::ok({{"job", print_job_json(*job, true)}});
  r.status = 202;
  return r;
}

http::Response reprint(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "打印任务不存在");
  std::optional<store::PrintJobRow> old;
  std::optional<store::CertificateRow> cert;
  {
    auto db = app.db().acquire();
    auto job = store::PrintJobRepo(*db).find(*id);
    if (!job.ok()) return http::error_response(job.error());
    if (!job->has_value()) return http::error_response(404, "not_found", "打印任务不存在");
    old = **job;
    // An open job still prints once the printer takes it: a second copy now would print twice.
    if (!store::print_state_done(old->state))
      return http::error_response(409, "job_open", "该任务尚未完成：请等待其完成，或先取消再重新打印");
    if (old->certificate_id) {
      auto c = store::CertificateRepo(*db).find(*old->certificate_id);
      if (!c.ok()) return http::error_response(c.error());
      if (!c->has_value()) return http::error_response(404, "not_found", "会员证不存在");
      cert = **c;
    }
  }
  if (cert) return queue_certificate_print(app, *cert, std::nullopt, actor(call), old->id);
  if (!app.printer()) return http::error_response(503, "printer_unavailable", "打印机未启用");
  std::string why;
  if (!printer_takes_jobs(app.printer()->printer(), &why)) return http::error_response(503, "printer_unavailable", why);
  auto db = app.db().acquire();
  auto job = certs::request_print(*db, {"test_page", std::nullopt, std::nullopt, actor(call), app.printer()->queue(), old->id});
  if (!job.ok()) return http::error_response(job.error());
  app.printer()->wake();
  http::Response r = http::Response::ok({{"job", print_job_json(*job, true)}});
  r.status = 202;
  return r;
}

http::Response cancel(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "打印任务不存在");
  auto db = app.db().acquire();
  auto job = certs::request_cancel(*db, *id, actor(call));
  if (!job.ok()) return http::error_response(job.error());
  if (app.printer()) app.printer()->wake();
  return http::Response::ok({{"job", print_job_json(*job, true)}});
}

}  // namespace

void register_staff_certificate_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/staff/certificates", Access::kStaff, kReaders, "会员证 search (?q=&status=valid|void&page=)", bind(search)});
  router.add({"GET", "/staff/members/{id}/certificates", Access::kStaff, kReaders, "One member's certificates, newest first", bind(member_history)});
  router.add({"POST", "/staff/members/{id}/certificates", Access::kStaff, kDesk, "Issue by hand: {year, reason} → 201", bind(issue)});
  router.add({"POST", "/staff/certificates/{id}/reissue", Access::kStaff, kAdmin, "Re-issue from the member's current data: {reason} → 201", bind(reissue)});
  router.add({"POST", "/staff/certificates/{id}/void", Access::kStaff, kAdmin, "Void: {reason}", bind(void_one)});
  router.add({"GET", "/staff/certificates/{id}/preview.png", Access::kStaff, kReaders, "Preview image", bind(preview)});
  router.add({"GET", "/staff/certificates/{id}/pdf", Access::kStaff, kReaders, "PDF download", bind(pdf)});
  router.add({"POST", "/staff/certificates/{id}/print", Access::kStaff, kDesk, "Print on the kiosk printer → 202 {job}", bind(print)});
  router.add({"GET", "/staff/printer", Access::kStaff, kDesk, "The printer's state and the last 50 jobs", bind(printer_state)});
  router.add({"POST", "/staff/printer/test-page", Access::kStaff, kDesk, "Print a test page → 202 {job}", bind(test_page)});
  router.add({"POST", "/staff/print-jobs/{id}/reprint", Access::kStaff, kDesk, "Print the same document again → 202 {job}", bind(reprint)});
  router.add({"POST", "/staff/print-jobs/{id}/cancel", Access::kStaff, kDesk, "Cancel an open job", bind(cancel)});
}

}  // namespace md::api
