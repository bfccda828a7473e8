// 会员名录: public search over members in good standing.
#include "api/routes.h"
#include "app/app.h"
#include "core/utf8.h"
#include "domain/member.h"

namespace md::api {
namespace {

constexpr int kMaxPageSize = 100;
constexpr size_t kMaxQueryChars = 40;

// A positive integer parameter, or `fallback` when absent; nullopt when malformed.
std::optional<int> int_param(const http::Request& req, const char* name, int fallback, int max) {
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

http::Response search(app::App& app, http::Call& call) {
  domain::DirectoryQuery q;
  q.text = call.req.query_param("q").value_or("");
  if (!core::utf8_valid(q.text) || core::utf8_length(q.text) > kMaxQueryChars)
    return http::error_response(400, "validation_failed", "搜索内容过长或无效",
                                {{"q", "请输入不超过40个字的名称或会员编号"}});
  if (auto type = call.req.query_param("type"); type && !type->empty()) {
    if (!domain::member_type_from_code(*type))
      return http::error_response(400, "validation_failed", "会员类型无效", {{"type", "会员类型无效"}});
    q.type = *type;
  }
  auto page = int_param(call.req, "page", 1, 1000000);
  auto size = int_param(call.req, "page_size", 20, kMaxPageSize);
  if (!page || !size)
    return http::error_response(400, "validation_failed", "分页参数无效",
                                {{"page", "页码应为正整数，每页最多100条"}});
  q.page = *page;
  q.page_size = *size;

  auto db = app.db().acquire();
  auto index = app.directory().current(*db);
  if (!index.ok()) return http::error_response(index.error());
  auto result = (*index)->search(q);
  http::Json items = http::Json::array();
  for (const auto* e : result.items) {
    auto type = domain::member_type_from_code(e->type);
    items.push_back({{"name", e->name},
                     {"member_no", e->member_no},
                     {"type", e->type},
                     {"type_label", type ? std::string(domain::label(*type)) : e->type},
                     {"valid_until", e->valid_until}});
  }
  return http::Response::ok(
      {{"total", result.total}, {"page", q.page}, {"page_size", q.page_size}, {"items", items}});
}

}  // namespace

void register_directory_routes(http::Router& router, app::App& app) {
  router.add({"GET", "/directory", http::Access::kPublic, {},
              "会员名录: ?q= name or number substring, &type=, &page=, &page_size=",
              [&app](http::Call& call) { return search(app, call); }});
}

}  // namespace md::api
