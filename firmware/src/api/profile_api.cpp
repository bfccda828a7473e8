// 会员资料 (with 【我要退会】), 会员信息修改, and the staff queue of withdrawal requests.
// Members act on themselves only: the member id comes from the session, and a request id of
// another member answers 404 like a missing one. Staff: reviewer and admin (they keep the
// association's dealings with members, as they do applications).
#include <algorithm>

#include "api/paging.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "domain/profile.h"
#include "membership/profile.h"
#include "membership/withdrawal.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"
#include "store/profile_repo.h"
#include "store/withdrawal_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);
const std::vector<std::string> kWithdrawalStaff = {"reviewer", "admin"};
constexpr int kChangesShown = 20;

std::string status_label(const std::string& code) {
  auto s = domain::member_status_from_code(code);
  return s ? std::string(domain::label(*s)) : code;
}

http::Json withdrawal_json(const store::WithdrawalRequest& w) {
  auto s = domain::withdrawal_status_from_code(w.status);
  return {{"id", w.id},
          {"status", w.status},
          {"status_label", s ? std::string(domain::label(*s)) : w.status},
          {"reason", w.reason},
          {"created_at", w.created_at},
          {"decided_at", opt_json(w.decided_at)},
          {"decision_reason", opt_json(w.decision_reason)}};
}

// The member's fields in form order, each {key,label,value,editable}.
Result<http::Json> fields_json(store::Db& db, const store::Member& m) {
  auto type = domain::member_type_from_code(m.type);
  if (!type) return make_error(ErrorKind::kInternal, "bad_type", "bad member type");
  auto values = membership::profile_values(db, m);
  if (!values.ok()) return values.error();
  http::Json out = http::Json::array();
  for (const auto& f : domain::form_for(*type).fields) {
    auto v = values->find(f.key);
    out.push_back({{"key", f.key},
                   {"label", f.label},
                   {"value", v == values->end() ? "" : v->second},
                   {"editable", domain::is_self_editable(*type, f.key)}});
  }
  return out;
}

http::Json member_json(const store::Member& m) {
  auto type = domain::member_type_from_code(m.type);
  return {{"id", m.id},
          {"type", m.type},
          {"type_label", type ? std::string(domain::label(*type)) : m.type},
          {"name", m.name},
          {"login_id", m.login_id},
          {"status", m.status},
          {"status_label", status_label(m.status)},
          {"member_no", opt_json(m.member_no)},
          {"valid_until", opt_json(m.valid_until)}};
}

Result<store::Member> session_member(store::Db& db, const http::Call& call) {
  auto m = store::MemberRepo(db).find(call.session->member_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return **m;
}

// ---------------------------------------------------------------------------------------------
// Member side.

http::Response my_profile(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto fields = fields_json(*db, *m);
  if (!fields.ok()) return http::error_response(fields.error());
  auto latest = store::WithdrawalRepo(*db).latest_for(m->id);
  if (!latest.ok()) return http::error_response(latest.error());
  auto status = domain::member_status_from_code(m->status);
  const bool pending = latest->has_value() && (*latest)->status == "pending";
  return http::Response::ok(
      {{"member", member_json(*m)},
       {"fields", *fields},
       {"withdrawal", latest->has_value() ? withdrawal_json(**latest) : http::Json()},
       {"can_withdraw", status && domain::may_request_withdrawal(*status) && !pending},
       {"can_edit", status && domain::may_edit_profile(*status)}});
}

http::Response request_withdrawal(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto w = membership::request_withdrawal(*db, *m, string_field(*body, "reason"));
  if (!w.ok() && w.error().code == "validation_failed")
    return http::error_response(400, "validation_failed", w.error().message,
                                {{"reason", w.error().message}});
  if (!w.ok()) return http::error_response(w.error());
  http::Response r = http::Response::ok({{"withdrawal", withdrawal_json(*w)}});
  r.status = 201;
  return r;
}

http::Response cancel_withdrawal(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "退会申请不存在");
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto w = membership::cancel_withdrawal(*db, *m, *id);
  if (!w.ok()) return http::error_response(w.error());
  return http::Response::ok({{"withdrawal", withdrawal_json(*w)}});
}

