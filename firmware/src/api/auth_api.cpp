// 登录 / 退出 / 密码修改. A login on the default password gets a session that can do nothing
// but change it (the Router enforces that with password_change_required).
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "auth/passwords.h"
#include "core/utf8.h"
#include "domain/password_policy.h"
#include "store/audit_repo.h"

namespace md::api {
namespace {

std::string actor(const http::Session& s) { return (s.staff ? "staff:" : "member:") + s.login_id; }

// 429 with Retry-After for a locked login id or address.
http::Response locked_response(std::chrono::seconds retry_after) {
  const auto secs = retry_after.count();
  auto r = http::error_response(429, "login_locked",
                                "登录失败次数过多，请于" + std::to_string(secs) + "秒后再试");
  r.body["error"]["retry_after_s"] = secs;
  r.headers.emplace_back("Retry-After", std::to_string(secs));
  return r;
}

http::Response login(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string kind = string_field(*body, "kind");
  if (kind != "member" && kind != "staff")
    return http::error_response(400, "bad_request", "请选择会员登录或工作人员登录");
  auth::LoginAttempt attempt;
  attempt.kind = kind == "staff" ? store::AccountKind::kStaff : store::AccountKind::kMember;
  attempt.login_id = auth::normalize_login_id(attempt.kind, string_field(*body, "login_id"));
  attempt.password = string_field(*body, "password");
  attempt.client_addr = call.req.remote_addr;
  http::FieldErrors missing;
  if (attempt.login_id.empty()) missing["login_id"] = "请输入账号";
  if (attempt.password.empty()) missing["password"] = "请输入密码";
  if (!missing.empty())
    return http::error_response(400, "validation_failed", "请输入账号和密码", missing);

  auto db = app.db().acquire();
  auto outcome = auth::check_login(*db, app.throttles(), attempt, http::Clock::now());
  if (!outcome.ok()) return http::error_response(outcome.error());
  switch (outcome->failure) {
    case auth::LoginFailure::kLocked: return locked_response(outcome->retry_after);
    case auth::LoginFailure::kBadCredentials:
      return http::error_response(401, "bad_credentials", "账号或密码错误");
    case auth::LoginFailure::kDisabled:
      return http::error_response(403, "account_disabled", "该账号已停用，请联系协会工作人员");
    case auth::LoginFailure::kNone: break;
  }
  const store::Account& acc = *outcome->account;
  http::Session s;
  s.account_id = acc.id;
  s.staff = acc.kind == store::AccountKind::kStaff;
  s.login_id = acc.login_id;
  s.name = acc.name;
  s.role = acc.role;
  s.member_id = acc.member_id.value_or(0);
  s.member_type = acc.member_type.value_or("");
  s.must_change_password = !acc.password_hash.has_value();
  // A fresh id at every login: an id planted before login is never promoted.
  const std::string old_id = call.req.cookie(http::kSessionCookie);
  if (!old_id.empty()) app.sessions().remove(old_id);
  s = app.sessions().create(s, http::Clock::now());
  auto r = http::Response::ok({{"session", session_json(s, app.sessions().idle_limit())}});
  r.headers.emplace_back("Set-Cookie", http::session_cookie(s.id));
  return r;
}

http::Response logout(app::App& app, http::Call& call) {
  app.sessions().remove(call.session->id);
  auto r = http::Response::ok({{"ok", true}});
  r.headers.emplace_back("Set-Cookie", http::session_cookie(""));
  return r;
}

http::Response current_session(app::App& app, http::Call& call) {
  return http::Response::ok({{"session", session_json(*call.session, app.sessions().idle_limit())}});
}

http::Response change_password(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string old_pw = string_field(*body, "old_password");
  const std::string new_pw = string_field(*body, "new_password");
  http::Session s = *call.session;

  auto db = app.db().acquire();
  store::AccountRepo accounts(*db);
  auto acc = accounts.find_by_id(s.account_id);
  if (!acc.ok()) return http::error_response(acc.error());
  if (!acc->has_value()) return http::error_response(401, "unauthenticated", "请先登录");

  http::FieldErrors fields;
  if (old_pw.empty()) {
    fields["old_password"] = "请输入原密码";
  } else {
    // A guess at the old password is a login guess: the same throttles (issue 11).
    auto checked = auth::check_old_password(app.throttles(), **acc, old_pw, call.req.remote_addr,
                                            http::Clock::now());
    if (checked.failure == auth::LoginFailure::kLocked) return locked_response(checked.retry_after);
    if (checked.failure != auth::LoginFailure::kNone) fields["old_password"] = "原密码不正确";
  }
  if (auto problem = domain::password_problem(new_pw, (*acc)->login_id))
    fields["new_password"] = *problem;
  else if (new_pw == old_pw)
    fields["new_password"] = "新密码不能与原密码相同";
  if (!fields.empty())
    return http::error_response(400, "validation_failed", "密码修改未成功，请检查标出的项目", fields);

  auto hash = auth::hash_password(new_pw);
  if (!hash.ok()) return http::error_response(hash.error());
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  if (auto st = accounts.set_password_hash(s.account_id, *hash); !st.ok())
    return http::error_response(st.error());
  if (auto st = store::append_audit(*db, {actor(s), "account.password_change",
                                          "account:" + std::to_string(s.account_id), "", ""});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());

  // Other sessions of this account were opened with the old password: end them.
  app.sessions().remove_account(s.account_id, s.id);
  s.must_change_password = false;
  app.sessions().update(s);
  return http::Response::ok({{"session", session_json(s, app.sessions().idle_limit())}});
}

// 解除登录锁定: staff lift the lock of a client address (e.g. the kiosk's) and/or a login id.
http::Response unlock(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string address = core::trim(string_field(*body, "address"));
  const std::string kind = string_field(*body, "kind");
  const std::string raw_id = string_field(*body, "login_id");
  if (address.empty() && raw_id.empty())
    return http::error_response(400, "validation_failed", "请填写要解除锁定的地址或账号",
                                {{"address", "请填写客户端地址或账号"}});
  if (!raw_id.empty() && kind != "member" && kind != "staff")
    return http::error_response(400, "validation_failed", "请选择会员账号或工作人员账号",
                                {{"kind", "请选择会员账号或工作人员账号"}});
  std::string object;
  if (!address.empty()) {
    app.throttles().by_address.record_success(address);
    object = "address:" + address;
  }
  if (!raw_id.empty()) {
    const auto account_kind =
        kind == "staff" ? store::AccountKind::kStaff : store::AccountKind::kMember;
    const std::string key =
        auth::throttle_key(account_kind, auth::normalize_login_id(account_kind, raw_id));
    app.throttles().by_login_id.record_success(key);
    object += (object.empty() ? "" : " ") + key;
  }
  auto db = app.db().acquire();
  if (auto st = store::append_audit(*db, {actor(*call.session), "auth.unlock", object, "", ""});
      !st.ok())
    return http::error_response(st.error());
  return http::Response::ok({{"ok", true}});
}

}  // namespace

void register_auth_routes(http::Router& router, app::App& app) {
  using http::Access;
  using http::BeforePasswordChange;
  auto bind = [&app](http::Response (*fn)(app::App&, http::Call&)) {
    return [&app, fn](http::Call& c) { return fn(app, c); };
  };
  router.add({"POST", "/auth/login", Access::kPublic, {}, "Log in (member or staff)", bind(login),
              BeforePasswordChange::kAllowed, http::Csrf::kExempt});
  router.add({"POST", "/auth/logout", Access::kSession, {}, "Log out", bind(logout),
              BeforePasswordChange::kAllowed});
  router.add({"GET", "/auth/session", Access::kSession, {}, "The current session",
              bind(current_session), BeforePasswordChange::kAllowed});
  router.add({"POST", "/auth/password", Access::kSession, {}, "Change the password",
              bind(change_password), BeforePasswordChange::kAllowed});
  router.add({"POST", "/staff/auth/unlock", Access::kStaff, {"admin", "desk"},
              "Lift a login lock: {address} and/or {kind, login_id}", bind(unlock)});
}

}  // namespace md::api
