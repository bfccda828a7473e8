// 会员消息 (member side: list, read marks; staff side: publish notices) and the SMS outbox view.
#include <algorithm>
#include <vector>

#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "core/utf8.h"
#include "domain/member.h"
#include "notify/sms_outbox.h"
#include "store/audit_repo.h"
#include "store/message_repo.h"

namespace md::api {
namespace {

http::Response my_messages(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  const auto& s = *call.session;
  auto list = store::MessageRepo(*db).for_member(s.member_id, s.member_type);
  if (!list.ok()) return http::error_response(list.error());
  http::Json items = http::Json::array();
  int unread = 0;
  for (const auto& m : *list) {
    unread += m.unread ? 1 : 0;
    items.push_back({{"id", m.id},
                     {"kind", m.audience == "member" ? "personal" : "notice"},
                     {"title", m.title},
                     {"body", m.body},
                     {"created_at", m.created_at},
                     {"unread", m.unread}});
  }
  return http::Response::ok({{"unread", unread}, {"items", items}});
}

http::Response mark_read(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "消息不存在");
  auto db = app.db().acquire();
  const auto& s = *call.session;
  auto ok = store::MessageRepo(*db).mark_read(*id, s.member_id, s.member_type);
  if (!ok.ok()) return http::error_response(ok.error());
  // Another member's message is as absent as a missing one.
  if (!*ok) return http::error_response(404, "not_found", "消息不存在");
  return http::Response::ok({{"ok", true}});
}

// The chosen member types of a notice: `member_types` (a list) or, as before, one `member_type`.
// Empty when a value is not a member type or a type is repeated.
std::vector<std::string> chosen_types(const http::Json& body) {
  std::vector<std::string> types;
  if (auto it = body.find("member_types"); it != body.end() && it->is_array()) {
    for (const auto& t : *it) {
      if (!t.is_string() || !domain::member_type_from_code(t.get<std::string>())) return {};
      if (std::find(types.begin(), types.end(), t.get<std::string>()) != types.end()) return {};
      types.push_back(t.get<std::string>());
    }
  } else if (auto one = string_field(body, "member_type"); domain::member_type_from_code(one)) {
    types.push_back(one);
  }
  return types;
}

http::Response publish(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string audience = string_field(*body, "audience");
  const std::vector<std::string> types = chosen_types(*body);
  const std::string title = core::trim(string_field(*body, "title"));
  const std::string text = core::trim(string_field(*body, "body"));
  http::FieldErrors fields;
  if (audience != "all" && audience != "type") fields["audience"] = "请选择发送对象";
  if (audience == "type" && types.empty()) fields["member_type"] = "请选择会员类型";
  if (title.empty() || core::utf8_length(title) > 60) fields["title"] = "请填写标题（不超过60个字）";
  if (text.empty() || core::utf8_length(text) > 5000) fields["body"] = "请填写内容（不超过5000个字）";
  if (!fields.empty()) return http::error_response(400, "validation_failed", "请检查标出的项目", fields);
  auto db = app.db().acquire();
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  const std::string actor = "staff:" + call.session->login_id;
  // One notice per chosen type (a member has one type, so nobody sees it twice), all or none.
  std::vector<std::optional<std::string>> audiences;
  if (audience == "all") audiences.emplace_back(std::nullopt);
  for (const auto& t : audience == "type" ? types : std::vector<std::string>{}) audiences.emplace_back(t);
  http::Json ids = http::Json::array();
  for (const auto& type : audiences) {
    auto id = store::MessageRepo(*db).add_notice(audience, type, title, text, actor);
    if (!id.ok()) return http::error_response(id.error());
    http::Json after = {{"audience", audience}, {"member_type", type ? http::Json(*type) : http::Json()},
                        {"title", title}};
    if (auto st = store::append_audit(*db, {actor, "message.publish", "message:" + std::to_string(*id),
                                            "", after.dump()});
        !st.ok())
      return http::error_response(st.error());
    ids.push_back(*id);
  }
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  auto r = http::Response::ok({{"id", ids.front()}, {"ids", ids}});
  r.status = 201;
  return r;
}

http::Response outbox(app::App& app, http::Call&) {
  auto db = app.db().acquire();
  auto rows = notify::list_outbox(*db, 200);
  if (!rows.ok()) return http::error_response(rows.error());
  http::Json items = http::Json::array();
  for (const auto& m : *rows)
    items.push_back({{"id", m.id},
                     {"phone", m.phone},
                     {"event", m.event},
                     {"text", m.text},
                     {"status", m.status},
                     {"attempts", m.attempts},
                     {"last_error", m.last_error ? http::Json(*m.last_error) : http::Json()},
                     {"created_at", m.created_at}});
  return http::Response::ok({{"items", items}});
}

}  // namespace

void register_message_routes(http::Router& router, app::App& app) {
  using http::Access;
  router.add({"GET", "/member/messages", Access::kMember, {}, "会员消息: own notices and published ones",
              [&app](http::Call& c) { return my_messages(app, c); }});
  router.add({"POST", "/member/messages/{id}/read", Access::kMember, {}, "Mark a message read",
              [&app](http::Call& c) { return mark_read(app, c); }});
  router.add({"POST", "/staff/messages", Access::kStaff, {"admin", "reviewer"},
              "Publish a notice: {audience: all|type, member_types: [..] (or member_type), title, body}",
              [&app](http::Call& c) { return publish(app, c); }});
  router.add({"GET", "/staff/sms", Access::kStaff, {"admin"}, "The SMS outbox, newest first",
              [&app](http::Call& c) { return outbox(app, c); }});
}

}  // namespace md::api
