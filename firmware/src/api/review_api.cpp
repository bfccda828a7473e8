// Staff review of 入会申请 (role reviewer; admin too): the queue, one application with its
// history, approve, reject with a reason; and the working-day calendar behind due dates.
#include "api/paging.h"
#include "api/routes.h"
#include "status/status_report.h"
#include "api/support.h"
#include "app/app.h"
#include "core/utf8.h"
#include "domain/application_forms.h"
#include "domain/member.h"
#include "domain/staff_reasons.h"
#include "domain/working_days.h"
#include "membership/applications.h"
#include "store/audit_repo.h"
#include "store/calendar_repo.h"
#include "store/directory_cache.h"

namespace md::api {
namespace {

const std::vector<std::string> kReviewers = {"reviewer", "admin"};

std::string status_label(const std::string& s) {
  if (s == "submitted") return "待审核";
  if (s == "approved") return "已通过";
  if (s == "rejected") return "已退回";
  return s;
}

// Today (Asia/Shanghai) and the working-day calendar, for due dates and their estimates.
struct Dates {
  std::string today;
  domain::WorkCalendar calendar;
};

Result<Dates> dates_now(store::Db& db) {
  auto cal = store::CalendarRepo(db).load();
  if (!cal.ok()) return cal.error();
  return Dates{store::today_shanghai(), std::move(cal).value()};
}

http::Json summary_json(const store::Application& a, const Dates& dates) {
  const std::string& today = dates.today;
  auto type = domain::member_type_from_code(a.member_type);
  return {{"id", a.id},
          {"member_type", a.member_type},
          {"type_label", type ? std::string(domain::label(*type)) : a.member_type},
          {"name", a.name},
          {"applicant_key", a.applicant_key},
          {"status", a.status},
          {"status_label", status_label(a.status)},
          {"submitted_at", a.submitted_at},
          {"due_date", a.due_date},
          {"due_date_estimated", membership::due_date_estimated(dates.calendar, a)},
          {"overdue", a.status == "submitted" && a.due_date < today},
          {"decided_at", a.decided_at ? http::Json(*a.decided_at) : http::Json()},
          {"decided_by", a.decided_by ? http::Json(*a.decided_by) : http::Json()},
          {"reject_reason", a.reject_reason ? http::Json(*a.reject_reason) : http::Json()}};
}

http::Response queue(app::App& app, http::Call& call) {
  store::QueueFilter f;
  if (auto t = call.req.query_param("type"); t && !t->empty()) {
    if (!domain::member_type_from_code(*t))
      return http::error_response(400, "validation_failed", "会员类型无效", {{"type", "会员类型无效"}});
    f.member_type = *t;
  }
  auto status = call.req.query_param("status").value_or("submitted");
  if (status != "all") {
    if (status != "submitted" && status != "approved" && status != "rejected")
      return http::error_response(400, "validation_failed", "状态无效", {{"status", "状态无效"}});
    f.status = status;
  }
  Paging paging;
  if (auto refused = read_paging(call.req, 20, 100, paging)) return *refused;
  f.page = paging.page;
  f.page_size = paging.page_size;
  auto db = app.db().acquire();
  auto dates = dates_now(*db);
  if (!dates.ok()) return http::error_response(dates.error());
  const std::string& today = dates->today;
  if (call.req.query_param("overdue").value_or("") == "1") f.overdue_today = today;
  auto page = store::ApplicationRepo(*db).queue(f);
  if (!page.ok()) return http::error_response(page.error());
  http::Json items = http::Json::array();
  for (const auto& a : page->items) items.push_back(summary_json(a, *dates));
  return http::Response::ok({{"total", page->total}, {"page", f.page}, {"page_size", f.page_size},
                             {"today", today}, {"items", items},
                             {"calendar", status::calendar_warning_json(dates->calendar, today)}});
}

http::Response detail(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "申请不存在");
  auto db = app.db().acquire();
  store::ApplicationRepo apps(*db);
  auto a = apps.find(*id);
  if (!a.ok()) return http::error_response(a.error());
  if (!a->has_value()) return http::error_response(404, "not_found", "申请不存在");
  auto dates = dates_now(*db);
  if (!dates.ok()) return http::error_response(dates.error());
  http::Json j = summary_json(**a, *dates);
  auto type = domain::member_type_from_code((*a)->member_type);
  auto values = http::Json::parse((*a)->form_json);
  http::Json fields = http::Json::array();
  for (const auto& f : domain::form_for(*type).fields)
    fields.push_back({{"key", f.key},
                      {"label", f.label},
                      {"value", values.value(f.key, std::string())}});
  j["fields"] = fields;
  // Check-character overrides staff accepted when they entered the application (audit_log).
  auto rows = store::audit_rows_about(*db, {"application:" + std::to_string((*a)->id)}, "", 50);
  if (!rows.ok()) return http::error_response(rows.error());
  http::Json overrides = http::Json::array();
  for (const auto& r : *rows) {
    if (r.entry.action != membership::kCheckOverrideAction) continue;
    auto o = http::Json::parse(r.entry.after_json, nullptr, false);
    if (!o.is_object()) continue;
    o["by"] = r.entry.actor;
    o["at"] = r.at;
    overrides.push_back(o);
  }
  j["check_overrides"] = overrides;
  auto history = apps.history((*a)->applicant_key);
  if (!history.ok()) return http::error_response(history.error());
  http::Json h = http::Json::array();
  for (const auto& other : *history) h.push_back(summary_json(other, *dates));
  return http::Response::ok({{"application", j}, {"history", h}});
}

// An application entered by staff for the applicant (a paper form): the same form and rules as
// the applicant's own submission, plus check-character overrides with a reason per field.
http::Response submit_for_applicant(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto type = domain::member_type_from_code(string_field(*body, "type"));
  if (!type)
    return http::error_response(400, "validation_failed", "请选择会员类型", {{"type", "请选择会员类型"}});
  membership::Submission s;
  s.type = *type;
  s.staff_login = call.session->login_id;
  auto agreed = body->find("agree_charter");
  s.agreed_to_charter = agreed != body->end() && agreed->is_boolean() && agreed->get<bool>();
  s.fields = text_map_field(*body, "fields");
  std::map<std::string, std::string> reasons;
  if (auto o = body->find("check_overrides"); o != body->end() && o->is_object())
    for (auto it = o->begin(); it != o->end(); ++it)
      reasons[it.key()] = it->is_string() ? it->get<std::string>() : "";
  const auto& form = domain::form_for(*type);
  auto reason_errors = domain::check_override_reasons(form, reasons, &s.check_overrides);
  if (!reason_errors.empty())
    return http::error_response(422, "override_rejected", "越过校验位检查须写明理由", reason_errors);
  const bool roster_type = *type == domain::MemberType::kAgency || *type == domain::MemberType::kAttorney;
  if (roster_type) {
    auto m = body->find("member_id");
    if (m == body->end() || !m->is_number_integer())
      return http::error_response(400, "validation_failed", "请选择申请入会的会员",
                                  {{"member_id", "请选择申请入会的会员"}});
    s.member_id = m->get<int64_t>();
  }
  auto db = app.db().acquire();
  auto dates = dates_now(*db);
  if (!dates.ok()) return http::error_response(dates.error());
  auto out = membership::submit(*db, app.config(), s);
  if (!out.ok()) {
    if (out.error().kind == ErrorKind::kForbidden)  // a member of another type: as if missing
      return http::error_response(404, "not_found", "会员不存在");
    return http::error_response(out.error());
  }
  if (!out->field_errors.empty())
    return http::error_response(out->already_member ? 409 : 400,
                                out->already_member ? "already_member" : "validation_failed",
                                out->already_member ? out->field_errors.begin()->second
                                                    : "申请未提交，请检查标出的项目",
                                out->field_errors);
  app.sms_enqueued();
  auto r = http::Response::ok({{"application", summary_json(*out->application, *dates)}});
  r.status = 201;
  return r;
}

http::Response approve(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "申请不存在");
  auto db = app.db().acquire();
  auto dates = dates_now(*db);
  if (!dates.ok()) return http::error_response(dates.error());
  auto r = membership::approve(*db, app.config(), *id, call.session->login_id);
  if (!r.ok()) return http::error_response(r.error());
  app.sms_enqueued();
  return http::Response::ok({{"application", summary_json(r->application, *dates)},
                             {"member_no", r->member_no},
                             {"login_id", r->login_id}});
}

