// 会员证信息修改申请 and 会员证邮寄申请, member and staff sides. Members act on themselves only (the
// member id comes from the session; another member's request id answers 404). Staff: reviewers
// and admins decide change requests (as they do applications); desk and admin handle mailing
// (they hold the printed certificates at the front desk).
#include "api/paging.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "domain/application_forms.h"
#include "domain/cert_change.h"
#include "domain/cert_mail.h"
#include "membership/cert_change.h"
#include "membership/cert_mail.h"
#include "store/cert_change_repo.h"
#include "store/cert_mail_repo.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);
const std::vector<std::string> kChangeStaff = {"reviewer", "admin"};
const std::vector<std::string> kMailStaff = {"desk", "admin"};
constexpr int kHistoryShown = 20;

http::Json object_of_text(const std::string& text) {
  auto j = http::Json::parse(text, nullptr, false);
  return j.is_object() ? j : http::Json::object();
}

http::Json member_brief(int64_t id, const std::string& type, const std::string& login,
                        const std::string& name, const std::optional<std::string>& no) {
  auto t = domain::member_type_from_code(type);
  return {{"id", id},
          {"type", type},
          {"type_label", t ? std::string(domain::label(*t)) : type},
          {"login_id", login},
          {"name", name},
          {"member_no", opt_json(no)}};
}

http::Json change_json(const store::CertChangeRequest& r, bool staff) {
  http::Json j = {{"id", r.id},
                  {"status", r.status},
                  {"status_label", std::string(domain::change_status_label(r.status))},
                  {"before", object_of_text(r.before_json)},
                  {"after", object_of_text(r.after_json)},
                  {"note", r.note},
                  {"created_at", r.created_at},
                  {"decided_at", opt_json(r.decided_at)},
                  {"decision_reason", opt_json(r.decision_reason)}};
  if (staff) {
    j["member"] = member_brief(r.member_id, r.member_type, r.member_login, r.member_name, r.member_no);
    j["decided_by"] = opt_json(r.decided_by);
  }
  return j;
}

http::Json mail_json(const store::CertMailRequest& r, bool staff) {
  http::Json j = {{"id", r.id},
                  {"status", r.status},
                  {"status_label", std::string(domain::mail_status_label(r.status))},
                  {"certificate", {{"id", r.certificate_id}, {"cert_no", r.cert_no}, {"year", r.cert_year}}},
                  {"recipient", r.recipient},
                  {"phone", r.phone},
                  {"address", r.address},
                  {"created_at", r.created_at},
                  {"handled_at", opt_json(r.handled_at)},
                  {"courier", opt_json(r.courier)},
                  {"tracking_no", opt_json(r.tracking_no)},
                  {"cancel_reason", opt_json(r.cancel_reason)}};
  if (staff) {
    j["member"] = member_brief(r.member_id, r.member_type, r.member_login, r.member_name, r.member_no);
    j["handled_by"] = opt_json(r.handled_by);
  }
  return j;
}

Result<store::Member> session_member(store::Db& db, const http::Call& call) {
  auto m = store::MemberRepo(db).find(call.session->member_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return **m;
}

http::Response created(http::Json body) {
  http::Response r = http::Response::ok(std::move(body));
  r.status = 201;
  return r;
}

// A field-level refusal as the application forms answer it.
http::Response field_errors(const std::map<std::string, std::string>& errors) {
  http::FieldErrors fields(errors.begin(), errors.end());
  return http::error_response(400, "validation_failed", "请检查填写的内容", fields);
}

// A staff decision that needs a reason: 400 with the message next to "reason".
http::Response reason_refused(const Error& e) {
  if (e.code == "validation_failed")
    return http::error_response(400, "validation_failed", e.message, {{"reason", e.message}});
  return http::error_response(e);
}

std::string status_filter(const http::Call& call, std::initializer_list<const char*> known,
                          bool* ok) {
  std::string status = call.req.query_param("status").value_or("pending");
  if (status == "all") status.clear();
  *ok = status.empty();
  for (const char* k : known) *ok = *ok || status == k;
  return status;
}

int this_year() { return std::stoi(store::today_shanghai().substr(0, 4)); }

// ---------------------------------------------------------------------------------------------
// 会员证信息修改申请

http::Response my_changes(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto type = domain::member_type_from_code(m->type);
  auto status = domain::member_status_from_code(m->status);
  if (!type || !status) return http::error_response(500, "internal", "系统繁忙，请稍后再试");
  auto current = membership::change_current(*db, *m);
  if (!current.ok()) return http::error_response(current.error());
  auto history = store::CertChangeRepo(*db).for_member(m->id, kHistoryShown);
  if (!history.ok()) return http::error_response(history.error());
  const auto& form = domain::form_for(*type);
  http::Json fields = http::Json::array();
  for (const auto& key : domain::changeable_fields(*type)) {
    const std::string form_key = key == "name" ? form.name_field : key;
    std::string label = key;
    for (const auto& f : form.fields)
      if (f.key == form_key) label = f.label;
    fields.push_back({{"key", key}, {"label", label}, {"current", (*current)[key]}});
  }
  http::Json items = http::Json::array();
  bool pending = false;
  for (const auto& r : *history) {
    pending = pending || r.status == "pending";
    items.push_back(change_json(r, false));
  }
  http::Json blocked;
  if (*status == domain::MemberStatus::kWithdrawn)
    blocked = {{"code", "withdrawn"}, {"message", "您已退会，不能再申请修改会员证信息"}};
  else if (!domain::may_request_change(*status))
    blocked = {{"code", "not_member"}, {"message", "您的入会申请尚未审核通过，暂不能申请修改会员证信息"}};
  else if (pending)
    blocked = {{"code", "already_pending"}, {"message", "您已有一份待审核的申请，请等待审核或先撤回"}};
  return http::Response::ok({{"member_type", m->type},
                             {"fields", fields},
                             {"can_request", blocked.is_null()},
                             {"blocked", blocked},
                             {"requests", items}});
}

http::Response request_change(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto out = membership::request_change(*db, *m, text_map_field(*body, "values"),
                                        string_field(*body, "note"), store::today_shanghai());
  if (!out.ok()) return http::error_response(out.error());
  if (!out->errors.empty()) return field_errors(out->errors);
  return created({{"request", change_json(*out->request, false)}});
}

http::Response cancel_change(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "会员证信息修改申请不存在");
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto r = membership::cancel_change(*db, *m, *id);
  if (!r.ok()) return http::error_response(r.error());
  return http::Response::ok({{"request", change_json(*r, false)}});
}

