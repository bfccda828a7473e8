// Routes anybody may call: health, kiosk settings and the route table itself.
#include "api/routes.h"
#include "app/app.h"

namespace md::api {

void register_public_routes(http::Router& router, app::App& app) {
  router.add({"GET", "/health", http::Access::kPublic, {}, "Liveness, version and uptime",
              [&app](http::Call&) {
                return http::Response::ok(
                    {{"status", "ok"}, {"version", MEMBERDESK_VERSION}, {"uptime_s", app.uptime_s()}});
              },
              http::BeforePasswordChange::kAllowed});
  router.add({"GET", "/kiosk/settings", http::Access::kPublic, {}, "Idle reset timing for the kiosk UI",
              [&app](http::Call&) {
                return http::Response::ok(
                    {{"idle_reset_s", app.config().integer("kiosk.idle_reset_s")},
                     {"idle_warning_s", app.config().integer("kiosk.idle_warning_s")}});
              },
              http::BeforePasswordChange::kAllowed});
  router.add({"GET", "/endpoints", http::Access::kPublic, {}, "This route table",
              [&router](http::Call&) { return http::Response::ok({{"endpoints", router.describe()}}); },
              http::BeforePasswordChange::kAllowed});
}

}  // namespace md::api