http::Response reject(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "申请不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto dates = dates_now(*db);
  if (!dates.ok()) return http::error_response(dates.error());
  auto r = membership::reject(*db, app.config(), *id, call.session->login_id,
                              string_field(*body, "reason"));
  if (!r.ok()) {
    if (r.error().kind == ErrorKind::kInvalidArgument)
      return http::error_response(400, "validation_failed", r.error().message,
                                  {{"reason", r.error().message}});
    return http::error_response(r.error());
  }
  app.sms_enqueued();
  return http::Response::ok({{"application", summary_json(*r, *dates)}});
}

http::Response calendar_year(app::App& app, http::Call& call) {
  int year = std::atoi(call.req.query_param("year").value_or(store::today_shanghai().substr(0, 4)).c_str());
  if (year < 2000 || year > 2100)
    return http::error_response(400, "validation_failed", "年份无效", {{"year", "年份无效"}});
  auto db = app.db().acquire();
  auto days = store::CalendarRepo(*db).year(year);
  if (!days.ok()) return http::error_response(days.error());
  http::Json list = http::Json::array();
  for (const auto& d : *days) list.push_back({{"day", d.day}, {"kind", d.kind}, {"name", d.name}});
  return http::Response::ok({{"year", year}, {"days", list}});
}

http::Response calendar_put(app::App& app, http::Call& call) {
  const std::string day = call.req.path_params.at("day");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string kind = string_field(*body, "kind");
  const std::string name = core::trim(string_field(*body, "name"));
  http::FieldErrors fields;
  // The calendar is kept for the years its page shows (?year= of GET /staff/calendar).
  if (!domain::parse_iso_date(day) || day < "2000-01-01" || day > "2100-12-31")
    fields["day"] = "日期格式应为 年-月-日，且在2000年至2100年之间";
  if (kind != "holiday" && kind != "workday") fields["kind"] = "请选择节假日或调休上班";
  if (name.empty() || core::utf8_length(name) > 20) fields["name"] = "请填写名称（不超过20个字）";
  if (!fields.empty()) return http::error_response(400, "validation_failed", "请检查标出的项目", fields);
  auto db = app.db().acquire();
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  if (auto st = store::CalendarRepo(*db).put({day, kind, name}); !st.ok())
    return http::error_response(st.error());
  auto moved = membership::recount_due_dates(*db);
  if (!moved.ok()) return http::error_response(moved.error());
  http::Json after = {{"kind", kind}, {"name", name}, {"due_dates_moved", *moved}};
  if (auto st = store::append_audit(*db, {"staff:" + call.session->login_id, "calendar.put",
                                          "calendar:" + day, "", after.dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok({{"day", day}, {"kind", kind}, {"name", name}, {"due_dates_moved", *moved}});
}

http::Response calendar_delete(app::App& app, http::Call& call) {
  const std::string day = call.req.path_params.at("day");
  auto db = app.db().acquire();
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto removed = store::CalendarRepo(*db).remove(day);
  if (!removed.ok()) return http::error_response(removed.error());
  if (!*removed) return http::error_response(404, "not_found", "该日期不在日历中");
  auto moved = membership::recount_due_dates(*db);
  if (!moved.ok()) return http::error_response(moved.error());
  if (auto st = store::append_audit(*db, {"staff:" + call.session->login_id, "calendar.delete",
                                          "calendar:" + day, "",
                                          http::Json{{"due_dates_moved", *moved}}.dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok({{"ok", true}, {"due_dates_moved", *moved}});
}

}  // namespace

void register_review_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](http::Response (*fn)(app::App&, http::Call&)) {
    return [&app, fn](http::Call& c) { return fn(app, c); };
  };
  router.add({"GET", "/staff/applications", Access::kStaff, kReviewers,
              "Review queue: ?type=&status=submitted|approved|rejected|all&overdue=1&page=",
              bind(queue)});
  router.add({"GET", "/staff/applications/{id}", Access::kStaff, kReviewers,
              "One application with its fields and the applicant's history", bind(detail)});
  router.add({"POST", "/staff/applications", Access::kStaff, kReviewers,
              "Enter an application for the applicant: {type, member_id?, agree_charter, fields, "
              "check_overrides?: {field: reason}} → 201",
              bind(submit_for_applicant)});
  router.add({"POST", "/staff/applications/{id}/approve", Access::kStaff, kReviewers,
              "Approve: member number, login, SMS, member message", bind(approve)});
  router.add({"POST", "/staff/applications/{id}/reject", Access::kStaff, kReviewers,
              "Reject with {reason}; the applicant may correct and resubmit", bind(reject)});
  router.add({"GET", "/staff/calendar", Access::kStaff, kReviewers,
              "Holidays and make-up working days of ?year=", bind(calendar_year)});
  router.add({"PUT", "/staff/calendar/{day}", Access::kStaff, kReviewers,
              "Set a day: {kind: holiday|workday, name}", bind(calendar_put)});
  router.add({"DELETE", "/staff/calendar/{day}", Access::kStaff, kReviewers,
              "Remove a day from the calendar", bind(calendar_delete)});
}

}  // namespace md::api
