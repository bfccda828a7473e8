// Routes anybody may call: health, kiosk settings and the route table itself; and the one kiosk
// setting staff keep, the notice the attract (home) screen shows.
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "core/utf8.h"
#include "store/audit_repo.h"
#include "store/db.h"
#include "store/fee_repo.h"

namespace md::api {
namespace {

constexpr const char* kNoticeKey = "kiosk_notice";
constexpr size_t kNoticeMax = 200;

Result<std::string> kiosk_notice(store::Db& db) {
  auto s = store::FeeRepo(db).settings();
  if (!s.ok()) return s.error();
  return s->count(kNoticeKey) ? s->at(kNoticeKey) : std::string();
}

// 首页通知 (admin): a short notice on the home screen, the kiosk's attract screen after every idle
// reset; empty removes it. Audited with before and after.
http::Response put_notice(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string notice = core::trim(string_field(*body, "notice"));
  if (!core::utf8_valid(notice) || core::utf8_length(notice) > kNoticeMax)
    return http::error_response(400, "validation_failed", "请检查标出的项目",
                                {{"notice", "首页通知不超过200个字（留空则不显示）"}});
  auto db = app.db().acquire();
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto before = kiosk_notice(*db);
  if (!before.ok()) return http::error_response(before.error());
  if (auto st = store::FeeRepo(*db).put_setting(kNoticeKey, notice, call.session->login_id); !st.ok())
    return http::error_response(st.error());
  if (auto st = store::append_audit(*db, {"staff:" + call.session->login_id, "kiosk.notice_update",
                                          "settings:kiosk_notice",
                                          http::Json({{"notice", *before}}).dump(),
                                          http::Json({{"notice", notice}}).dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok({{"notice", notice}});
}

}  // namespace

void register_public_routes(http::Router& router, app::App& app) {
  router.add({"GET", "/health", http::Access::kPublic, {}, "Liveness, version and uptime",
              [&app](http::Call&) {
                return http::Response::ok(
                    {{"status", "ok"}, {"version", MEMBERDESK_VERSION}, {"uptime_s", app.uptime_s()}});
              },
              http::BeforePasswordChange::kAllowed});
  router.add({"GET", "/kiosk/settings", http::Access::kPublic, {},
              "Idle reset timing for the kiosk UI and the home screen's notice",
              [&app](http::Call&) {
                auto db = app.db().acquire();
                auto notice = kiosk_notice(*db);
                if (!notice.ok()) return http::error_response(notice.error());
                return http::Response::ok(
                    {{"idle_reset_s", app.config().integer("kiosk.idle_reset_s")},
                     {"idle_warning_s", app.config().integer("kiosk.idle_warning_s")},
                     {"notice", *notice}});
              },
              http::BeforePasswordChange::kAllowed});
  router.add({"PUT", "/staff/kiosk/notice", http::Access::kStaff, {"admin"},
              "首页通知: {notice} (≤ 200 characters; empty removes it)",
              [&app](http::Call& call) { return put_notice(app, call); }});
  router.add({"GET", "/endpoints", http::Access::kPublic, {}, "This route table",
              [&router](http::Call&) { return http::Response::ok({{"endpoints", router.describe()}}); },
              http::BeforePasswordChange::kAllowed});
}

}  // namespace md::api