http::Response staff_changes(app::App& app, http::Call& call) {
  bool ok = false;
  const std::string status = status_filter(call, {"pending", "approved", "rejected", "cancelled"}, &ok);
  if (!ok) return http::error_response(400, "validation_failed", "状态不正确", {{"status", "状态不正确"}});
  Paging paging;
  if (auto refused = read_paging(call.req, 20, 100, paging)) return *refused;
  const int page = paging.page;
  const int size = paging.page_size;
  auto db = app.db().acquire();
  auto found = store::CertChangeRepo(*db).list(status, page, size);
  if (!found.ok()) return http::error_response(found.error());
  http::Json items = http::Json::array();
  for (const auto& r : found->items) items.push_back(change_json(r, true));
  return http::Response::ok({{"total", found->total}, {"page", page}, {"page_size", size}, {"items", items}});
}

http::Response staff_approve_change(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "会员证信息修改申请不存在");
  auto db = app.db().acquire();
  auto out = membership::approve_change(*db, app.signing_key(), *id, call.session->login_id,
                                        store::today_shanghai());
  if (!out.ok()) return http::error_response(out.error());
  // The login id changed: sessions opened under the old 资格证号 end now.
  if (out->relogin_account) app.sessions().remove_account(*out->relogin_account, "");
  return http::Response::ok({{"request", change_json(out->request, true)}, {"reissued", out->reissued}});
}

http::Response staff_reject_change(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "会员证信息修改申请不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto exists = store::CertChangeRepo(*db).find(*id);
  if (!exists.ok()) return http::error_response(exists.error());
  if (!exists->has_value()) return http::error_response(404, "not_found", "会员证信息修改申请不存在");
  auto r = membership::reject_change(*db, *id, call.session->login_id, string_field(*body, "reason"));
  if (!r.ok()) return reason_refused(r.error());
  return http::Response::ok({{"request", change_json(*r, true)}});
}

// ---------------------------------------------------------------------------------------------
// 会员证邮寄申请

http::Response my_mail(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  const int year = this_year();
  auto prefill = membership::mail_prefill(*db, *m);
  if (!prefill.ok()) return http::error_response(prefill.error());
  auto cert = membership::mailable_certificate(*db, *m, year);
  if (!cert.ok()) return http::error_response(cert.error());
  auto history = store::CertMailRepo(*db).for_member(m->id, kHistoryShown);
  if (!history.ok()) return http::error_response(history.error());
  http::Json items = http::Json::array();
  bool pending = false;
  for (const auto& r : *history) {
    pending = pending || r.status == "pending";
    items.push_back(mail_json(r, false));
  }
  http::Json blocked;
  if (m->status == "withdrawn")
    blocked = {{"code", "withdrawn"}, {"message", "您已退会，会员证不能再邮寄"}};
  else if (!*cert)
    blocked = {{"code", "no_certificate"},
               {"message", "您还没有" + std::to_string(year) + "年度有效的会员证，缴纳会费后即可申请邮寄"}};
  else if (pending)
    blocked = {{"code", "already_pending"}, {"message", "您已有一份待寄出的邮寄申请，请等待协会寄出"}};
  return http::Response::ok({{"year", year},
                             {"prefill", {{"recipient", prefill->recipient},
                                          {"phone", prefill->phone},
                                          {"address", prefill->address}}},
                             {"can_request", blocked.is_null()},
                             {"blocked", blocked},
                             {"requests", items}});
}

