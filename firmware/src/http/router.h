// The /api/v1 route table: path pattern, methods, who may call it, handler. The same table
// answers GET /api/v1/endpoints, so the API description can never drift from the code.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "http/session.h"

namespace md::http {

enum class Access {
  kPublic,   // anybody; a session, if any, is still looked up
  kSession,  // any logged-in session
  kMember,   // a member session
  kStaff,    // a staff session (optionally limited to roles)
};

// Whether a session still on its default password may call the route.
enum class BeforePasswordChange { kRefused, kAllowed };

// Login replaces whatever session the browser had, so it needs no token from the old one
// (cross-site forms still cannot reach it: bodies must be application/json).
enum class Csrf { kRequired, kExempt };

// Request bodies are JSON, except for gateways' notifications, which arrive as they are sent
// (form-encoded for Alipay) and must be verified byte for byte.
enum class BodyKind { kJson, kRaw };

struct Call {
  const Request& req;
  std::optional<Session> session;
};

using Handler = std::function<Response(Call&)>;

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // e.g. "/content/pages/{slug}"
  Access access = Access::kPublic;
  std::vector<std::string> roles;  // staff role codes; empty = every staff role
  std::string summary;
  Handler handler;
  BeforePasswordChange before_change = BeforePasswordChange::kRefused;
  Csrf csrf = Csrf::kRequired;
  BodyKind body_kind = BodyKind::kJson;
};

class Router {
 public:
  explicit Router(SessionStore& sessions) : sessions_(sessions) {}
  void add(Route r) { routes_.push_back(std::move(r)); }
  // Authenticates, checks CSRF and authorization, then runs the matching handler.
  Response dispatch(Request& req, Clock::time_point now) const;
  // The table as served by GET /endpoints.
  Json describe() const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  SessionStore& sessions_;
  std::vector<Route> routes_;
};

// Matches "/a/{x}/b" against "/a/42/b", filling params. Exposed for tests.
bool match_pattern(const std::string& pattern, const std::string& path,
                   std::map<std::string, std::string>* params);

constexpr const char* kSessionCookie = "md_session";
// Set-Cookie value for a session id; an empty id clears the cookie.
std::string session_cookie(const std::string& id);

}  // namespace md::http
