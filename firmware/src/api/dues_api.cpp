// 会费缴纳, the member's side: 选择缴费年份, 待缴费清单, 申报确认单 (quote), 确认申报缴费 / 减免申请缴费,
// 订单详情 with its three methods, the QR payment and its status, cancel and the receipt. Every
// order route checks that the order is the caller's (placed by them or holding their item).
#include <algorithm>

#include "api/dues_json.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "core/clock.h"
#include "domain/dues_order.h"
#include "dues/orders.h"
#include "dues/qr_payments.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"
#include "store/message_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);

int current_year() { return std::stoi(store::today_shanghai().substr(0, 4)); }

// The calling member, who must be approved (or active) to pay dues.
Result<store::Member> payer_of(store::Db& db, const http::Call& call) {
  auto m = store::MemberRepo(db).find(call.session->member_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  if (!dues::may_pay_dues((*m)->status))
    return make_error(ErrorKind::kForbidden, "not_approved", "请先完成入会申请并通过审核后再缴纳会费");
  return **m;
}

std::optional<int> year_param(const http::Request& req) {
  auto y = req.query_param("year");
  if (!y || y->size() != 4 || !std::all_of(y->begin(), y->end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return std::stoi(*y);
}

int year_field(const http::Json& body) {
  auto it = body.find("year");
  return it != body.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// A quote or an order without a year is a form error, not a missing fee schedule.
std::optional<http::Response> missing_year(const http::Json& body) {
  if (year_field(body) > 0) return std::nullopt;
  return http::error_response(400, "validation_failed", "请选择缴费年份", {{"year", "请选择缴费年份"}});
}

std::vector<int64_t> ids_field(const http::Json& body) {
  std::vector<int64_t> ids;
  auto it = body.find("member_ids");
  if (it == body.end() || !it->is_array()) return ids;
  // More than any agency has attorneys: a bigger list is not a real selection, and is cut off
  // so that checking it stays cheap.
  constexpr size_t kMaxSelection = 2000;
  for (const auto& v : *it) {
    if (ids.size() == kMaxSelection) break;
    if (v.is_number_integer() && std::find(ids.begin(), ids.end(), v.get<int64_t>()) == ids.end())
      ids.push_back(v.get<int64_t>());
  }
  return ids;
}

http::Response unavailable_response(const std::map<int64_t, std::string>& items) {
  http::FieldErrors fields;
  std::string first;
  for (const auto& [id, why] : items) {
    fields[std::to_string(id)] = why;
    if (first.empty()) first = why;
  }
  return http::error_response(409, "item_unavailable", "部分项目已缴费或已在其他订单中：" + first, fields);
}

// The order, if the caller may see it.
Result<store::DuesOrder> visible_order(store::Db& db, const http::Call& call, int64_t id) {
  auto o = store::OrderRepo(db).find(id);
  if (!o.ok()) return o.error();
  const auto not_found = make_error(ErrorKind::kNotFound, "not_found", "订单不存在");
  if (!o->has_value()) return not_found;
  if ((*o)->payer_id == call.session->member_id) return **o;
  auto items = store::OrderRepo(db).items(id);
  if (!items.ok()) return items.error();
  for (const auto& i : *items)
    if (i.member_id == call.session->member_id) return **o;
  return not_found;
}

Result<store::DuesOrder> own_order(store::Db& db, const http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return make_error(ErrorKind::kNotFound, "not_found", "订单不存在");
  auto o = visible_order(db, call, *id);
  if (!o.ok()) return o.error();
  if (o->payer_id != call.session->member_id)
    return make_error(ErrorKind::kForbidden, "forbidden", "该订单由" + o->payer_name + "办理");
  return o;
}

http::Response overview(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto m = store::MemberRepo(*db).find(call.session->member_id);
  if (!m.ok()) return http::error_response(m.error());
  if (!m->has_value()) return http::error_response(404, "not_found", "会员不存在");
  const auto& member = **m;
  if (!dues::may_pay_dues(member.status))
    return http::error_response(403, "not_approved", "请先完成入会申请并通过审核后再缴纳会费");
  auto years = store::FeeRepo(*db).years();
  if (!years.ok()) return http::error_response(years.error());
  const std::string today = store::today_shanghai();
  const int now_year = current_year();
  http::Json list = http::Json::array();
  int default_year = 0;
  for (const auto& y : *years) {
    if (y.year < now_year - 1) continue;
    const bool open = dues::window_problem(y, today).empty();
    list.push_back({{"year", y.year}, {"window_start", y.window_start}, {"window_end", y.window_end}, {"open", open}});
    if (y.year == now_year || (default_year == 0 && open)) default_year = y.year;
  }
  const bool good = member.status == "active" && member.valid_until && *member.valid_until >= today;
  http::Json j = {{"years", list},
                  {"default_year", default_year ? http::Json(default_year) : http::Json()},
                  {"member", {{"type", member.type}, {"status", member.status}, {"good_standing", good},
                              {"valid_until", member.valid_until ? http::Json(*member.valid_until) : http::Json()}}},
                  {"attorney", nullptr}};
  if (member.type == "attorney") {
    const int year = year_param(call.req).value_or(default_year ? default_year : now_year);
    auto choice = dues::attorney_choice(*db, member.id, year);
    if (!choice.ok()) return http::error_response(choice.error());
    std::string agency_name;
    if (member.agency_id) {
      auto a = store::MemberRepo(*db).name_of(*member.agency_id);
      if (a.ok() && a->has_value()) agency_name = **a;
    }
    j["attorney"] = {{"year", year},
                     {"choice", choice->empty() ? http::Json() : http::Json(*choice)},
                     {"agency_name", agency_name},
                     {"agency_requested", *choice == "agency"}};
  }
  return http::Response::ok(j);
}

http::Response attorney_choice(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string choice = string_field(*body, "choice");
  const int year = year_field(*body);
  if (choice != "personal" && choice != "agency")
    return http::error_response(400, "validation_failed", "请选择缴费方式", {{"choice", "请选择缴费方式"}});
  auto db = app.db().acquire();
  auto payer = payer_of(*db, call);
  if (!payer.ok()) return dues_error(payer.error());
  if (payer->type != "attorney") return http::error_response(403, "forbidden", "仅专利代理师需要选择缴费方式");
  if (auto y = dues::dues_year(*db, year); !y.ok()) return dues_error(y.error());
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto before = dues::attorney_choice(*db, payer->id, year);
  if (!before.ok()) return http::error_response(before.error());
  if (auto st = dues::set_attorney_choice(*db, payer->id, year, choice); !st.ok())
    return http::error_response(st.error());
  if (choice == "agency" && *before != "agency" && payer->agency_id) {
    auto msg = store::MessageRepo(*db).add_personal(
        *payer->agency_id, "专利代理师申请由机构统一缴费",
        "专利代理师" + payer->name + "（资格证号" + payer->login_id + "）请求由本机构统一缴纳" +
            std::to_string(year) + "年度会费。请在会员中心【缴纳会费】的待缴费清单中勾选其缴费项目。",
        "member:" + payer->login_id);
    if (!msg.ok()) return http::error_response(msg.error());
  }
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok({{"year", year}, {"choice", choice}});
}

http::Response items(app::App& app, http::Call& call) {
  auto year = year_param(call.req);
  if (!year) return http::error_response(400, "validation_failed", "请选择缴费年份", {{"year", "请选择缴费年份"}});
  auto db = app.db().acquire();
  auto payer = payer_of(*db, call);
  if (!payer.ok()) return dues_error(payer.error());
  auto y = dues::dues_year(*db, *year);
  if (!y.ok()) return dues_error(y.error());
  if (auto problem = dues::window_problem(*y, store::today_shanghai()); !problem.empty())
    return http::error_response(400, "window_closed", problem);
  if (payer->type == "attorney") {
    auto choice = dues::attorney_choice(*db, payer->id, *year);
    if (!choice.ok()) return http::error_response(choice.error());
    if (*choice != "personal")
      return http::error_response(409, "choose_payment_first", "请先选择个人缴费，或等候所属代理机构统一缴费");
  }
  auto list = dues::payable_items(*db, *payer, *y);
  if (!list.ok()) return http::error_response(list.error());
  http::Json arr = http::Json::array();
  domain::Fen selectable = 0;
  for (const auto& i : *list) {
    arr.push_back(item_json(i));
    if (i.state == dues::ItemState::kPayable) selectable += i.amount_fen;
  }
  return http::Response::ok({{"year", *year}, {"total_selectable_fen", selectable}, {"items", arr}});
}

http::Response quote(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  auto payer = payer_of(*db, call);
  if (!payer.ok()) return dues_error(payer.error());
  if (auto refused = missing_year(*body)) return *refused;
  auto q = dues::quote(*db, *payer, {year_field(*body), ids_field(*body)}, store::today_shanghai());
  if (!q.ok()) return dues_error(q.error());
  if (!q->unavailable.empty()) return unavailable_response(q->unavailable);
  http::Json arr = http::Json::array();
  for (const auto& i : q->items) arr.push_back(item_json(i));
  const auto c = dues::contact_prefill(*db, *payer);
  return http::Response::ok({{"year", q->year.year},
                             {"items", arr},
                             {"total_fen", q->total_fen},
                             {"contact", {{"name", c.name}, {"mobile", c.mobile}, {"email", c.email},
                                          {"office_phone", c.office_phone}}}});
}

http::Response create_order(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  dues::Contact contact;
  if (auto c = body->find("contact"); c != body->end() && c->is_object()) {
    contact.name = string_field(*c, "name");
    contact.mobile = string_field(*c, "mobile");
    contact.email = string_field(*c, "email");
    contact.office_phone = string_field(*c, "office_phone");
  }
  std::optional<dues::ReductionRequest> reduction;
  if (auto r = body->find("reduction"); r != body->end() && r->is_object()) {
    dues::ReductionRequest req;
    auto amount = r->find("amount_fen");
    req.amount_fen = amount != r->end() && amount->is_number_integer() ? amount->get<int64_t>() : 0;
    req.reason = string_field(*r, "reason");
    reduction = req;
  }
  auto db = app.db().acquire();
  auto payer = payer_of(*db, call);
  if (!payer.ok()) return dues_error(payer.error());
  if (auto refused = missing_year(*body)) return *refused;
  auto placed = dues::place_order(*db, app.dues(), *payer, {year_field(*body), ids_field(*body)}, contact, reduction);
  if (!placed.ok()) return dues_error(placed.error());
  if (!placed->unavailable.empty()) return unavailable_response(placed->unavailable);
  if (!placed->field_errors.empty())
    return http::error_response(400, "validation_failed", "请检查标出的项目", placed->field_errors);
  http::Response r = http::Response::ok({{"order", order_json(*db, *placed->order, app.dues().gateways)}});
  r.status = 201;
  return r;
}

http::Response list_orders(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto orders = store::OrderRepo(*db).for_member(call.session->member_id);
  if (!orders.ok()) return http::error_response(orders.error());
  http::Json arr = http::Json::array();
  for (const auto& o : *orders) arr.push_back(order_json(*db, o, app.dues().gateways, true));
  return http::Response::ok({{"orders", arr}});
}

http::Response get_order(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "订单不存在");
  auto db = app.db().acquire();
  auto o = visible_order(*db, call, *id);
  if (!o.ok()) return http::error_response(o.error());
  auto settings = store::FeeRepo(*db).settings();
  if (!settings.ok()) return http::error_response(settings.error());
  return http::Response::ok({{"order", order_json(*db, *o, app.dues().gateways)}, {"bank", bank_json(*settings)}});
}

http::Response pay(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  // Whose order it is comes first: another member's order id must read as missing, whatever
  // the body says.
  auto db = app.db().acquire();
  auto o = own_order(*db, call);
  if (!o.ok()) return http::error_response(o.error());
  auto method = pay::method_from_code(string_field(*body, "method"));
  if (!method)
    return http::error_response(400, "validation_failed", "请选择支付方式", {{"method", "请选择支付方式"}});
  auto attempt = dues::open_qr(*db, app.dues(), o->id, *method);
  if (!attempt.ok()) return dues_error(attempt.error());
  return http::Response::ok({{"attempt", attempt_json(*attempt, true, app.config().boolean("dues.show_pay_link"))}});
}

http::Response status(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "订单不存在");
  auto db = app.db().acquire();
  auto o = visible_order(*db, call, *id);
  if (!o.ok()) return http::error_response(o.error());
  auto attempt = dues::refresh_payment(*db, app.dues(), o->id);
  if (!attempt.ok()) return http::error_response(attempt.error());
  auto fresh = store::OrderRepo(*db).find(o->id);
  if (!fresh.ok() || !fresh->has_value()) return http::error_response(500, "internal", "系统繁忙，请稍后再试");
  const auto& order = **fresh;
  return http::Response::ok(
      {{"status", order.status},
       {"paid", order.status == "paid"},
       {"order", order_json(*db, order, app.dues().gateways)},
       {"attempt", attempt->has_value() ? attempt_json(**attempt, false, app.config().boolean("dues.show_pay_link"))
                                        : http::Json()}});
}

http::Response cancel(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto o = own_order(*db, call);
  if (!o.ok()) return http::error_response(o.error());
  auto attempts = store::OrderRepo(*db).attempts(o->id);
  auto cancelled = dues::cancel_order(*db, o->id, "member:" + call.session->login_id);
  if (!cancelled.ok()) return http::error_response(cancelled.error());
  // Open QR codes must not take money for a cancelled order: close them at the gateway.
  if (attempts.ok())
    for (const auto& a : *attempts) {
      if (a.status != "open") continue;
      (void)store::OrderRepo(*db).set_attempt_status(a.id, "closed", std::string("order cancelled"));
      auto m = pay::method_from_code(a.method);
      if (pay::Gateway* g = m ? app.dues().gateways.get(*m) : nullptr) (void)g->close(a.out_trade_no);
    }
  return http::Response::ok({{"order", order_json(*db, *cancelled, app.dues().gateways)}});
}

http::Response receipt(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "订单不存在");
  auto db = app.db().acquire();
  auto o = visible_order(*db, call, *id);
  if (!o.ok()) return http::error_response(o.error());
  if (o->status != "paid") return http::error_response(409, "not_paid", "订单尚未缴费，暂无收据");
  auto r = receipt_json(*db, *o);
  if (!r.ok()) return http::error_response(500, "internal", "系统繁忙，请稍后再试");
  return http::Response::ok({{"receipt", *r}});
}

}  // namespace

