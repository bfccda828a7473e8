// The whole /api/v1 route table of a real App (fuzz_app.h) fed arbitrary requests: method,
// path (path params), query, headers, body, as nobody, a member, a member still on the default
// password, or an admin (with the right CSRF token, so handlers run). Findings: any crash or
// sanitizer report, and what fuzz::dispatch checks.
//
// Input: "METHOD /path?query\n", header lines "name: value" (the pseudo-header "as: member",
// "as: default" or "as: admin" picks the session), an empty line, the body.
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_app.h"

namespace {

std::string take_line(std::string_view& rest) {
  size_t nl = rest.find('\n');
  std::string line(rest.substr(0, nl));
  rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::World& w = fuzz::world();
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  md::http::Request req;
  const std::string first = take_line(rest);
  const size_t sp = first.find(' ');
  req.method = first.substr(0, sp);
  std::string target = sp == std::string::npos ? "/" : first.substr(sp + 1);
  const size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);

  const md::http::Session* who = nullptr;
  while (!rest.empty()) {
    const std::string line = take_line(rest);
    if (line.empty()) break;
    const size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "as") {
      who = value == "member" ? &w.member : value == "default" ? &w.fresh
            : value == "admin" ? &w.admin : nullptr;
      continue;
    }
    req.headers[name] = value;
  }
  req.body = std::string(rest);
  if (fuzz::ends_session(req.path)) return 0;
  fuzz::dispatch(w, req, who);
  return 0;
}
