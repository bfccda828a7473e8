// Small helpers shared by the API areas: JSON bodies and session views.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "http/message.h"
#include "http/session.h"

namespace md::api {

// The request body as a JSON object, or a 400 response to return.
Result<http::Json> json_object_body(const http::Request& req);
// A string member of a JSON object ("" when absent or not a string).
std::string string_field(const http::Json& obj, const char* name);
// An object member of a JSON object as key -> text (strings as they are, integers in decimal;
// other values dropped; empty when absent), e.g. a form's "fields".
std::map<std::string, std::string> text_map_field(const http::Json& obj, const char* name);
// The route's "{id}" segment as a positive id; nullopt (answer 404) when it is not one.
std::optional<int64_t> id_path_param(const http::Request& req);
// A non-negative integer query parameter clamped to [lo, hi]; `fallback` when absent or not digits.
int int_query_param(const http::Request& req, const char* name, int fallback, int lo, int hi);
// An optional text as JSON: the text, or null.
http::Json opt_json(const std::optional<std::string>& v);
// The Session object of CONTRACT.md.
http::Json session_json(const http::Session& s, std::chrono::seconds idle_limit);

}  // namespace md::api
