// 会费, the finance side (roles finance and admin): the fee schedule and payment window per year,
// agencies' tiers, orders, reduction decisions, bank receipts, statement import and the bank
// details members see. Every change is audited with before/after.
#include <nlohmann/json.hpp>

#include "api/dues_json.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "core/utf8.h"
#include "domain/working_days.h"
#include "dues/bank.h"
#include "dues/orders.h"
#include "store/audit_repo.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);
const std::vector<std::string> kFinance = {"finance", "admin"};

std::string actor(const http::Call& call) { return "staff:" + call.session->login_id; }

int64_t int_field(const http::Json& j, const char* name, int64_t fallback = -1) {
  auto it = j.find(name);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

http::Response list_years(app::App& app, http::Call&) {
  auto db = app.db().acquire();
  auto years = store::FeeRepo(*db).years();
  if (!years.ok()) return http::error_response(years.error());
  http::Json arr = http::Json::array();
  for (const auto& y : *years) arr.push_back(year_json(y));
  return http::Response::ok({{"years", arr}});
}

http::Response put_year(app::App& app, http::Call& call) {
  const std::string raw = call.req.path_params.at("year");
  const int year = raw.size() == 4 && std::all_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; }) ? std::stoi(raw) : 0;
  if (year < 2000 || year > 2100) return http::error_response(404, "not_found", "年份无效");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  store::DuesYear y{year, string_field(*body, "window_start"), string_field(*body, "window_end"), {}};
  http::FieldErrors fields;
  if (!domain::parse_iso_date(y.window_start)) fields["window_start"] = "日期格式应为 年-月-日";
  if (!domain::parse_iso_date(y.window_end)) fields["window_end"] = "日期格式应为 年-月-日";
  if (fields.empty() && y.window_start > y.window_end) fields["window_end"] = "结束日期不能早于开始日期";
  if (auto fees = body->find("fees"); fees != body->end() && fees->is_array()) {
    for (const auto& f : *fees) {
      if (!f.is_object()) continue;
      auto c = domain::fee_class_from_code(string_field(f, "fee_class"));
      if (!c) continue;
      const int64_t amount = int_field(f, "amount_fen");
      if (amount < 0 || amount > domain::kMaxFee)
        fields["fees." + std::string(domain::to_code(*c))] = "金额应在0至100,000元之间";
      else
        y.fees[*c] = amount;
    }
  }
  for (auto c : domain::kAllFeeClasses)
    if (!y.fees.count(c) && !fields.count("fees." + std::string(domain::to_code(c))))
      fields["fees." + std::string(domain::to_code(c))] = "请填写" + std::string(domain::label(c));
  if (!fields.empty()) return http::error_response(400, "validation_failed", "请检查标出的项目", fields);
  auto db = app.db().acquire();
  store::FeeRepo repo(*db);
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto before = repo.year(year);
  if (!before.ok()) return http::error_response(before.error());
  if (auto st = repo.put_year(y); !st.ok()) return http::error_response(st.error());
  if (auto st = store::append_audit(*db, {actor(call), "dues.fee_schedule_put", "dues_year:" + raw,
                                          before->has_value() ? year_json(**before).dump() : "",
                                          year_json(y).dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok(year_json(y));
}

http::Response agencies(app::App& app, http::Call& call) {
  const std::string q = core::trim(call.req.query_param("q").value_or(""));
  const int page = std::max(1, std::atoi(call.req.query_param("page").value_or("1").c_str()));
  auto db = app.db().acquire();
  const char* where = "WHERE type = 'agency' AND (?1 = '' OR instr(login_id, ?1) > 0 OR instr(name, ?1) > 0) ";
  auto count = db->prepare(std::string("SELECT COUNT(*) FROM members ") + where);
  count.bind(1, q);
  const int64_t total = count.step() ? count.col_int(0) : 0;
  auto st = db->prepare(std::string("SELECT id, login_id, name, tier, status FROM members ") + where +
                        "ORDER BY login_id LIMIT 20 OFFSET ?2");
  st.bind(1, q).bind(2, (page - 1) * 20);
  http::Json arr = http::Json::array();
  while (st.step()) {
    auto tier = domain::agency_tier_from_code(st.col_text(3)).value_or(domain::AgencyTier::kOrdinary);
    arr.push_back({{"member_id", st.col_int(0)}, {"login_id", st.col_text(1)}, {"name", st.col_text(2)},
                   {"tier", domain::to_code(tier)}, {"tier_label", domain::label(tier)}, {"status", st.col_text(4)}});
  }
  if (!st.status().ok()) return http::error_response(st.status().error());
  return http::Response::ok({{"total", total}, {"page", page}, {"items", arr}});
}

http::Response set_tier(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "会员不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto tier = domain::agency_tier_from_code(string_field(*body, "tier"));
  if (!tier) return http::error_response(400, "validation_failed", "请选择会员单位级别", {{"tier", "请选择会员单位级别"}});
  auto db = app.db().acquire();
  store::FeeRepo repo(*db);
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto m = store::MemberRepo(*db).find(*id);
  if (!m.ok()) return http::error_response(m.error());
  if (!m->has_value() || (*m)->type != "agency") return http::error_response(404, "not_found", "代理机构不存在");
  auto before = repo.tier_of(*id);
  if (!before.ok()) return http::error_response(before.error());
  if (auto st = repo.set_tier(*id, *tier); !st.ok()) return http::error_response(st.error());
  const std::string b = before->has_value() ? std::string(domain::to_code(**before)) : "";
  if (auto st = store::append_audit(*db, {actor(call), "dues.tier_set", "member:" + std::to_string(*id),
                                          nlohmann::json{{"tier", b}}.dump(),
                                          nlohmann::json{{"tier", domain::to_code(*tier)}}.dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok({{"member_id", *id}, {"tier", domain::to_code(*tier)}, {"tier_label", domain::label(*tier)}});
}

http::Response orders(app::App& app, http::Call& call) {
  store::OrderQuery q;
  const std::string status = call.req.query_param("status").value_or("all");
  if (status != "all" && !status.empty()) {
    if (!domain::order_status_from_code(status))
      return http::error_response(400, "validation_failed", "状态无效", {{"status", "状态无效"}});
    q.status = status;
  }
  q.text = core::trim(call.req.query_param("q").value_or(""));
  q.page = std::max(1, std::atoi(call.req.query_param("page").value_or("1").c_str()));
  q.page_size = std::clamp(std::atoi(call.req.query_param("page_size").value_or("20").c_str()), 1, 100);
  auto db = app.db().acquire();
  auto found = store::OrderRepo(*db).search(q);
  if (!found.ok()) return http::error_response(found.error());
  http::Json arr = http::Json::array();
  for (const auto& o : found->second) arr.push_back(order_json(*db, o, app.dues().gateways, true));
  return http::Response::ok({{"total", found->first}, {"page", q.page}, {"page_size", q.page_size}, {"items", arr}});
}

http::Response order_detail(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "订单不存在");
  auto db = app.db().acquire();
  store::OrderRepo repo(*db);
  auto o = repo.find(*id);
  if (!o.ok()) return http::error_response(o.error());
  if (!o->has_value()) return http::error_response(404, "not_found", "订单不存在");
  auto payments = repo.payments(*id);
  auto attempts = repo.attempts(*id);
  if (!payments.ok() || !attempts.ok()) return http::error_response(500, "internal", "系统繁忙，请稍后再试");
  http::Json p = http::Json::array();
  for (const auto& r : *payments)
    p.push_back({{"method", r.method}, {"amount_fen", r.amount_fen}, {"external_ref", r.external_ref},
                 {"paid_at", r.paid_at ? http::Json(*r.paid_at) : http::Json()}, {"received_at", r.received_at},
                 {"source", r.source}, {"outcome", r.outcome}, {"recorded_by", r.recorded_by}});
  http::Json a = http::Json::array();
  for (const auto& r : *attempts) a.push_back(attempt_json(r, false, false));
  return http::Response::ok({{"order", order_json(*db, **o, app.dues().gateways)}, {"payments", p}, {"attempts", a}});
}

http::Response reduction(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "订单不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  const std::string decision = string_field(*body, "decision");
  if (decision != "approve" && decision != "reject")
    return http::error_response(400, "validation_failed", "请选择批准或驳回", {{"decision", "请选择批准或驳回"}});
  dues::ReductionVerdict v{decision == "approve", int_field(*body, "amount_fen", 0), string_field(*body, "reason")};
  auto db = app.db().acquire();
  auto r = dues::decide_reduction(*db, app.dues(), *id, v, call.session->login_id);
  if (!r.ok()) return dues_error(r.error());
  if (!r->field_errors.empty())
    return http::error_response(400, "validation_failed", r->field_errors.begin()->second, r->field_errors);
  return http::Response::ok({{"order", order_json(*db, *r->order, app.dues().gateways)}});
}

http::Response bank_receipt(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "订单不存在");
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  dues::BankReceipt receipt{int_field(*body, "amount_fen", 0), string_field(*body, "date"), string_field(*body, "bank_ref")};
  auto db = app.db().acquire();
  auto r = dues::confirm_bank_receipt(*db, app.dues(), *id, receipt, call.session->login_id);
  if (!r.ok()) return dues_error(r.error());
  if (!r->field_errors.empty())
    return http::error_response(400, "validation_failed", r->field_errors.begin()->second, r->field_errors);
  auto o = store::OrderRepo(*db).find(*id);
  if (!o.ok() || !o->has_value()) return http::error_response(500, "internal", "系统繁忙，请稍后再试");
  return http::Response::ok({{"order", order_json(*db, **o, app.dues().gateways)}});
}

http::Response statement(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto apply = body->find("apply");
  auto db = app.db().acquire();
  auto r = dues::import_statement(*db, app.dues(), string_field(*body, "csv"),
                                  apply != body->end() && apply->is_boolean() && apply->get<bool>(),
                                  call.session->login_id);
  if (!r.ok()) return dues_error(r.error());
  if (!r->error.empty()) return http::error_response(400, "validation_failed", r->error, {{"csv", r->error}});
  http::Json lines = http::Json::array();
  std::map<std::string, int> counts;
  for (const auto& l : r->lines) {
    ++counts[dues::to_code(l.result)];
    lines.push_back({{"line", l.line}, {"date", l.date}, {"amount_fen", l.amount_fen}, {"bank_ref", l.bank_ref},
                     {"payer", l.payer}, {"order_no", l.order_no ? http::Json(*l.order_no) : http::Json()},
                     {"result", dues::to_code(l.result)}, {"message", l.message}});
  }
  http::Json c = http::Json::object();
  for (const char* k : {"matched", "unmatched", "mismatched", "duplicate", "invalid"}) c[k] = counts[k];
  return http::Response::ok({{"applied", r->applied}, {"lines", lines}, {"counts", c}});
}

const char* kSettingKeys[] = {"bank_account_name", "bank_name", "bank_account_no", "bank_note"};

http::Response get_settings(app::App& app, http::Call&) {
  auto db = app.db().acquire();
  auto s = store::FeeRepo(*db).settings();
  if (!s.ok()) return http::error_response(s.error());
  http::Json j = http::Json::object();
  for (const char* k : kSettingKeys) j[k] = s->count(k) ? s->at(k) : "";
  return http::Response::ok(j);
}

http::Response put_settings(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  http::FieldErrors fields;
  std::map<std::string, std::string> values;
  for (const char* k : kSettingKeys) {
    const std::string v = core::trim(string_field(*body, k));
    const size_t max = std::string(k) == "bank_note" ? 300 : 100;
    if (v.empty() || core::utf8_length(v) > max) fields[k] = "请填写（不超过" + std::to_string(max) + "个字）";
    values[k] = v;
  }
  if (!fields.empty()) return http::error_response(400, "validation_failed", "请检查标出的项目", fields);
  auto db = app.db().acquire();
  store::FeeRepo repo(*db);
  store::Transaction tx(*db);
  if (!tx.begun().ok()) return http::error_response(tx.begun().error());
  auto before = repo.settings();
  if (!before.ok()) return http::error_response(before.error());
  for (const auto& [k, v] : values)
    if (auto st = repo.put_setting(k, v, call.session->login_id); !st.ok()) return http::error_response(st.error());
  http::Json b = http::Json::object();
  for (const char* k : kSettingKeys) b[k] = before->count(k) ? before->at(k) : "";
  if (auto st = store::append_audit(*db, {actor(call), "dues.settings_put", "settings:bank", b.dump(),
                                          http::Json(values).dump()});
      !st.ok())
    return http::error_response(st.error());
  if (auto st = tx.commit(); !st.ok()) return http::error_response(st.error());
  return http::Response::ok(http::Json(values));
}

}  // namespace

void register_staff_dues_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/staff/dues/years", Access::kStaff, kFinance, "会费标准: every year's window and fees", bind(list_years)});
  router.add({"PUT", "/staff/dues/years/{year}", Access::kStaff, kFinance, "Set a year's window and fees (fen)", bind(put_year)});
  router.add({"GET", "/staff/dues/agencies", Access::kStaff, kFinance, "Agencies with their tier: ?q=&page=", bind(agencies)});
  router.add({"PUT", "/staff/dues/agencies/{id}/tier", Access::kStaff, kFinance, "Set an agency's tier", bind(set_tier)});
  router.add({"GET", "/staff/dues/orders", Access::kStaff, kFinance, "Orders: ?status=&q=&page=", bind(orders)});
  router.add({"GET", "/staff/dues/orders/{id}", Access::kStaff, kFinance, "One order with payments and QR attempts", bind(order_detail)});
  router.add({"POST", "/staff/dues/orders/{id}/reduction", Access::kStaff, kFinance, "减免 decision: approve {amount_fen} or reject {reason}", bind(reduction)});
  router.add({"POST", "/staff/dues/orders/{id}/bank-receipt", Access::kStaff, kFinance, "Confirm a bank transfer {amount_fen, date, bank_ref}", bind(bank_receipt)});
  router.add({"POST", "/staff/dues/bank-statement", Access::kStaff, kFinance, "Bank statement CSV: {csv, apply}", bind(statement)});
  router.add({"GET", "/staff/dues/settings", Access::kStaff, kFinance, "Bank details shown to members", bind(get_settings)});
  router.add({"PUT", "/staff/dues/settings", Access::kStaff, kFinance, "Set the bank details", bind(put_settings)});
}

}  // namespace md::api
