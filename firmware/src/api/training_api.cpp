// 报名信息 and 成绩查询. Staff (roles reviewer and admin: they keep the association's dealings with
// its members, as they do applications and messages; finance and desk do not) keep 培训班 and
// import registrations and scores from CSV. Members: an attorney sees their own; an agency sees
// its attorneys' (members.agency_id), optionally one of them; other types have none.
#include <algorithm>

#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "store/audit_repo.h"
#include "store/member_repo.h"
#include "store/training_repo.h"
#include "training/training_import.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);
const std::vector<std::string> kTrainingStaff = {"reviewer", "admin"};

std::string actor(const http::Call& call) {
  return "staff:" + call.session->login_id;
}

int int_query(const http::Request& req, const char* name, int fallback, int lo, int hi) {
  auto v = req.query_param(name);
  if (!v || v->empty() || v->size() > 6 ||
      !std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return fallback;
  return std::clamp(std::stoi(*v), lo, hi);
}

http::Json class_json(const store::TrainingClass& c) {
  return {{"id", c.id},
          {"name", c.fields.name},
          {"start_date", c.fields.start_date},
          {"end_date", c.fields.end_date},
          {"place", c.fields.place},
          {"hours", c.fields.hours}};
}

http::Json attorney_json(const store::TrainingAttorney& a) {
  return {{"member_id", a.member_id}, {"login_id", a.login_id}, {"name", a.name}};
}

http::Json registration_json(const store::TrainingRegistration& r) {
  auto s = domain::registration_status_from_code(r.status).value_or(
      domain::RegistrationStatus::kRegistered);
  return {{"class", class_json(r.cls)},
          {"attorney", attorney_json(r.attorney)},
          {"registered_on", r.registered_on},
          {"status", r.status},
          {"status_label", domain::label(s)}};
}

http::Json score_json(const store::TrainingScore& s) {
  return {{"class", class_json(s.cls)},
          {"attorney", attorney_json(s.attorney)},
          {"score", domain::format_score(s.score_tenths)},
          {"score_tenths", s.score_tenths},
          {"passed", s.passed},
          {"result_label", s.passed ? "合格" : "不合格"},
          {"exam_date", s.exam_date}};
}

store::TrainingQuery paging(const http::Request& req) {
  store::TrainingQuery q;
  q.page = int_query(req, "page", 1, 1, 100000);
  q.page_size = int_query(req, "page_size", 20, 1, 100);
  return q;
}

// ---------------------------------------------------------------------------------------------
// Staff.

Result<domain::TrainingClassFields> class_fields(const http::Request& req,
                                                 http::FieldErrors* errors) {
  auto body = json_object_body(req);
  if (!body.ok()) return body.error();
  domain::TrainingClassFields f{string_field(*body, "name"), string_field(*body, "start_date"),
                                string_field(*body, "end_date"), string_field(*body, "place"), 0};
  auto h = body->find("hours");
  if (h != body->end() && h->is_number_integer() && h->get<int64_t>() > 0 &&
      h->get<int64_t>() <= domain::kMaxClassHours)
    f.hours = h->get<int>();
  *errors = domain::validate_class(f);
  return f;
}

http::Response list_classes(app::App& app, http::Call& call) {
  auto q = paging(call.req);
  auto db = app.db().acquire();
  auto page = store::TrainingRepo(*db).classes(q.page, q.page_size);
  if (!page.ok()) return http::error_response(page.error());
  http::Json arr = http::Json::array();
  for (const auto& c : page->items) arr.push_back(class_json(c));
  return http::Response::ok(
      {{"total", page->total}, {"page", q.page}, {"page_size", q.page_size}, {"items", arr}});
}

http::Response create_class(app::App& app, http::Call& call) {
  http::FieldErrors errors;
  auto f = class_fields(call.req, &errors);
  if (!f.ok()) return http::error_response(f.error());
  if (!errors.empty())
    return http::error_response(400, "validation_failed", errors.begin()->second, errors);
  auto db = app.db().acquire();
  store::TrainingRepo repo(*db);
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto id = repo.create_class(*f, call.session->login_id);
  if (!id.ok()) return http::error_response(id.error());
  auto c = repo.find_class(*id);
  if (!c.ok() || !c->has_value())
    return http::error_response(500, "internal", "系统繁忙，请稍后再试");
  const http::Json j = class_json(**c);
  if (auto st = store::append_audit(*db, {actor(call), "training.class_create",
                                          "training_class:" + std::to_string(*id), "", j.dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  http::Response r = http::Response::ok({{"class", j}});
  r.status = 201;
  return r;
}

http::Response get_class(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "培训班不存在");
  auto db = app.db().acquire();
  store::TrainingRepo repo(*db);
  auto c = repo.find_class(*id);
  if (!c.ok()) return http::error_response(c.error());
  if (!c->has_value()) return http::error_response(404, "not_found", "培训班不存在");
  auto counts = repo.counts(*id);
  if (!counts.ok()) return http::error_response(counts.error());
  http::Json j = class_json(**c);
  j["registrations"] = counts->first;
  j["scores"] = counts->second;
  j["updated_at"] = (*c)->updated_at;
  j["updated_by"] = (*c)->updated_by;
  return http::Response::ok({{"class", j}});
}

http::Response update_class(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "培训班不存在");
  http::FieldErrors errors;
  auto f = class_fields(call.req, &errors);
  if (!f.ok()) return http::error_response(f.error());
  if (!errors.empty())
    return http::error_response(400, "validation_failed", errors.begin()->second, errors);
  auto db = app.db().acquire();
  store::TrainingRepo repo(*db);
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto before = repo.find_class(*id);
  if (!before.ok()) return http::error_response(before.error());
  if (!before->has_value()) return http::error_response(404, "not_found", "培训班不存在");
  if (auto st = repo.update_class(*id, *f, call.session->login_id); !st.ok())
    return http::error_response(st.error());
  store::TrainingClass now = **before;
  now.fields = *f;
  const http::Json j = class_json(now);
  if (auto st = store::append_audit(
          *db, {actor(call), "training.class_update", "training_class:" + std::to_string(*id),
                class_json(**before).dump(), j.dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok({{"class", j}});
}

http::Response import(app::App& app, http::Call& call, domain::TrainingFile kind) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "培训班不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto csv = body->find("csv");
  if (csv == body->end() || !csv->is_string())
    return http::error_response(400, "validation_failed", "请选择要导入的CSV文件",
                                {{"csv", "请选择要导入的CSV文件"}});
  auto apply = body->find("apply");
  const bool applying = apply != body->end() && apply->is_boolean() && apply->get<bool>();
  auto db = app.db().acquire();
  auto r = training::import_training_csv(
      *db, *id, kind, csv->get_ref<const std::string&>(),
      applying ? training::ImportMode::kApply : training::ImportMode::kPreview, actor(call));
  if (!r.ok()) return http::error_response(r.error());
  http::Json problems = http::Json::array();
  for (const auto& p : r->problems) problems.push_back({{"line", p.line}, {"message", p.message}});
  http::Json j = {{"ok", r->problems.empty()}, {"applied", r->applied}, {"rows", r->rows},
                  {"created", r->created},     {"updated", r->updated}, {"unchanged", r->unchanged},
                  {"problems", problems}};
  // A file with problems is refused as a whole: 422 when applying, a plain report in a preview.
  if (applying && !r->problems.empty()) {
    http::Response resp = http::error_response(
        422, "import_rejected",
        "文件有" + std::to_string(r->problems.size()) + "处错误，未导入任何数据");
    resp.body["error"]["report"] = j;
    return resp;
  }
  return http::Response::ok(j);
}

http::Response import_registrations(app::App& app, http::Call& call) {
  return import(app, call, domain::TrainingFile::kRegistrations);
}
http::Response import_scores(app::App& app, http::Call& call) {
  return import(app, call, domain::TrainingFile::kScores);
}

// One page of registrations or scores for the query, as {"total","page","page_size","items"}.
Result<http::Json> page_json(store::Db& db, domain::TrainingFile kind,
                             const store::TrainingQuery& q) {
  store::TrainingRepo repo(db);
  http::Json j = {
      {"total", 0}, {"page", q.page}, {"page_size", q.page_size}, {"items", http::Json::array()}};
  if (kind == domain::TrainingFile::kRegistrations) {
    auto p = repo.registrations(q);
    if (!p.ok()) return p.error();
    j["total"] = p->total;
    for (const auto& r : p->items) j["items"].push_back(registration_json(r));
  } else {
    auto p = repo.scores(q);
    if (!p.ok()) return p.error();
    j["total"] = p->total;
    for (const auto& r : p->items) j["items"].push_back(score_json(r));
  }
  return j;
}

http::Response staff_list(app::App& app, http::Call& call, domain::TrainingFile kind) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "培训班不存在");
  auto db = app.db().acquire();
  auto c = store::TrainingRepo(*db).find_class(*id);
  if (!c.ok()) return http::error_response(c.error());
  if (!c->has_value()) return http::error_response(404, "not_found", "培训班不存在");
  auto q = paging(call.req);
  q.class_id = *id;
  auto j = page_json(*db, kind, q);
  if (!j.ok()) return http::error_response(j.error());
  return http::Response::ok(*j);
}

http::Response staff_registrations(app::App& app, http::Call& call) {
  return staff_list(app, call, domain::TrainingFile::kRegistrations);
}
http::Response staff_scores(app::App& app, http::Call& call) {
  return staff_list(app, call, domain::TrainingFile::kScores);
}

// ---------------------------------------------------------------------------------------------
// Members.

// Whose rows the caller may see, narrowed by ?attorney_id= for an agency. An attorney id that is
// not one of the agency's (or not the attorney's own) answers 404, whether it exists or not.
Result<store::TrainingQuery> member_scope(store::Db& db, const http::Call& call, std::string* scope,
                                          http::Json* attorneys) {
  auto q = paging(call.req);
  const auto& s = *call.session;
  const auto filter = call.req.query_param("attorney_id");
  std::optional<int64_t> wanted;
  if (filter && !filter->empty()) {
    const bool digits =
        filter->size() <= 12 &&
        std::all_of(filter->begin(), filter->end(), [](char c) { return c >= '0' && c <= '9'; });
    wanted = digits ? std::stoll(*filter) : 0;
  }
  const auto not_found = make_error(ErrorKind::kNotFound, "not_found", "未找到该专利代理师的记录");
  if (s.member_type == "attorney") {
    if (wanted && *wanted != s.member_id) return not_found;
    q.member_id = s.member_id;
    *scope = "self";
  } else if (s.member_type == "agency") {
    q.agency_id = s.member_id;
    *scope = "agency";
    auto st = db.prepare(
        "SELECT id, login_id, name FROM members WHERE agency_id = ? AND type = 'attorney' ORDER BY "
        "login_id");
    st.bind(1, s.member_id);
    bool found = !wanted;
    while (st.step()) {
      attorneys->push_back(
          {{"member_id", st.col_int(0)}, {"login_id", st.col_text(1)}, {"name", st.col_text(2)}});
      found = found || (wanted && *wanted == st.col_int(0));
    }
    if (!st.status().ok()) return st.status().error();
    if (!found) return not_found;
    if (wanted) q.member_id = *wanted;
  } else {
    *scope = "none";
    if (wanted) return not_found;
  }
  return q;
}

http::Response member_list(app::App& app, http::Call& call, domain::TrainingFile kind) {
  auto db = app.db().acquire();
  std::string scope;
  http::Json attorneys = http::Json::array();
  auto q = member_scope(*db, call, &scope, &attorneys);
  if (!q.ok()) return http::error_response(q.error());
  http::Json j = {
      {"total", 0}, {"page", q->page}, {"page_size", q->page_size}, {"items", http::Json::array()}};
  if (scope != "none") {
    auto p = page_json(*db, kind, *q);
    if (!p.ok()) return http::error_response(p.error());
    j = *p;
  }
  j["scope"] = scope;
  if (scope == "agency") j["attorneys"] = attorneys;
  return http::Response::ok(j);
}

http::Response my_registrations(app::App& app, http::Call& call) {
  return member_list(app, call, domain::TrainingFile::kRegistrations);
}
http::Response my_scores(app::App& app, http::Call& call) {
  return member_list(app, call, domain::TrainingFile::kScores);
}

}  // namespace

void register_training_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/staff/training/classes", Access::kStaff, kTrainingStaff,
              "培训班: ?page=&page_size=", bind(list_classes)});
  router.add({"POST", "/staff/training/classes", Access::kStaff, kTrainingStaff,
              "New 培训班: {name, start_date, end_date, place, hours} → 201", bind(create_class)});
  router.add({"GET", "/staff/training/classes/{id}", Access::kStaff, kTrainingStaff,
              "One 培训班 with its counts", bind(get_class)});
  router.add({"PUT", "/staff/training/classes/{id}", Access::kStaff, kTrainingStaff,
              "Edit a 培训班 (audited before/after)", bind(update_class)});
  router.add({"POST", "/staff/training/classes/{id}/registrations/import", Access::kStaff,
              kTrainingStaff, "报名 CSV: {csv, apply} → line report; apply is all or nothing",
              bind(import_registrations)});
  router.add({"POST", "/staff/training/classes/{id}/scores/import", Access::kStaff, kTrainingStaff,
              "成绩 CSV: {csv, apply} → line report; apply is all or nothing",
              bind(import_scores)});
  router.add({"GET", "/staff/training/classes/{id}/registrations", Access::kStaff, kTrainingStaff,
              "A class's registrations: ?page=", bind(staff_registrations)});
  router.add({"GET", "/staff/training/classes/{id}/scores", Access::kStaff, kTrainingStaff,
              "A class's scores: ?page=", bind(staff_scores)});
  router.add({"GET",
              "/member/training/registrations",
              Access::kMember,
              {},
              "报名信息: own, or an agency's attorneys' (?attorney_id=&page=)",
              bind(my_registrations)});
  router.add({"GET",
              "/member/training/scores",
              Access::kMember,
              {},
              "成绩查询: own, or an agency's attorneys' (?attorney_id=&page=)",
              bind(my_scores)});
}

}  // namespace md::api
