// 会员查询 (staff): search members by name, code or member number; one member's whole record
// (type, status, validity, profile, agency / attorneys, applications, dues, certificates,
// training, audit trail); and the change of an attorney's 执业机构. Every staff role may search
// and look (the desk answers members' questions); only reviewer and admin, who keep the
// association's dealings with its members, move an attorney to another agency.
#include <algorithm>

#include "api/certificates_json.h"
#include "api/dues_json.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "core/utf8.h"
#include "domain/application_forms.h"
#include "domain/identifiers.h"
#include "domain/member.h"
#include "domain/training.h"
#include "membership/agency_change.h"
#include "store/application_repo.h"
#include "store/audit_repo.h"
#include "store/certificate_repo.h"
#include "store/directory_cache.h"
#include "store/order_repo.h"
#include "store/staff_member_repo.h"
#include "store/training_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);
const std::vector<std::string> kRecordKeepers = {"reviewer", "admin"};
constexpr int kAuditRows = 200;
constexpr int kTrainingRows = 100;

http::Json hit_json(const store::MemberHit& m) {
  auto type = domain::member_type_from_code(m.type);
  auto status = domain::member_status_from_code(m.status);
  http::Json j = {{"id", m.id},
                  {"type", m.type},
                  {"type_label", type ? std::string(domain::label(*type)) : m.type},
                  {"login_id", m.login_id},
                  {"name", m.name},
                  {"status", m.status},
                  {"status_label", status ? std::string(domain::label(*status)) : m.status},
                  {"member_no", opt_json(m.member_no)},
                  {"valid_until", opt_json(m.valid_until)},
                  {"agency", http::Json()}};
  if (m.agency_id) j["agency"] = {{"id", *m.agency_id}, {"name", opt_json(m.agency_name)}};
  return j;
}

// The search text: a name part always, and an exact code when it can be one (codes are stored
// upper-case; a mobile may come with +86).
store::MemberSearch search_of(const std::string& text) {
  store::MemberSearch q;
  q.name_part = text;
  if (text.empty()) return q;
  auto mobile = domain::check_mobile(text);
  if (mobile.ok) {
    q.code = mobile.normalized;
    return q;
  }
  for (char c : text) q.code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  return q;
}

http::Response search(app::App& app, http::Call& call) {
  const std::string text = core::trim(call.req.query_param("q").value_or(""));
  if (!core::utf8_valid(text) || core::utf8_length(text) > 50)
    return http::error_response(400, "validation_failed", "查询内容不能超过50个字",
                                {{"q", "查询内容不能超过50个字"}});
  store::MemberSearch q = search_of(text);
  if (auto t = call.req.query_param("type"); t && !t->empty()) {
    if (!domain::member_type_from_code(*t))
      return http::error_response(400, "validation_failed", "会员类型无效", {{"type", "会员类型无效"}});
    q.type = *t;
  }
  q.page = int_query_param(call.req, "page", 1, 1, 100000);
  q.page_size = int_query_param(call.req, "page_size", 20, 1, 100);
  auto db = app.db().acquire();
  auto hits = store::StaffMemberRepo(*db).search(q);
  if (!hits.ok()) return http::error_response(hits.error());
  http::Json items = http::Json::array();
  for (const auto& m : hits->items) items.push_back(hit_json(m));
  return http::Response::ok(
      {{"total", hits->total}, {"page", q.page}, {"page_size", q.page_size}, {"items", items}});
}

// The profile's fields with their labels, in the form's order. The approved profile if there is
// one, else the latest application's values, else nothing.
http::Json profile_json(const domain::FormDef& form, const std::string& values_json) {
  auto values = http::Json::parse(values_json, nullptr, false);
  http::Json fields = http::Json::array();
  if (!values.is_object()) return fields;
  for (const auto& f : form.fields)
    fields.push_back({{"key", f.key}, {"label", f.label}, {"value", values.value(f.key, std::string())}});
  return fields;
}

http::Json application_row(const store::Application& a) {
  const char* label = a.status == "submitted" ? "待审核" : a.status == "approved" ? "已通过" : "已退回";
  return {{"id", a.id},
          {"status", a.status},
          {"status_label", label},
          {"submitted_at", a.submitted_at},
          {"due_date", a.due_date},
          {"decided_at", opt_json(a.decided_at)},
          {"decided_by", opt_json(a.decided_by)},
          {"reject_reason", opt_json(a.reject_reason)}};
}

http::Json audit_json(const store::AuditRow& r) {
  auto parsed = [](const std::string& s) {
    return s.empty() ? http::Json() : http::Json::parse(s, nullptr, false);
  };
  return {{"id", r.id},
          {"at", r.at},
          {"actor", r.entry.actor},
          {"action", r.entry.action},
          {"object", r.entry.object},
          {"before", parsed(r.entry.before_json)},
          {"after", parsed(r.entry.after_json)}};
}

// 报名信息 and 成绩 of the member (an attorney's own; an agency's attorneys').
Result<http::Json> training_json(store::Db& db, const store::MemberHit& m) {
  store::TrainingQuery q;
  (m.type == "agency" ? q.agency_id : q.member_id) = m.id;
  q.page_size = kTrainingRows;
  store::TrainingRepo repo(db);
  auto regs = repo.registrations(q);
  if (!regs.ok()) return regs.error();
  auto scores = repo.scores(q);
  if (!scores.ok()) return scores.error();
  http::Json r = http::Json::array(), s = http::Json::array();
  for (const auto& x : regs->items) {
    auto st = domain::registration_status_from_code(x.status);
    r.push_back({{"class_name", x.cls.fields.name},
                 {"start_date", x.cls.fields.start_date},
                 {"attorney", x.attorney.name},
                 {"registered_on", x.registered_on},
                 {"status_label", st ? domain::label(*st) : x.status}});
  }
  for (const auto& x : scores->items)
    s.push_back({{"class_name", x.cls.fields.name},
                 {"attorney", x.attorney.name},
                 {"score", domain::format_score(x.score_tenths)},
                 {"result_label", x.passed ? "合格" : "不合格"},
                 {"exam_date", x.exam_date}});
  return http::Json{{"registrations", r},
                    {"registrations_total", regs->total},
                    {"scores", s},
                    {"scores_total", scores->total}};
}

