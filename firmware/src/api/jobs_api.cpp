// 招聘信息: the public list and detail (approved, valid through today, not closed), an agency's
// own postings (other member types 403; another agency's posting 404), and the reviewers' queue
// (reviewer, admin) with approve / reject-with-reason.
#include "api/paging.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "domain/job_posting.h"
#include "membership/job_postings.h"
#include "store/directory_cache.h"
#include "store/job_posting_repo.h"
#include "store/member_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);
const std::vector<std::string> kReviewers = {"reviewer", "admin"};
constexpr int kOwnShown = 100;
constexpr const char* kNoJob = "招聘信息不存在";

enum class View { kPublic, kAgency, kStaff };

http::Json job_json(const store::JobPosting& j, View view, const std::string& today) {
  const auto& f = j.fields;
  http::Json pay = {{"negotiable", f.pay_negotiable},
                    {"min", f.pay_negotiable ? http::Json() : http::Json(f.pay_min_yuan)},
                    {"max", f.pay_negotiable ? http::Json() : http::Json(f.pay_max_yuan)},
                    {"text", domain::pay_text(f)}};
  http::Json out = {{"id", j.id},
                    {"title", f.title},
                    {"positions", f.positions},
                    {"headcount", f.headcount},
                    {"requirements", f.requirements},
                    {"place", f.place},
                    {"pay", pay},
                    {"contact_name", f.contact_name},
                    {"contact_phone", f.contact_phone},
                    {"valid_until", f.valid_until},
                    {"agency", {{"name", j.agency_name}}}};
  if (view == View::kPublic) {
    out["published_at"] = opt_json(j.reviewed_at);
    return out;
  }
  out["status"] = j.status;
  out["status_label"] = std::string(domain::job_display_label(j.status, f.valid_until, today));
  out["public"] = domain::job_public(j.status, f.valid_until, today);
  out["expired"] = f.valid_until < today;
  out["editable"] = domain::job_editable(j.status);
  out["reject_reason"] = opt_json(j.reject_reason);
  out["reviewed_at"] = opt_json(j.reviewed_at);
  out["created_at"] = j.created_at;
  out["updated_at"] = j.updated_at;
  if (view == View::kStaff) {
    out["agency"] = {{"id", j.agency_id},
                     {"name", j.agency_name},
                     {"login_id", j.agency_login},
                     {"member_no", opt_json(j.agency_member_no)}};
    out["reviewed_by"] = opt_json(j.reviewed_by);
  }
  return out;
}

// A string member, or an integer member in decimal ("" otherwise).
std::string text_of(const http::Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number()) return it->dump();  // 2.5: refused as not a whole number
  return "";
}

domain::JobForm form_of(const http::Json& body) {
  domain::JobForm f;
  f.title = text_of(body, "title");
  f.positions = text_of(body, "positions");
  f.headcount = text_of(body, "headcount");
  f.requirements = text_of(body, "requirements");
  f.place = text_of(body, "place");
  auto neg = body.find("pay_negotiable");
  f.pay_negotiable = neg != body.end() && neg->is_boolean() && neg->get<bool>();
  f.pay_min = text_of(body, "pay_min");
  f.pay_max = text_of(body, "pay_max");
  f.contact_name = text_of(body, "contact_name");
  f.contact_phone = text_of(body, "contact_phone");
  f.valid_until = text_of(body, "valid_until");
  return f;
}

http::Response field_errors(const std::map<std::string, std::string>& errors) {
  http::FieldErrors fields(errors.begin(), errors.end());
  return http::error_response(400, "validation_failed", "请检查填写的内容", fields);
}

http::Response created(http::Json body) {
  http::Response r = http::Response::ok(std::move(body));
  r.status = 201;
  return r;
}