http::Json changes_json(const std::vector<store::ProfileChange>& changes, domain::MemberType type) {
  const auto& form = domain::form_for(type);
  http::Json out = http::Json::array();
  for (const auto& c : changes) {
    auto before = http::Json::parse(c.before_json.empty() ? "{}" : c.before_json, nullptr, false);
    auto after = http::Json::parse(c.after_json.empty() ? "{}" : c.after_json, nullptr, false);
    if (!after.is_object()) continue;
    for (const auto& [key, now] : after.items()) {
      // [&k = key]: clang 14 (the fuzz build's compiler) cannot capture a structured binding.
      auto def = std::find_if(form.fields.begin(), form.fields.end(),
                              [&k = key](const domain::FieldDef& f) { return f.key == k; });
      out.push_back({{"at", c.at},
                     {"key", key},
                     {"label", def == form.fields.end() ? key : def->label},
                     {"before", before.is_object() ? before.value(key, "") : ""},
                     {"after", now}});
    }
  }
  return out;
}

http::Response my_changes(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto changes = store::ProfileRepo(*db).changes(m->id, kChangesShown);
  if (!changes.ok()) return http::error_response(changes.error());
  auto type = domain::member_type_from_code(m->type).value_or(domain::MemberType::kAgency);
  return http::Response::ok({{"items", changes_json(*changes, type)}});
}

http::Response edit_profile(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto fields = body->find("fields");
  if (fields == body->end() || !fields->is_object() || fields->empty())
    return http::error_response(400, "validation_failed", "请填写要修改的资料");
  domain::Values input;
  http::FieldErrors not_text;
  for (const auto& [k, v] : fields->items()) {
    if (v.is_string()) input[k] = v.get<std::string>();
    else not_text[k] = "请填写文字";
  }
  if (!not_text.empty())
    return http::error_response(400, "validation_failed", not_text.begin()->second, not_text);
  auto db = app.db().acquire();
  auto m = session_member(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto out = membership::edit_profile(*db, *m, input, store::today_shanghai());
  if (!out.ok()) return http::error_response(out.error());
  const auto& e = out->edit;
  if (!e.refused.empty())
    return http::error_response(422, "not_editable", e.refused.begin()->second, e.refused);
  if (!e.invalid.empty())
    return http::error_response(400, "validation_failed", e.invalid.begin()->second, e.invalid);
  http::Json changed = http::Json::array();
  for (const auto& [k, v] : e.changes) changed.push_back(k);
  auto now = fields_json(*db, *m);
  if (!now.ok()) return http::error_response(now.error());
  return http::Response::ok({{"changed", changed}, {"fields", *now}});
}

// ---------------------------------------------------------------------------------------------
// Staff side.

http::Json staff_withdrawal_json(const store::WithdrawalRequest& w) {
  http::Json j = withdrawal_json(w);
  auto type = domain::member_type_from_code(w.member_type);
  j["member"] = {{"id", w.member_id},
                 {"type", w.member_type},
                 {"type_label", type ? std::string(domain::label(*type)) : w.member_type},
                 {"login_id", w.member_login},
                 {"name", w.member_name},
                 {"member_no", opt_json(w.member_no)}};
  j["decided_by"] = opt_json(w.decided_by);
  return j;
}

http::Response staff_list(app::App& app, http::Call& call) {
  std::string status = call.req.query_param("status").value_or("pending");
  if (status == "all") status.clear();
  if (!status.empty() && !domain::withdrawal_status_from_code(status))
    return http::error_response(400, "validation_failed", "状态不正确", {{"status", "状态不正确"}});
  Paging paging;
  if (auto refused = read_paging(call.req, 20, 100, paging)) return *refused;
  const int page = paging.page;
  const int size = paging.page_size;
  auto db = app.db().acquire();
  auto found = store::WithdrawalRepo(*db).list(status, page, size);
  if (!found.ok()) return http::error_response(found.error());
  http::Json items = http::Json::array();
  for (const auto& w : found->items) items.push_back(staff_withdrawal_json(w));
  return http::Response::ok(
      {{"total", found->total}, {"page", page}, {"page_size", size}, {"items", items}});
}

http::Response staff_get(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "退会申请不存在");
  auto db = app.db().acquire();
  auto w = store::WithdrawalRepo(*db).find(*id);
  if (!w.ok()) return http::error_response(w.error());
  if (!w->has_value()) return http::error_response(404, "not_found", "退会申请不存在");
  auto m = store::MemberRepo(*db).find((*w)->member_id);
  if (!m.ok()) return http::error_response(m.error());
  if (!m->has_value()) return http::error_response(404, "not_found", "会员不存在");
  auto fields = fields_json(*db, **m);
  if (!fields.ok()) return http::error_response(fields.error());
  http::Json j = staff_withdrawal_json(**w);
  j["member"] = member_json(**m);
  j["member"]["fields"] = *fields;
  return http::Response::ok({{"withdrawal", j}});
}