// The audit trail: rows about the member, its applications, certificates and orders, and what
// the member did itself.
Result<http::Json> audit_trail(store::Db& db, const store::MemberHit& m,
                               const std::vector<store::Application>& apps,
                               const std::vector<store::CertificateRow>& certs,
                               const std::vector<store::DuesOrder>& orders) {
  std::vector<std::string> objects = {"member:" + std::to_string(m.id)};
  for (const auto& a : apps) objects.push_back("application:" + std::to_string(a.id));
  for (const auto& c : certs) objects.push_back("certificate:" + std::to_string(c.id));
  for (const auto& o : orders) objects.push_back("dues_order:" + std::to_string(o.id));
  auto rows = store::audit_rows_about(db, objects, "member:" + m.login_id, kAuditRows);
  if (!rows.ok()) return rows.error();
  http::Json out = http::Json::array();
  for (const auto& r : *rows) out.push_back(audit_json(r));
  return out;
}

http::Response record(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "会员不存在");
  auto db = app.db().acquire();
  store::StaffMemberRepo members(*db);
  auto found = members.find(*id);
  if (!found.ok()) return http::error_response(found.error());
  if (!found->has_value()) return http::error_response(404, "not_found", "会员不存在");
  const store::MemberHit& m = **found;
  const auto type = domain::member_type_from_code(m.type).value_or(domain::MemberType::kAgency);
  const auto& form = domain::form_for(type);

  auto apps = store::ApplicationRepo(*db).history(m.login_id);
  if (!apps.ok()) return http::error_response(apps.error());
  auto profile = members.profile_json(m.id);
  if (!profile.ok()) return http::error_response(profile.error());
  http::Json record = {{"member", hit_json(m)}};
  record["profile_source"] = profile->has_value() ? "profile" : apps->empty() ? "none" : "application";
  record["profile"] = profile->has_value() ? profile_json(form, **profile)
                      : apps->empty()      ? http::Json::array()
                                           : profile_json(form, apps->front().form_json);
  http::Json a = http::Json::array();
  for (const auto& x : *apps) a.push_back(application_row(x));
  record["applications"] = a;

  http::Json attorneys = http::Json::array();
  if (m.type == "agency") {
    auto list = members.attorneys_of(m.id);
    if (!list.ok()) return http::error_response(list.error());
    for (const auto& x : *list) attorneys.push_back(hit_json(x));
  }
  record["attorneys"] = attorneys;

  auto orders = store::OrderRepo(*db).for_member(m.id);
  if (!orders.ok()) return http::error_response(orders.error());
  http::Json dues = http::Json::array();
  for (const auto& o : *orders) dues.push_back(order_json(*db, o, app.dues().gateways, true));
  record["dues_orders"] = dues;

  auto certs = store::CertificateRepo(*db).for_member(m.id);
  if (!certs.ok()) return http::error_response(certs.error());
  const std::string today = store::today_shanghai();
  http::Json c = http::Json::array();
  for (const auto& x : *certs) c.push_back(certificate_json(x, app.documents().verify_base_url, today));
  record["certificates"] = c;

  auto training = training_json(*db, m);
  if (!training.ok()) return http::error_response(training.error());
  record["training"] = *training;
  auto audit = audit_trail(*db, m, *apps, *certs, *orders);
  if (!audit.ok()) return http::error_response(audit.error());
  record["audit"] = *audit;
  record["can_change_agency"] =
      m.type == "attorney" && std::find(kRecordKeepers.begin(), kRecordKeepers.end(),
                                        call.session->role) != kRecordKeepers.end();
  return http::Response::ok(record);
}

http::Response change_agency(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "专利代理师不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto agency = body->find("agency_id");
  const int64_t agency_id =
      agency != body->end() && agency->is_number_integer() ? agency->get<int64_t>() : 0;
  auto db = app.db().acquire();
  auto out = membership::change_agency(*db, *id, agency_id, string_field(*body, "reason"),
                                       call.session->login_id);
  if (!out.ok()) return http::error_response(out.error());
  if (!out->field_errors.empty())
    return http::error_response(400, "validation_failed", "执业机构未变更，请检查标出的项目",
                                out->field_errors);
  return http::Response::ok({{"member", hit_json(out->attorney)}});
}

}  // namespace

void register_staff_member_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/staff/members", Access::kStaff, {},
              "会员查询: ?q= (name part, login id, member number, 统一社会信用代码) &type=&page=&page_size=",
              bind(search)});
  router.add({"GET", "/staff/members/{id}", Access::kStaff, {},
              "One member's whole record: profile, agency/attorneys, applications, dues, "
              "certificates, training, audit trail",
              bind(record)});
  router.add({"POST", "/staff/members/{id}/agency", Access::kStaff, kRecordKeepers,
              "Change an attorney's 执业机构: {agency_id, reason} (audited)", bind(change_agency)});
}

}  // namespace md::api
