#include "http/router.h"

#include <sodium.h>

#include <cctype>

namespace md::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool is_state_changing(const std::string& method) { return method != "GET" && method != "HEAD"; }

// "Application/JSON; charset=utf-8" -> "application/json": the type without its parameters.
std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  size_t b = t.find_first_not_of(" \t");
  size_t e = t.find_last_not_of(" \t");
  t = b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

bool same_token(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

const char* access_name(Access a) {
  switch (a) {
    case Access::kPublic: return "public";
    case Access::kSession: return "session";
    case Access::kMember: return "member";
    case Access::kStaff: return "staff";
  }
  return "";
}

}  // namespace

bool match_pattern(const std::string& pattern, const std::string& path,
                   std::map<std::string, std::string>* params) {
  auto want = split_path(pattern);
  auto got = split_path(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}')
      found[w.substr(1, w.size() - 2)] = got[i];
    else if (w != got[i])
      return false;
  }
  if (params) *params = std::move(found);
  return true;
}

std::string session_cookie(const std::string& id) {
  std::string c = std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
  if (id.empty()) c += "; Max-Age=0";
  return c;
}

Response Router::dispatch(Request& req, Clock::time_point now) const {
  const Route* route = nullptr;
  bool path_known = false;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r.pattern, req.path, &params)) continue;
    path_known = true;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      route = &r;
      req.path_params = std::move(params);
      break;
    }
  }
  if (!route) {
    if (path_known) return error_response(405, "method_not_allowed", "不支持该请求方法");
    return error_response(404, "not_found", "请求的接口不存在");
  }

  Call call{req, sessions_.touch(req.cookie(kSessionCookie), now)};
  const auto& s = call.session;

  if (route->access != Access::kPublic && !s)
    return error_response(401, "unauthenticated", "请先登录");
  if (s && route->csrf == Csrf::kRequired && is_state_changing(req.method) && !same_token(req.header("x-csrf-token"), s->csrf))
    return error_response(403, "csrf_failed", "页面已过期，请刷新后重试");
  // Public pages read the same with or without a session, so a default-password session may
  // still read them; it may change nothing until the password is changed.
  const bool public_read = route->access == Access::kPublic && !is_state_changing(req.method);
  if (s && s->must_change_password && route->before_change == BeforePasswordChange::kRefused &&
      !public_read)
    return error_response(403, "password_change_required", "首次登录请先修改默认密码");
  if (route->access == Access::kMember && s->staff)
    return error_response(403, "forbidden", "该功能仅限会员使用");
  if (route->access == Access::kStaff) {
    if (!s->staff) return error_response(403, "forbidden", "该功能仅限工作人员使用");
    if (!route->roles.empty()) {
      bool allowed = false;
      for (const auto& role : route->roles) allowed = allowed || role == s->role;
      if (!allowed) return error_response(403, "forbidden", "您的角色无权使用该功能");
    }
  }
  if (route->body_kind == BodyKind::kJson && !req.body.empty() &&
      media_type(req.header("content-type")) != "application/json")
    return error_response(415, "unsupported_media_type", "请求格式应为 JSON");
  return route->handler(call);
}

Json Router::describe() const {
  Json list = Json::array();
  for (const auto& r : routes_) {
    Json item = {{"method", r.method},
                 {"path", "/api/v1" + r.pattern},
                 {"access", access_name(r.access)},
                 {"summary", r.summary}};
    if (!r.roles.empty()) item["roles"] = r.roles;
    if (r.before_change == BeforePasswordChange::kAllowed) item["before_password_change"] = true;
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace md::http
