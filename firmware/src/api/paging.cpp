#include "api/paging.h"

#include <string>

namespace md::api {
namespace {

constexpr int kMaxPage = 1000000;

// A positive integer no larger than max, `fallback` when absent; nullopt when malformed.
std::optional<int> positive_param(const http::Request& req, const char* name, int fallback,
                                  int max) {
  auto raw = req.query_param(name);
  if (!raw || raw->empty()) return fallback;
  if (raw->size() > 9) return std::nullopt;
  int v = 0;
  for (char c : *raw) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < 1 || v > max) return std::nullopt;
  return v;
}

}  // namespace

std::optional<http::Response> read_paging(const http::Request& req, int default_size, int max_size,
                                          Paging& out) {
  auto page = positive_param(req, "page", 1, kMaxPage);
  if (!page)
    return http::error_response(400, "validation_failed", "分页参数无效",
                                {{"page", "页码应为正整数"}});
  auto size = positive_param(req, "page_size", default_size, max_size);
  if (!size)
    return http::error_response(
        400, "validation_failed", "分页参数无效",
        {{"page_size", "每页条数应为1至" + std::to_string(max_size) + "的整数"}});
  out.page = *page;
  out.page_size = *size;
  return std::nullopt;
}

}  // namespace md::api
