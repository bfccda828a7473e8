// 代理机构会费缴纳信息 and 专利代理师会费缴纳信息: dues by year (year, amount, status, 申报系统单号)
// with the receipt of a paid year. scope=self: the caller's own dues (every type). scope=attorneys
// (agencies only): the dues of every attorney whose 执业机构 is the agency, optionally one of them
// (?attorney_id=). An attorney id the caller may not see answers 404, whether it exists or not.
#include <algorithm>

#include "api/dues_json.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "domain/dues_history.h"
#include "domain/dues_order.h"
#include "domain/fees.h"
#include "domain/member.h"
#include "store/dues_history_repo.h"
#include "store/member_repo.h"
#include "store/order_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);

const char* kNoAttorney = "未找到该专利代理师的会费记录";

std::optional<int64_t> id_query(const http::Request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  const bool digits = v->size() <= 12 && std::all_of(v->begin(), v->end(), [](char c) {
                        return c >= '0' && c <= '9';
                      });
  return digits ? std::stoll(*v) : 0;  // 0 matches nobody: 404
}

template <typename Parse>
http::Json label_of(const std::optional<std::string>& code, Parse parse) {
  if (!code) return nullptr;
  auto v = parse(*code);
  return v ? http::Json(std::string(domain::label(*v))) : http::Json(*code);
}

http::Json row_json(const store::DuesHistoryRow& r, int64_t viewer) {
  const auto& e = r.entry;
  const bool paid = e.status == "paid";
  return {{"year", e.year},
          {"member",
           {{"member_id", e.member_id},
            {"login_id", e.member_login},
            {"name", r.member_name},
            {"type", r.member_type}}},
          {"fee_class", r.fee_class},
          {"fee_label", label_of(std::optional<std::string>(r.fee_class), domain::fee_class_from_code)},
          {"amount_fen", r.amount_fen},
          {"status", e.status},
          {"status_label",
           label_of(std::optional<std::string>(e.status), domain::order_status_from_code)},
          {"order_id", e.order_id},
          {"order_no", r.order_no},
          {"paid_at", r.paid_at ? http::Json(*r.paid_at) : http::Json()},
          {"method", r.paid_method ? http::Json(*r.paid_method) : http::Json()},
          {"method_label", label_of(r.paid_method, domain::pay_method_from_code)},
          {"payer", {{"member_id", r.payer_id}, {"name", r.payer_name}}},
          {"receipt", paid && domain::receipt_visible(viewer, r.payer_id, r.payer_agency_id,
                                                      e.member_id == viewer)}};
}

http::Response history(app::App& app, http::Call& call) {
  const auto& s = *call.session;
  const std::string scope = call.req.query_param("scope").value_or("self");
  if (scope != "self" && scope != "attorneys")
    return http::error_response(400, "validation_failed", "scope 应为 self 或 attorneys",
                                {{"scope", "scope 应为 self 或 attorneys"}});
  const auto wanted = id_query(call.req, "attorney_id");
  auto db = app.db().acquire();
  store::DuesHistoryRepo repo(*db);
  http::Json j = {{"scope", scope}, {"member_type", s.member_type}};
  int64_t member_id = s.member_id, agency_id = 0;
  if (scope == "attorneys") {
    if (s.member_type != "agency")
      return http::error_response(403, "forbidden", "只有代理机构可以查看所属专利代理师的会费缴纳信息");
    auto attorneys = repo.attorneys_of(s.member_id);
    if (!attorneys.ok()) return http::error_response(attorneys.error());
    http::Json list = http::Json::array();
    for (const auto& a : *attorneys)
      list.push_back({{"member_id", a.member_id}, {"login_id", a.login_id}, {"name", a.name}});
    const bool known = !wanted || std::any_of(attorneys->begin(), attorneys->end(),
                                              [&](const auto& a) { return a.member_id == *wanted; });
    if (!known) return http::error_response(404, "not_found", kNoAttorney);
    j["attorneys"] = list;
    agency_id = s.member_id;
    member_id = wanted.value_or(0);
  } else if (wanted && *wanted != s.member_id) {
    return http::error_response(404, "not_found", kNoAttorney);
  }
  auto rows = repo.rows(member_id, agency_id);
  if (!rows.ok()) return http::error_response(rows.error());
  std::vector<domain::DuesHistoryEntry> entries;
  for (const auto& r : *rows) entries.push_back(r.entry);
  http::Json items = http::Json::array();
  for (const auto& e : domain::one_per_member_year(std::move(entries))) {
    auto r = std::find_if(rows->begin(), rows->end(), [&](const store::DuesHistoryRow& x) {
      return x.entry.order_id == e.order_id && x.entry.member_id == e.member_id;
    });
    items.push_back(row_json(*r, s.member_id));
  }
  j["items"] = items;
  return http::Response::ok(j);
}

// The receipt of a paid order the history links to: as GET /member/dues/orders/{id}/receipt, and
// also for an agency whose attorney paid personally (domain::receipt_visible).
http::Response history_receipt(app::App& app, http::Call& call) {
  const auto not_found = http::error_response(404, "not_found", "订单不存在");
  auto id = id_path_param(call.req);
  if (!id) return not_found;
  auto db = app.db().acquire();
  store::OrderRepo orders(*db);
  auto o = orders.find(*id);
  if (!o.ok()) return http::error_response(o.error());
  if (!o->has_value()) return not_found;
  auto items = orders.items(*id);
  auto payer = store::MemberRepo(*db).find((*o)->payer_id);
  if (!items.ok() || !payer.ok() || !payer->has_value())
    return http::error_response(500, "internal", "系统繁忙，请稍后再试");
  const int64_t me = call.session->member_id;
  const bool holds = std::any_of(items->begin(), items->end(),
                                 [&](const store::OrderItem& i) { return i.member_id == me; });
  if (!domain::receipt_visible(me, (*o)->payer_id, (*payer)->agency_id.value_or(0), holds))
    return not_found;
  if ((*o)->status != "paid")
    return http::error_response(409, "not_paid", "订单尚未缴费，暂无收据");
  auto r = receipt_json(*db, **o);
  if (!r.ok()) return http::error_response(r.error());
  return http::Response::ok({{"receipt", *r}});
}

}  // namespace

void register_dues_history_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/member/dues/history", Access::kMember, {},
              "会费缴纳信息: ?scope=self|attorneys&attorney_id= (attorneys: agencies only)",
              bind(history)});
  router.add({"GET", "/member/dues/history/receipts/{id}", Access::kMember, {},
              "Receipt of a paid year in the history (also an agency's attorney's own order)",
              bind(history_receipt)});
}

}  // namespace md::api