void register_dues_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/member/dues", Access::kMember, {}, "会费缴纳: payable years, good standing, attorney choice", bind(overview)});
  router.add({"POST", "/member/dues/attorney-choice", Access::kMember, {}, "Attorney: {year, choice: personal|agency}", bind(attorney_choice)});
  router.add({"GET", "/member/dues/items", Access::kMember, {}, "待缴费清单 of ?year=", bind(items)});
  router.add({"POST", "/member/dues/quote", Access::kMember, {}, "申报确认单: {year, member_ids} → items, total, contact", bind(quote)});
  router.add({"POST", "/member/dues/orders", Access::kMember, {}, "确认申报缴费 / 减免申请缴费: {year, member_ids, contact, reduction?}", bind(create_order)});
  router.add({"GET", "/member/dues/orders", Access::kMember, {}, "The member's orders", bind(list_orders)});
  router.add({"GET", "/member/dues/orders/{id}", Access::kMember, {}, "订单详情 with the bank details", bind(get_order)});
  router.add({"POST", "/member/dues/orders/{id}/pay", Access::kMember, {}, "Open a QR payment: {method: wechat|alipay}", bind(pay)});
  router.add({"GET", "/member/dues/orders/{id}/status", Access::kMember, {}, "Order status; asks the gateway while a QR is shown", bind(status)});
  router.add({"POST", "/member/dues/orders/{id}/cancel", Access::kMember, {}, "Cancel an unpaid order", bind(cancel)});
  router.add({"GET", "/member/dues/orders/{id}/receipt", Access::kMember, {}, "Receipt of a paid order", bind(receipt)});
}

}  // namespace md::api
