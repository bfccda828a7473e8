// 入会申请, the applicant's side: form definitions, submission, and the member's own status.
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "auth/rate_window.h"
#include "core/utf8.h"
#include "domain/application_forms.h"
#include "membership/applications.h"
#include "store/application_repo.h"
#include "store/calendar_repo.h"
#include "store/member_repo.h"

namespace md::api {
namespace {

using domain::MemberType;

http::Json form_json(const domain::FormDef& form) {
  http::Json fields = http::Json::array();
  for (const auto& f : form.fields) {
    http::Json j = {{"key", f.key},
                    {"label", f.label},
                    {"kind", domain::kind_code(f.kind)},
                    {"required", f.required},
                    {"readonly", f.source != domain::FieldSource::kApplicant}};
    if (f.max_chars > 0) j["max_chars"] = f.max_chars;
    if (!f.choices.empty()) j["choices"] = f.choices;
    fields.push_back(std::move(j));
  }
  const bool login = form.type == MemberType::kAgency || form.type == MemberType::kAttorney;
  return {{"type", domain::to_code(form.type)},
          {"type_label", domain::label(form.type)},
          {"title", form.title},
          {"requires_login", login},
          {"fields", fields}};
}

// The applicant's view of an application; the calendar tells whether its due date is estimated.
Result<http::Json> application_json(store::Db& db, const store::Application& a) {
  auto cal = store::CalendarRepo(db).load();
  if (!cal.ok()) return cal.error();
  http::Json j = {{"id", a.id},
                  {"member_type", a.member_type},
                  {"status", a.status},
                  {"name", a.name},
                  {"submitted_at", a.submitted_at},
                  {"due_date", a.due_date},
                  {"due_date_estimated", membership::due_date_estimated(*cal, a)},
                  {"fields", http::Json::parse(a.form_json)}};
  if (a.reject_reason) j["reject_reason"] = *a.reject_reason;
  if (a.decided_at) j["decided_at"] = *a.decided_at;
  return j;
}

std::optional<MemberType> type_param(const http::Call& call) {
  return domain::member_type_from_code(call.req.path_params.at("type"));
}

http::Response get_form(http::Call& call) {
  auto type = type_param(call);
  if (!type) return http::error_response(404, "not_found", "没有这种会员类型");
  return http::Response::ok({{"form", form_json(domain::form_for(*type))}});
}

// Each accepted submission sends an SMS, and the route is public: at most so many per mobile,
// per client address and in all per hour (applications.* in the config), else 429.
class SubmissionLimits {
 public:
  explicit SubmissionLimits(const config::Config& cfg)
      : per_mobile_(cfg.integer("applications.max_per_mobile_per_hour")),
        per_address_(cfg.integer("applications.max_per_address_per_hour")),
        in_all_(cfg.integer("applications.max_per_hour")) {}

  std::vector<auth::RateWindow::Ask> asks(const std::string& mobile,
                                          const std::string& address) const {
    std::vector<auth::RateWindow::Ask> out;
    if (!mobile.empty()) out.push_back({"mobile:" + mobile, per_mobile_});
    out.push_back({"ip:" + address, per_address_});
    out.push_back({"all", in_all_});
    return out;
  }
  auth::RateWindow& window() { return window_; }

