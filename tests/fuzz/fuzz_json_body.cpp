// JSON bodies: every route of the real table that takes one (POST, PUT, PATCH, DELETE), picked
// by the first input byte, called with the rest as its body by the session its access needs
// (path parameters "1"). Also the shared body helpers (api/support.h) on the same bytes.
// Findings: any crash or sanitizer report, and what fuzz::dispatch checks (a handler throwing
// on an unexpected JSON type, say).
#include <cstdint>
#include <string>
#include <vector>

#include "api/support.h"
#include "fuzz_app.h"

namespace {

std::string fill_params(const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      const size_t close = pattern.find('}', i);
      out += "1";
      i = close;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  fuzz::World& w = fuzz::world();
  static const std::vector<const md::http::Route*> routes = [&w] {
    std::vector<const md::http::Route*> out;
    for (const auto& r : w.app->router().routes())
      if (r.method != "GET" && r.body_kind == md::http::BodyKind::kJson && !fuzz::ends_session(r.pattern))
        out.push_back(&r);
    return out;
  }();
  const md::http::Route& route = *routes[data[0] % routes.size()];
  md::http::Request req;
  req.method = route.method;
  req.path = fill_params(route.pattern);
  req.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  req.headers["content-type"] = "application/json";

  auto j = md::api::json_object_body(req);
  if (j.ok()) {
    (void)md::api::string_field(*j, "name");
    (void)md::api::text_map_field(*j, "values");
  }

  const md::http::Session* who = nullptr;
  switch (route.access) {
    case md::http::Access::kPublic: who = (data[0] & 0x80) ? &w.member : nullptr; break;
    case md::http::Access::kSession:
    case md::http::Access::kMember: who = &w.member; break;
    case md::http::Access::kStaff: who = &w.admin; break;
  }
  fuzz::dispatch(w, req, who);
  return 0;
}
