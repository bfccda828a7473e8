#include "api/dues_json.h"

#include "core/clock.h"
#include "domain/dues_order.h"
#include "domain/member.h"
#include "memberdesk/qr/qr.h"

namespace md::api {
namespace {

http::Json opt(const std::optional<std::string>& v) { return v ? http::Json(*v) : http::Json(); }
http::Json opt(const std::optional<int64_t>& v) { return v ? http::Json(*v) : http::Json(); }

std::string type_label(const std::string& code) {
  auto t = domain::member_type_from_code(code);
  return t ? std::string(domain::label(*t)) : code;
}

std::string fee_label(const std::string& code) {
  auto c = domain::fee_class_from_code(code);
  return c ? std::string(domain::label(*c)) : code;
}

}  // namespace

http::Json item_json(const dues::PayableItem& item) {
  http::Json j = {{"member_id", item.member.id},
                  {"name", item.member.name},
                  {"login_id", item.member.login_id},
                  {"member_no", opt(item.member.member_no)},
                  {"member_type", item.member.type},
                  {"type_label", type_label(item.member.type)},
                  {"role", item.is_self ? "self" : "attorney"},
                  {"fee_class", domain::to_code(item.fee_class)},
                  {"fee_label", domain::label(item.fee_class)},
                  {"amount_fen", item.amount_fen},
                  {"state", dues::to_code(item.state)},
                  {"state_label", dues::label(item.state)},
                  {"selectable", item.state == dues::ItemState::kPayable},
                  {"agency_requested", item.agency_requested}};
  if (item.order_no) j["order_no"] = *item.order_no;
  if (item.state == dues::ItemState::kNotMember)
    j["hint"] = "该专利代理师尚未办理入会，请提示其先申请入会，再为其缴费";
  else if (item.state == dues::ItemState::kNotApproved)
    j["hint"] = "该专利代理师的入会申请正在审核中，审核通过后方可为其缴费";
  return j;
}

http::Json order_json(store::Db& db, const store::DuesOrder& o, const pay::Gateways& gateways,
                      bool summary) {
  const auto status = domain::order_status_from_code(o.status);
  std::optional<domain::PayMethod> method;
  if (o.paid_method) method = domain::pay_method_from_code(*o.paid_method);
  http::Json methods = http::Json::array({"bank"});
  if (gateways.alipay) methods.push_back("alipay");
  if (gateways.wechat) methods.push_back("wechat");
  http::Json j = {{"id", o.id},
                  {"order_no", o.order_no},
                  {"year", o.year},
                  {"status", o.status},
                  {"status_label", status ? std::string(domain::label(*status)) : o.status},
                  {"payer", {{"member_id", o.payer_id}, {"name", o.payer_name}, {"type", o.payer_type},
                             {"login_id", o.payer_login}, {"type_label", type_label(o.payer_type)}}},
                  {"total_fen", o.total_fen},
                  {"amount_due_fen", o.amount_due_fen},
                  {"created_at", o.created_at},
                  {"expires_at", opt(o.expires_at)},
                  {"paid_at", opt(o.paid_at)},
                  {"method", opt(o.paid_method)},
                  {"method_label", method ? http::Json(std::string(domain::label(*method))) : http::Json()},
                  {"methods", methods}};
  if (o.reduction_status) {
    j["reduction"] = {{"requested_fen", opt(o.reduction_requested_fen)},
                      {"reason", opt(o.reduction_reason)},
                      {"status", *o.reduction_status},
                      {"decided_fen", opt(o.reduction_decided_fen)},
                      {"reject_reason", opt(o.reduction_reject_reason)},
                      {"decided_at", opt(o.reduction_decided_at)}};
  } else {
    j["reduction"] = nullptr;
  }
  if (summary) return j;
  j["contact"] = {{"name", o.contact_name}, {"mobile", o.contact_mobile}, {"email", o.contact_email},
                  {"office_phone", o.contact_office_phone}};
  http::Json items = http::Json::array();
  auto rows = store::OrderRepo(db).items(o.id);
  if (rows.ok())
    for (const auto& i : *rows)
      items.push_back({{"member_id", i.member_id},
                       {"name", i.name},
                       {"login_id", i.login_id},
                       {"member_type", i.member_type},
                       {"fee_class", i.fee_class},
                       {"fee_label", fee_label(i.fee_class)},
                       {"amount_fen", i.amount_fen}});
  j["items"] = items;
  return j;
}

http::Json attempt_json(const store::PaymentAttempt& a, bool with_qr, bool show_pay_link) {
  auto m = pay::method_from_code(a.method);
  const int64_t left = core::iso_to_unix(a.expires_at).value_or(0) - core::now_unix();
  http::Json j = {{"id", a.id},
                  {"method", a.method},
                  {"method_label", m ? pay::method_label(*m) : a.method.c_str()},
                  {"out_trade_no", a.out_trade_no},
                  {"amount_fen", a.amount_fen},
                  {"code_url", opt(a.code_url)},
                  {"expires_at", a.expires_at},
                  {"seconds_left", a.status == "open" ? std::max<int64_t>(0, left) : 0},
                  {"state", a.status}};
  if (with_qr && a.code_url && a.status == "open") {
    auto qr = qr::encode(*a.code_url, qr::EcLevel::M);
    if (qr.ok()) j["qr_svg"] = qr::to_svg(*qr, 8);
  }
  if (show_pay_link && a.code_url) j["pay_link"] = *a.code_url;
  return j;
}

http::Json bank_json(const std::map<std::string, std::string>& s) {
  auto get = [&](const char* k) {
    auto it = s.find(k);
    return it == s.end() ? std::string() : it->second;
  };
  return {{"account_name", get("bank_account_name")},
          {"bank_name", get("bank_name")},
          {"account_no", get("bank_account_no")},
          {"note", get("bank_note")}};
}

http::Json year_json(const store::DuesYear& y) {
  http::Json fees = http::Json::array();
  for (auto c : domain::kAllFeeClasses) {
    auto it = y.fees.find(c);
    fees.push_back({{"fee_class", domain::to_code(c)},
                    {"fee_label", domain::label(c)},
                    {"amount_fen", it == y.fees.end() ? http::Json() : http::Json(it->second)}});
  }
  return {{"year", y.year}, {"window_start", y.window_start}, {"window_end", y.window_end}, {"fees", fees}};
}

Result<http::Json> receipt_json(store::Db& db, const store::DuesOrder& o) {
  store::OrderRepo orders(db);
  auto items = orders.items(o.id);
  auto payments = orders.payments(o.id);
  if (!items.ok()) return items.error();
  if (!payments.ok()) return payments.error();
  http::Json arr = http::Json::array();
  for (const auto& i : *items) {
    auto c = domain::fee_class_from_code(i.fee_class);
    arr.push_back({{"name", i.name}, {"login_id", i.login_id},
                   {"fee_label", c ? std::string(domain::label(*c)) : i.fee_class}, {"amount_fen", i.amount_fen}});
  }
  std::string ref;
  for (const auto& p : *payments)
    if (p.outcome == "credited") ref = p.external_ref;
  auto method = o.paid_method ? domain::pay_method_from_code(*o.paid_method) : std::nullopt;
  return http::Json{{"order_no", o.order_no},
                    {"year", o.year},
                    {"payer", o.payer_name},
                    {"payer_login", o.payer_login},
                    {"items", arr},
                    {"total_fen", o.total_fen},
                    {"reduction_fen", o.total_fen - o.amount_due_fen},
                    {"paid_fen", o.amount_due_fen},
                    {"method", o.paid_method ? http::Json(*o.paid_method) : http::Json()},
                    {"method_label", method ? http::Json(std::string(domain::label(*method))) : http::Json()},
                    {"paid_at", o.paid_at ? http::Json(*o.paid_at) : http::Json()},
                    {"transaction_ref", ref},
                    {"issuer", "中华全国专利代理师协会"}};
}

http::Response dues_error(const Error& e) {
  if (e.kind == ErrorKind::kInvalidArgument) return http::error_response(400, e.code, e.message);
  if (e.kind == ErrorKind::kUnavailable) return http::error_response(503, "gateway_unavailable", e.message);
  return http::error_response(e);
}

}  // namespace md::api
