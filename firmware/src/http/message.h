// What a route handler sees of a request and gives back as a response.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace md::http {

using Json = nlohmann::json;

struct Request {
  std::string method;
  std::string path;  // below /api/v1, e.g. "/content/pages/guide"
  std::string query;
  std::string body;
  std::string remote_addr;
  std::map<std::string, std::string> headers;      // lower-case names
  std::map<std::string, std::string> path_params;  // from "{name}" route segments

  std::string header(const std::string& lower_name) const;
  std::string cookie(const std::string& name) const;
  // Decoded query parameter, or nullopt.
  std::optional<std::string> query_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  Json body = Json::object();
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, sent as it is with raw_content_type instead of the JSON body (answers to payment
  // gateways, which want e.g. exactly "success" or an empty 204).
  std::optional<std::string> raw_body;
  std::string raw_content_type;

  static Response ok(Json body) { return Response{200, std::move(body), {}, std::nullopt, ""}; }
  static Response raw(int status, std::string content_type, std::string body) {
    return Response{status, nullptr, {}, std::move(body), std::move(content_type)};
  }
};

// Form validation failures: field → zh-CN message.
using FieldErrors = std::map<std::string, std::string>;

// {"error":{"code","message","fields"?}} with the given status.
Response error_response(int status, const std::string& code, const std::string& message,
                        const FieldErrors& fields = {});
// Maps an Error's kind to its HTTP status.
Response error_response(const Error& e);

}  // namespace md::http
