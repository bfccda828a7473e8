// Public content: 常见问题 and pages such as 入会指南 and 章程.
#include "api/routes.h"
#include "app/app.h"
#include "api/support.h"
#include "core/utf8.h"
#include "store/audit_repo.h"
#include "store/content_repo.h"

namespace md::api {
namespace {

// Staff edit a page (the 章程 shown before every application, the 入会指南); audited with the
// text before and after.
http::Response update_page(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  store::Page p{call.req.path_params.at("slug"), core::trim(string_field(*body, "title")),
                string_field(*body, "body")};
  http::FieldErrors fields;
  if (p.title.empty() || core::utf8_length(p.title) > 60) fields["title"] = "请填写标题（不超过60个字）";
  if (core::trim(p.body).empty() || core::utf8_length(p.body) > 50000)
    fields["body"] = "请填写正文（不超过50000个字）";
  if (!fields.empty()) return http::error_response(400, "validation_failed", "请检查标出的项目", fields);
  auto db = app.db().acquire();
  store::ContentRepo content(*db);
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto before = content.page(p.slug);
  if (!before.ok()) return http::error_response(before.error());
  if (!before->has_value()) return http::error_response(404, "not_found", "页面不存在");
  auto updated = content.update_page(p);
  if (!updated.ok()) return http::error_response(updated.error());
  http::Json was = {{"title", (*before)->title}, {"body", (*before)->body}};
  http::Json now = {{"title", p.title}, {"body", p.body}};
  if (auto st = store::append_audit(*db, {"staff:" + call.session->login_id, "page.update",
                                          "page:" + p.slug, was.dump(), now.dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok({{"slug", p.slug}, {"title", p.title}, {"body", p.body}});
}

}  // namespace

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
  router.add({"PUT", "/staff/pages/{slug}", http::Access::kStaff, {"admin"},
              "Edit a page such as 章程 (charter) or 入会指南 (guide): {title, body}",
              [&app](http::Call& call) { return update_page(app, call); }});
}

}  // namespace md::api
