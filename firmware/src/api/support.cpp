#include "api/support.h"

#include <algorithm>

namespace md::api {

Result<http::Json> json_object_body(const http::Request& req) {
  auto j = http::Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return make_error(ErrorKind::kInvalidArgument, "bad_request", "请求内容不是有效的 JSON 对象");
  return j;
}

std::string string_field(const http::Json& obj, const char* name) {
  auto it = obj.find(name);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::map<std::string, std::string> text_map_field(const http::Json& obj, const char* name) {
  std::map<std::string, std::string> out;
  auto f = obj.find(name);
  if (f == obj.end() || !f->is_object()) return out;
  for (auto it = f->begin(); it != f->end(); ++it) {
    if (it->is_string()) out[it.key()] = it->get<std::string>();
    else if (it->is_number_integer()) out[it.key()] = std::to_string(it->get<int64_t>());
  }
  return out;
}

std::optional<int64_t> id_path_param(const http::Request& req) {
  auto it = req.path_params.find("id");
  if (it == req.path_params.end() || it->second.empty() || it->second.size() > 12)
    return std::nullopt;
  int64_t v = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

http::Json session_json(const http::Session& s, std::chrono::seconds idle_limit) {
  http::Json j = {{"kind", s.staff ? "staff" : "member"},
                  {"login_id", s.login_id},
                  {"name", s.name},
                  {"must_change_password", s.must_change_password},
                  {"csrf", s.csrf},
                  {"idle_expires_in_s", idle_limit.count()}};
  if (s.staff)
    j["role"] = s.role;
  else
    j["member_type"] = s.member_type;
  return j;
}

int int_query_param(const http::Request& req, const char* name, int fallback, int lo, int hi) {
  auto v = req.query_param(name);
  if (!v || v->empty() || v->size() > 6 ||
      !std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return fallback;
  return std::clamp(std::stoi(*v), lo, hi);
}

http::Json opt_json(const std::optional<std::string>& v) { return v ? http::Json(*v) : http::Json(); }

}  // namespace md::api
