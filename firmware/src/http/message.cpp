#include "http/message.h"

#include <civetweb.h>

namespace md::http {

std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::cookie(const std::string& name) const {
  const std::string all = header("cookie");
  if (all.empty()) return {};
  char buf[256];
  int n = mg_get_cookie(all.c_str(), name.c_str(), buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  if (query.empty()) return std::nullopt;
  std::string buf(query.size() + 1, '\0');
  int n = mg_get_var(query.data(), query.size(), name.c_str(), buf.data(), buf.size());
  if (n < 0) return std::nullopt;
  buf.resize(static_cast<size_t>(n));
  return buf;
}

Response error_response(int status, const std::string& code, const std::string& message,
                        const FieldErrors& fields) {
  Json err = {{"code", code}, {"message", message}};
  if (!fields.empty()) err["fields"] = fields;
  return Response{status, Json{{"error", err}}, {}, std::nullopt, ""};
}

Response error_response(const Error& e) {
  int status = 500;
  switch (e.kind) {
    case ErrorKind::kInvalidArgument: status = 400; break;
    case ErrorKind::kNotFound: status = 404; break;
    case ErrorKind::kConflict: status = 409; break;
    case ErrorKind::kUnauthenticated: status = 401; break;
    case ErrorKind::kForbidden: status = 403; break;
    case ErrorKind::kRateLimited: status = 429; break;
    case ErrorKind::kUnavailable: status = 503; break;
    case ErrorKind::kInternal: status = 500; break;
  }
  // Internal details stay in the log; people get a plain Chinese sentence.
  if (status == 500) return error_response(500, "internal", "系统内部错误，请稍后再试或联系工作人员");
  return error_response(status, e.code.empty() ? "error" : e.code, e.message);
}

}  // namespace md::http