// The session's member when it is an agency; otherwise the 403 to answer.
Result<store::Member> session_agency(store::Db& db, const http::Call& call) {
  if (call.session->member_type != "agency")
    return make_error(ErrorKind::kForbidden, "forbidden", "招聘信息仅限代理机构发布");
  auto m = store::MemberRepo(db).find(call.session->member_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return **m;
}

// ---------------------------------------------------------------------------------------------
// Public

http::Response public_jobs(app::App& app, http::Call& call) {
  Paging paging;
  if (auto refused = read_paging(call.req, 10, 50, paging)) return *refused;
  const int page = paging.page;
  const int size = paging.page_size;
  const std::string today = store::today_shanghai();
  auto db = app.db().acquire();
  auto found = store::JobPostingRepo(*db).list_public(today, page, size);
  if (!found.ok()) return http::error_response(found.error());
  http::Json items = http::Json::array();
  for (const auto& j : found->items) items.push_back(job_json(j, View::kPublic, today));
  return http::Response::ok({{"total", found->total}, {"page", page}, {"page_size", size}, {"items", items}});
}

http::Response public_job(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", kNoJob);
  const std::string today = store::today_shanghai();
  auto db = app.db().acquire();
  auto j = store::JobPostingRepo(*db).find(*id);
  if (!j.ok()) return http::error_response(j.error());
  if (!j->has_value() || !domain::job_public((*j)->status, (*j)->fields.valid_until, today))
    return http::error_response(404, "not_found", "该招聘信息不存在或已下架");
  return http::Response::ok({{"job", job_json(**j, View::kPublic, today)}});
}

// ---------------------------------------------------------------------------------------------
// The agency's own

http::Response my_jobs(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto m = session_agency(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  const std::string today = store::today_shanghai();
  auto own = store::JobPostingRepo(*db).for_agency(m->id, kOwnShown);
  if (!own.ok()) return http::error_response(own.error());
  http::Json items = http::Json::array();
  for (const auto& j : *own) items.push_back(job_json(j, View::kAgency, today));
  http::Json blocked;
  if (auto why = membership::posting_blocked(*m)) blocked = {{"code", why->code}, {"message", why->message}};
  return http::Response::ok({{"today", today},
                             {"can_create", blocked.is_null()},
                             {"blocked", blocked},
                             {"items", items}});
}

http::Response my_job(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  auto db = app.db().acquire();
  auto m = session_agency(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  if (!id) return http::error_response(404, "not_found", kNoJob);
  auto j = membership::own_job(*db, *m, *id);
  if (!j.ok()) return http::error_response(j.error());
  return http::Response::ok({{"job", job_json(*j, View::kAgency, store::today_shanghai())}});
}

http::Response create_job(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto m = session_agency(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string today = store::today_shanghai();
  auto out = membership::create_job(*db, *m, form_of(*body), today);
  if (!out.ok()) return http::error_response(out.error());
  if (!out->errors.empty()) return field_errors(out->errors);
  return created({{"job", job_json(*out->posting, View::kAgency, today)}});
}

http::Response edit_job(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  auto db = app.db().acquire();
  auto m = session_agency(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  if (!id) return http::error_response(404, "not_found", kNoJob);
  if (auto own = membership::own_job(*db, *m, *id); !own.ok()) return http::error_response(own.error());
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string today = store::today_shanghai();
  auto out = membership::edit_job(*db, *m, *id, form_of(*body), today);
  if (!out.ok()) return http::error_response(out.error());
  if (!out->errors.empty()) return field_errors(out->errors);
  return http::Response::ok({{"job", job_json(*out->posting, View::kAgency, today)}});
}

http::Response close_job(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  auto db = app.db().acquire();
  auto m = session_agency(*db, call);
  if (!m.ok()) return http::error_response(m.error());
  if (!id) return http::error_response(404, "not_found", kNoJob);
  auto j = membership::close_job(*db, *m, *id);
  if (!j.ok()) return http::error_response(j.error());
  return http::Response::ok({{"job", job_json(*j, View::kAgency, store::today_shanghai())}});
}

// ---------------------------------------------------------------------------------------------
// Staff

http::Response staff_jobs(app::App& app, http::Call& call) {
  std::string status = call.req.query_param("status").value_or("pending");
  if (status == "all") status.clear();
  if (!status.empty() && status != "pending" && status != "approved" && status != "rejected" &&
      status != "closed")
    return http::error_response(400, "validation_failed", "状态不正确", {{"status", "状态不正确"}});
  Paging paging;
  if (auto refused = read_paging(call.req, 20, 100, paging)) return *refused;
  const int page = paging.page;
  const int size = paging.page_size;
  const std::string today = store::today_shanghai();
  auto db = app.db().acquire();
  auto found = store::JobPostingRepo(*db).list(status, page, size);
  if (!found.ok()) return http::error_response(found.error());
  http::Json items = http::Json::array();
  for (const auto& j : found->items) items.push_back(job_json(j, View::kStaff, today));
  return http::Response::ok({{"total", found->total}, {"page", page}, {"page_size", size}, {"items", items}});
}

http::Response staff_job(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", kNoJob);
  auto db = app.db().acquire();
  auto j = store::JobPostingRepo(*db).find(*id);
  if (!j.ok()) return http::error_response(j.error());
  if (!j->has_value()) return http::error_response(404, "not_found", kNoJob);
  return http::Response::ok({{"job", job_json(**j, View::kStaff, store::today_shanghai())}});
}

http::Response staff_approve(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", kNoJob);
  auto db = app.db().acquire();
  auto j = membership::approve_job(*db, *id, call.session->login_id);
  if (!j.ok()) return http::error_response(j.error());
  return http::Response::ok({{"job", job_json(*j, View::kStaff, store::today_shanghai())}});
}

http::Response staff_reject(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", kNoJob);
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto exists = store::JobPostingRepo(*db).find(*id);
  if (!exists.ok()) return http::error_response(exists.error());
  if (!exists->has_value()) return http::error_response(404, "not_found", kNoJob);
  auto j = membership::reject_job(*db, *id, call.session->login_id, string_field(*body, "reason"));
  if (!j.ok()) {
    const Error& e = j.error();
    if (e.code == "validation_failed")
      return http::error_response(400, "validation_failed", e.message, {{"reason", e.message}});
    return http::error_response(e);
  }
  return http::Response::ok({{"job", job_json(*j, View::kStaff, store::today_shanghai())}});
}

}  // namespace

void register_job_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/jobs", Access::kPublic, {},
              "招聘信息: approved postings valid through today, newest first; ?page=&page_size=",
              bind(public_jobs)});
  router.add({"GET", "/jobs/{id}", Access::kPublic, {}, "One public posting (404 when not public)",
              bind(public_job)});
  router.add({"GET", "/member/jobs", Access::kMember, {},
              "The agency's own postings with status and reject reason (agencies only)", bind(my_jobs)});
  router.add({"POST", "/member/jobs", Access::kMember, {},
              "New posting {title,positions,headcount,requirements,place,pay_negotiable,pay_min,"
              "pay_max,contact_name,contact_phone,valid_until} → 201 pending",
              bind(create_job)});
  router.add({"GET", "/member/jobs/{id}", Access::kMember, {}, "One of the agency's own postings",
              bind(my_job)});
  router.add({"PUT", "/member/jobs/{id}", Access::kMember, {},
              "Edit (same body as POST): back to pending review", bind(edit_job)});
  router.add({"POST", "/member/jobs/{id}/close", Access::kMember, {},
              "Close a posting (leaves the public list for good)", bind(close_job)});
  router.add({"GET", "/staff/jobs", Access::kStaff, kReviewers,
              "招聘信息审核: ?status=pending|approved|rejected|closed|all&page=", bind(staff_jobs)});
  router.add({"GET", "/staff/jobs/{id}", Access::kStaff, kReviewers, "One posting", bind(staff_job)});
  router.add({"POST", "/staff/jobs/{id}/approve", Access::kStaff, kReviewers,
              "Approve a pending posting: it shows on /jobs", bind(staff_approve)});
  router.add({"POST", "/staff/jobs/{id}/reject", Access::kStaff, kReviewers,
              "Reject a pending posting with {reason} (required)", bind(staff_reject)});
}

}  // namespace md::api