 private:
  const int64_t per_mobile_, per_address_, in_all_;
  auth::RateWindow window_{std::chrono::hours(1)};
};

http::Response too_many(const auth::RateWindow::Refusal& refused, bool mobile) {
  const auto minutes = (refused.wait.count() + 59) / 60;
  const std::string when = "请于" + std::to_string(minutes) + "分钟后再试";
  auto r = http::error_response(
      429, "too_many_applications",
      mobile ? "该手机号提交入会申请过于频繁，" + when : "入会申请提交过于频繁，" + when);
  r.body["error"]["retry_after_s"] = refused.wait.count();
  r.headers.emplace_back("Retry-After", std::to_string(refused.wait.count()));
  return r;
}

http::Response submit(app::App& app, SubmissionLimits& limits, http::Call& call) {
  auto type = type_param(call);
  if (!type) return http::error_response(404, "not_found", "没有这种会员类型");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  membership::Submission s;
  s.type = *type;
  auto agreed = body->find("agree_charter");
  s.agreed_to_charter = agreed != body->end() && agreed->is_boolean() && agreed->get<bool>();
  s.fields = text_map_field(*body, "fields");
  const bool login_type = *type == MemberType::kAgency || *type == MemberType::kAttorney;
  if (login_type) {
    if (!call.session) return http::error_response(401, "unauthenticated", "请先登录后再申请入会");
    if (call.session->staff)
      return http::error_response(403, "forbidden",
                                  "工作人员账号不能提交此申请，请由会员登录后申请，或在审核台代为录入");
    s.member_id = call.session->member_id;
  }
  const auto& mobile_field = domain::form_for(*type).mobile_field;
  const auto mobile = s.fields.count(mobile_field) ? core::trim(s.fields.at(mobile_field)) : "";
  const auto asks = limits.asks(mobile, call.req.remote_addr);
  const auto taken_at = auth::RateWindow::Clock::now();
  if (auto refused = limits.window().try_take(asks, taken_at))
    return too_many(*refused, !mobile.empty() && refused->ask == 0);
  // Only accepted submissions count: anything refused below gives its place back.
  struct GiveBack {
    SubmissionLimits& limits;
    const std::vector<auth::RateWindow::Ask>& asks;
    auth::RateWindow::TimePoint at;
    bool keep = false;
    ~GiveBack() {
      if (!keep) limits.window().give_back(asks, at);
    }
  } give_back{limits, asks, taken_at};

  auto db = app.db().acquire();
  auto out = membership::submit(*db, app.config(), s);
  if (!out.ok()) return http::error_response(out.error());
  if (!out->field_errors.empty()) {
    const bool duplicate = out->already_member;
    return http::error_response(duplicate ? 409 : 400,
                                duplicate ? "already_member" : "validation_failed",
                                duplicate ? out->field_errors.begin()->second
                                          : "申请未提交，请检查标出的项目",
                                out->field_errors);
  }
  give_back.keep = true;
  app.sms_enqueued();
  auto shown = application_json(*db, *out->application);
  if (!shown.ok()) return http::error_response(shown.error());
  auto r = http::Response::ok({{"application", *shown},
                               {"message", membership::kSubmittedNotice}});
  r.status = 201;
  return r;
}

// The logged-in member's application status (the 入会申请 entry of the member center).
http::Response my_application(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  store::MemberRepo members(*db);
  auto m = members.find(call.session->member_id);
  if (!m.ok()) return http::error_response(m.error());
  if (!m->has_value()) return http::error_response(404, "not_found", "会员不存在");
  const auto& mem = **m;
  auto type = domain::member_type_from_code(mem.type);
  auto latest = store::ApplicationRepo(*db).latest_for_member(mem.id);
  if (!latest.ok()) return http::error_response(latest.error());
  // Prefill: the last application's values (to correct after a rejection), else the roster's.
  http::Json prefill = http::Json::object();
  if (latest->has_value()) {
    prefill = http::Json::parse((*latest)->form_json);
  } else {
    auto known = membership::roster_prefill(*db, mem.id);
    if (!known.ok()) return http::error_response(known.error());
    prefill = *known;
  }
  if (type == MemberType::kAttorney || type == MemberType::kAgency) {
    auto known = membership::roster_prefill(*db, mem.id);  // read-only fields follow the roster
    if (!known.ok()) return http::error_response(known.error());
    for (const auto& f : domain::form_for(*type).fields)
      if (f.source != domain::FieldSource::kApplicant && known->count(f.key))
        prefill[f.key] = known->at(f.key);
  }
  // What the member may do now: apply, wait, pay dues.
  std::string stage = "apply";
  if (mem.status == "applied") stage = "under_review";
  else if (mem.status == "approved_unpaid" || mem.status == "active") stage = "approved";
  else if (mem.status == "withdrawn") stage = "withdrawn";
  http::Json j = {{"stage", stage},
                  {"member_status", mem.status},
                  {"member_no", mem.member_no ? http::Json(*mem.member_no) : http::Json()},
                  {"form", form_json(domain::form_for(type.value_or(MemberType::kAgency)))},
                  {"prefill", prefill}};
  if (latest->has_value()) {
    auto shown = application_json(*db, **latest);
    if (!shown.ok()) return http::error_response(shown.error());
    j["application"] = *shown;
  }
  return http::Response::ok(j);
}

}  // namespace

void register_application_routes(http::Router& router, app::App& app) {
  auto limits = std::make_shared<SubmissionLimits>(app.config());
  router.add({"GET", "/applications/forms/{type}", http::Access::kPublic, {},
              "入会申请表 definition of a member type (fields, labels, kinds, required)",
              [](http::Call& c) { return get_form(c); }});
  router.add({"POST", "/applications/{type}", http::Access::kPublic, {},
              "Submit an application: {agree_charter, fields}; agency/attorney need their member "
              "login",
              [&app, limits](http::Call& c) { return submit(app, *limits, c); }});
  router.add({"GET", "/member/application", http::Access::kMember, {},
              "The member's application: stage, latest application, form and prefill",
              [&app](http::Call& c) { return my_application(app, c); }});
}

}  // namespace md::api
