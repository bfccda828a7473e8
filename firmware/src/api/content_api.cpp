// Public content: 常见问题 and pages such as 入会指南 and 章程.
#include "api/routes.h"
#include "app/app.h"
#include "store/content_repo.h"

namespace md::api {

void register_content_routes(http::Router& router, app::App& app) {
  router.add({"GET", "/content/faq", http::Access::kPublic, {}, "常见问题",
              [&app](http::Call&) {
                auto db = app.db().acquire();
                auto items = store::ContentRepo(*db).faq();
                if (!items.ok()) return http::error_response(items.error());
                http::Json list = http::Json::array();
                for (const auto& f : *items)
                  list.push_back({{"id", f.id}, {"question", f.question}, {"answer", f.answer}});
                return http::Response::ok({{"items", list}});
              }});
  router.add({"GET", "/content/pages/{slug}", http::Access::kPublic, {}, "入会指南 / 章程 pages",
              [&app](http::Call& call) {
                auto db = app.db().acquire();
                auto page = store::ContentRepo(*db).page(call.req.path_params.at("slug"));
                if (!page.ok()) return http::error_response(page.error());
                if (!page->has_value()) return http::error_response(404, "not_found", "页面不存在");
                const auto& p = **page;
                return http::Response::ok({{"slug", p.slug}, {"title", p.title}, {"body", p.body}});
              }});
}

}  // namespace md::api
