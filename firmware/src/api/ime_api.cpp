// Pinyin candidates for the on-screen keyboard (GET /ime). Public: the kiosk's visitors type
// Chinese names into 会员名录 and the application forms before they have an account.
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "ime/pinyin_input.h"

namespace md::api {
namespace {

// Longer input is not a syllable string anybody types at once (60 letters ≈ 15 syllables).
constexpr size_t kMaxInput = 60;
constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 300;

http::Response lookup(app::App& app, http::Call& call) {
  const auto* dict = app.ime();
  if (!dict)
    return http::error_response(503, "ime_unavailable", "拼音输入暂不可用，请使用字母键盘");
  const std::string raw = call.req.query_param("q").value_or("");
  auto input = ime::normalize_input(raw);
  if (!input || raw.size() > kMaxInput)
    return http::error_response(400, "validation_failed", "拼音输入无效",
                                {{"q", "拼音只能包含字母和隔音符号（'），最多60个"}});
  auto kind = ime::field_kind_from_code(call.req.query_param("kind").value_or(""));
  if (!kind)
    return http::error_response(400, "validation_failed", "输入类型无效",
                                {{"kind", "输入类型应为 text、name 或 given_name"}});
  const int limit = int_query_param(call.req, "limit", kDefaultLimit, 1, kMaxLimit);

  http::Json syllables = http::Json::array();
  for (const auto& t : ime::split_syllables(*dict, *input)) syllables.push_back(t.text);
  http::Json items = http::Json::array();
  for (const auto& c : ime::candidates(*dict, *input, *kind, static_cast<size_t>(limit)))
    items.push_back({{"text", c.text}, {"consumed", c.consumed}});
  return http::Response::ok({{"q", *input}, {"syllables", syllables}, {"candidates", items}});
}

}  // namespace

void register_ime_routes(http::Router& router, app::App& app) {
  router.add({"GET", "/ime", http::Access::kPublic, {},
              "Pinyin candidates for the on-screen keyboard: ?q= letters, &kind=text|name|"
              "given_name, &limit= (1–300, default 100)",
              [&app](http::Call& call) { return lookup(app, call); },
              http::BeforePasswordChange::kAllowed});
}

}  // namespace md::api
