// 会员名录: public search over members in good standing.
#include "api/paging.h"
#include "api/routes.h"
#include "app/app.h"
#include "core/utf8.h"
#include "domain/member.h"

namespace md::api {
namespace {

constexpr int kMaxPageSize = 100;
constexpr size_t kMaxQueryChars = 40;

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
  Paging paging;
  if (auto refused = read_paging(call.req, 20, kMaxPageSize, paging)) return *refused;
  q.page = paging.page;
  q.page_size = paging.page_size;

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