http::Response request_mail(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  domain::MailForm form{string_field(*body, "recipient"), string_field(*body, "phone"),
                        string_field(*body, "address")};
  auto out = membership::request_mail(*db, *m, form, this_year());
  if (!out.ok()) return http::error_response(out.error());
  if (!out->errors.empty()) return field_errors(out->errors);
  return created({{"request", mail_json(*out->request, false)}});
}

http::Response staff_mail(app::App& app, http::Call& call) {
  bool ok = false;
  const std::string status = status_filter(call, {"pending", "sent", "cancelled"}, &ok);
  if (!ok) return http::error_response(400, "validation_failed", "状态不正确", {{"status", "状态不正确"}});
  Paging paging;
  if (auto refused = read_paging(call.req, 20, 100, paging)) return *refused;
  const int page = paging.page;
  const int size = paging.page_size;
  auto db = app.db().acquire();
  auto found = store::CertMailRepo(*db).list(status, page, size);
  if (!found.ok()) return http::error_response(found.error());
  http::Json items = http::Json::array();
  for (const auto& r : found->items) items.push_back(mail_json(r, true));
  return http::Response::ok({{"total", found->total}, {"page", page}, {"page_size", size}, {"items", items}});
}

http::Response staff_mail_sent(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "邮寄申请不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto out = membership::mark_mail_sent(*db, *id, call.session->login_id,
                                        string_field(*body, "courier"), string_field(*body, "tracking_no"));
  if (!out.ok()) return http::error_response(out.error());
  if (!out->errors.empty()) return field_errors(out->errors);
  return http::Response::ok({{"request", mail_json(*out->request, true)}});
}

http::Response staff_mail_cancel(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "邮寄申请不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto exists = store::CertMailRepo(*db).find(*id);
  if (!exists.ok()) return http::error_response(exists.error());
  if (!exists->has_value()) return http::error_response(404, "not_found", "邮寄申请不存在");
  auto r = membership::cancel_mail(*db, *id, call.session->login_id, string_field(*body, "reason"));
  if (!r.ok()) return reason_refused(r.error());
  return http::Response::ok({{"request", mail_json(*r, true)}});
}

}  // namespace

void register_cert_request_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/member/certificate-changes", Access::kMember, {},
              "会员证信息修改申请: changeable fields with current values, can_request, the requests",
              bind(my_changes)});
  router.add({"POST", "/member/certificate-changes", Access::kMember, {},
              "{values:{name?,qualification_no?},note?} → 201; one pending request at a time",
              bind(request_change)});
  router.add({"POST", "/member/certificate-changes/{id}/cancel", Access::kMember, {},
              "Withdraw one's own pending request", bind(cancel_change)});
  router.add({"GET", "/staff/certificate-changes", Access::kStaff, kChangeStaff,
              "会员证信息修改申请: ?status=pending|approved|rejected|cancelled|all&page=",
              bind(staff_changes)});
  router.add({"POST", "/staff/certificate-changes/{id}/approve", Access::kStaff, kChangeStaff,
              "Approve: member renamed (login id follows a 资格证号), certificates re-issued",
              bind(staff_approve_change)});
  router.add({"POST", "/staff/certificate-changes/{id}/reject", Access::kStaff, kChangeStaff,
              "Reject with {reason} (required)", bind(staff_reject_change)});
  router.add({"GET", "/member/certificate-mail", Access::kMember, {},
              "会员证邮寄申请: prefill, can_request, the requests with courier and tracking number",
              bind(my_mail)});
  router.add({"POST", "/member/certificate-mail", Access::kMember, {},
              "【申请邮寄】 {recipient,phone,address} → 201; needs this year's valid certificate",
              bind(request_mail)});
  router.add({"GET", "/staff/certificate-mail", Access::kStaff, kMailStaff,
              "会员证邮寄申请: ?status=pending|sent|cancelled|all&page=", bind(staff_mail)});
  router.add({"POST", "/staff/certificate-mail/{id}/sent", Access::kStaff, kMailStaff,
              "Mark sent: {courier, tracking_no}", bind(staff_mail_sent)});
  router.add({"POST", "/staff/certificate-mail/{id}/cancel", Access::kStaff, kMailStaff,
              "Cancel with {reason} (required)", bind(staff_mail_cancel)});
}

}  // namespace md::api