http::Response staff_approve(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "退会申请不存在");
  auto db = app.db().acquire();
  auto w = membership::approve_withdrawal(*db, *id, call.session->login_id);
  if (!w.ok()) return http::error_response(w.error());
  return http::Response::ok({{"withdrawal", staff_withdrawal_json(*w)}});
}

http::Response staff_reject(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "退会申请不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto exists = store::WithdrawalRepo(*db).find(*id);
  if (!exists.ok()) return http::error_response(exists.error());
  if (!exists->has_value()) return http::error_response(404, "not_found", "退会申请不存在");
  auto w = membership::reject_withdrawal(*db, *id, call.session->login_id,
                                         string_field(*body, "reason"));
  if (!w.ok() && w.error().code == "validation_failed")
    return http::error_response(400, "validation_failed", w.error().message,
                                {{"reason", w.error().message}});
  if (!w.ok()) return http::error_response(w.error());
  return http::Response::ok({{"withdrawal", staff_withdrawal_json(*w)}});
}

}  // namespace

void register_profile_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/member/profile", Access::kMember, {},
              "会员资料: fields by type, status, validity, the latest withdrawal request",
              bind(my_profile)});
  router.add({"PUT", "/member/profile", Access::kMember, {},
              "会员信息修改: {fields:{key:value}} for self-editable keys (audited before/after)",
              bind(edit_profile)});
  router.add({"GET", "/member/profile/changes", Access::kMember, {},
              "会员信息修改: the member's 修改记录, newest first", bind(my_changes)});
  router.add({"POST", "/member/withdrawals", Access::kMember, {},
              "【我要退会】: {reason?} → 201; one pending request at a time", bind(request_withdrawal)});
  router.add({"POST", "/member/withdrawals/{id}/cancel", Access::kMember, {},
              "Withdraw one's own pending 退会申请", bind(cancel_withdrawal)});
  router.add({"GET", "/staff/withdrawals", Access::kStaff, kWithdrawalStaff,
              "退会申请: ?status=pending|approved|rejected|cancelled|all&page=", bind(staff_list)});
  router.add({"GET", "/staff/withdrawals/{id}", Access::kStaff, kWithdrawalStaff,
              "One 退会申请 with the member's data", bind(staff_get)});
  router.add({"POST", "/staff/withdrawals/{id}/approve", Access::kStaff, kWithdrawalStaff,
              "Approve: member withdrawn, out of the 会员名录, certificates void",
              bind(staff_approve)});
  router.add({"POST", "/staff/withdrawals/{id}/reject", Access::kStaff, kWithdrawalStaff,
              "Reject with {reason} (required)", bind(staff_reject)});
}

}  // namespace md::api
