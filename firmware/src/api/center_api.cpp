// The landing data of the member center and the staff console (their pages come later).
#include "api/routes.h"
#include "app/app.h"
#include "domain/member.h"
#include "store/member_repo.h"

namespace md::api {
namespace {

http::Response member_home(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  // Authorization by construction: the member id comes from the session, never the request.
  auto m = store::MemberRepo(*db).find(call.session->member_id);
  if (!m.ok()) return http::error_response(m.error());
  if (!m->has_value()) return http::error_response(404, "not_found", "会员不存在");
  const auto& mem = **m;
  auto type = domain::member_type_from_code(mem.type);
  auto status = domain::member_status_from_code(mem.status);
  http::Json j = {{"id", mem.id},
                  {"type", mem.type},
                  {"type_label", type ? std::string(domain::label(*type)) : mem.type},
                  {"name", mem.name},
                  {"login_id", mem.login_id},
                  {"status", mem.status},
                  {"status_label", status ? std::string(domain::label(*status)) : mem.status},
                  {"member_no", mem.member_no ? http::Json(*mem.member_no) : http::Json()},
                  {"valid_until", mem.valid_until ? http::Json(*mem.valid_until) : http::Json()}};
  return http::Response::ok({{"member", j}});
}

http::Response staff_home(http::Call& call) {
  const auto& s = *call.session;
  auto role = domain::staff_role_from_code(s.role);
  return http::Response::ok({{"staff",
                              {{"login_id", s.login_id},
                               {"name", s.name},
                               {"role", s.role},
                               {"role_label", role ? std::string(domain::label(*role)) : s.role}}}});
}

}  // namespace

void register_center_routes(http::Router& router, app::App& app) {
  router.add({"GET", "/member/home", http::Access::kMember, {}, "会员中心: the member's own summary",
              [&app](http::Call& call) { return member_home(app, call); }});
  router.add({"GET", "/staff/home", http::Access::kStaff, {}, "Staff console: who is logged in",
              [](http::Call& call) { return staff_home(call); }});
}

}  // namespace md::api
