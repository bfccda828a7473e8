// Payment notifications from the gateways (public, no session, no CSRF: the gateway's
// signature is the authentication). The body is taken raw — the signature covers its bytes.
#include "api/routes.h"
#include "app/app.h"
#include "dues/qr_payments.h"

namespace md::api {
namespace {

http::Response notify(app::App& app, http::Call& call, pay::Method method) {
  pay::NotifyRequest req{call.req.headers, call.req.header("content-type"), call.req.body};
  auto db = app.db().acquire();
  const pay::NotifyAnswer a = dues::handle_notification(*db, app.dues(), method, req);
  return http::Response::raw(a.status, a.content_type, a.body);
}

}  // namespace

void register_pay_notify_routes(http::Router& router, app::App& app) {
  using http::Access;
  for (auto method : {pay::Method::kWechat, pay::Method::kAlipay}) {
    http::Route r{"POST", std::string("/pay/") + pay::method_code(method) + "/notify", Access::kPublic, {},
                  std::string(pay::method_label(method)) + " payment notification (signed by the gateway)",
                  [&app, method](http::Call& c) { return notify(app, c, method); }};
    r.csrf = http::Csrf::kExempt;
    r.body_kind = http::BodyKind::kRaw;
    router.add(std::move(r));
  }
}

}  // namespace md::api
