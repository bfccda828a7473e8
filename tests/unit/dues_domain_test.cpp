// Dues rules with no I/O: money in fen, the fee schedule, and the order state machine.
#include <doctest/doctest.h>

#include "domain/dues_order.h"
#include "domain/fees.h"
#include "domain/money.h"

using namespace md::domain;

TEST_CASE("money formats fen as yuan without floating point") {
  CHECK(format_yuan(30000) == "300.00");
  CHECK(format_yuan(1) == "0.01");
  CHECK(format_yuan(0) == "0.00");
  CHECK(format_yuan(-5) == "-0.05");
  CHECK(format_yuan_grouped(130000) == "1,300.00");
  CHECK(format_yuan_grouped(5000000) == "50,000.00");
  CHECK(format_yuan_grouped(123456789012) == "1,234,567,890.12");
  CHECK(format_yuan_grouped(99999) == "999.99");
}

TEST_CASE("money parses only plain yuan amounts") {
  CHECK(parse_yuan("300") == 30000);
  CHECK(parse_yuan("300.1") == 30010);
  CHECK(parse_yuan("300.00") == 30000);
  CHECK(parse_yuan("0.01") == 1);
  CHECK(parse_yuan("1,300.00") == std::nullopt);
  CHECK(parse_yuan("1,300.00", AllowGrouping::kYes) == 130000);
  CHECK(parse_yuan("12,345,678.90", AllowGrouping::kYes) == 1234567890);
  for (const char* bad : {"", "-1", "1e3", "0.001", " 3", "3 ", "1.", ".5", "abc", "1,30.00", ",100", "1,0000"})
    CHECK_MESSAGE(parse_yuan(bad, AllowGrouping::kYes) == std::nullopt, bad);
  CHECK(parse_yuan("99999999999999") == std::nullopt);  // beyond 10^12 fen
}

TEST_CASE("fee schedule follows the association's published standard") {
  CHECK(standard_fee(FeeClass::kAgencyVicePresident) == 5000000);
  CHECK(standard_fee(FeeClass::kAgencyStandingDirector) == 600000);
  CHECK(standard_fee(FeeClass::kAgencyDirector) == 100000);
  CHECK(standard_fee(FeeClass::kAgencyOrdinary) == 100000);
  CHECK(standard_fee(FeeClass::kAttorney) == 30000);
  CHECK(standard_fee(FeeClass::kIndustryOrg) == 100000);
  CHECK(standard_fee(FeeClass::kNonPracticing) == 30000);
  CHECK(fee_class_for(MemberType::kAgency, AgencyTier::kVicePresident) == FeeClass::kAgencyVicePresident);
  CHECK(fee_class_for(MemberType::kAgency, AgencyTier::kOrdinary) == FeeClass::kAgencyOrdinary);
  CHECK(fee_class_for(MemberType::kAttorney, AgencyTier::kVicePresident) == FeeClass::kAttorney);
  CHECK(fee_class_for(MemberType::kNonPracticing, AgencyTier::kOrdinary) == FeeClass::kNonPracticing);
  CHECK(agency_tier_from_label("常务理事单位") == AgencyTier::kStandingDirector);
  CHECK(agency_tier_from_label("会长单位") == std::nullopt);
  for (auto c : kAllFeeClasses) CHECK(fee_class_from_code(to_code(c)) == c);
}

TEST_CASE("a new order is payable until it expires or waits for finance") {
  const auto o = new_order(130000, false, 1000, 600);
  CHECK(o.status == OrderStatus::kAwaitingPayment);
  CHECK(o.amount_due == 130000);
  CHECK(is_payable(o, 1599));
  CHECK_FALSE(is_payable(o, 1600));
  CHECK(is_expired(o, 1600));
  const auto r = new_order(130000, true, 1000, 600);
  CHECK(r.status == OrderStatus::kReductionPending);
  CHECK_FALSE(r.expires_at.has_value());
  CHECK_FALSE(is_payable(r, 1000));
  CHECK_FALSE(is_expired(r, 99999999));
  CHECK(can_cancel(o));
  CHECK(can_cancel(r));
}

TEST_CASE("reduction requests are checked") {
  std::string field;
  CHECK(check_reduction_request(30000, 10000, "家庭困难，申请减免部分会费", &field).empty());
  CHECK_FALSE(check_reduction_request(30000, 0, "家庭困难，申请减免", &field).empty());
  CHECK(field == "amount");
  CHECK_FALSE(check_reduction_request(30000, 30001, "家庭困难，申请减免", &field).empty());
  CHECK(field == "amount");
  CHECK_FALSE(check_reduction_request(30000, 100, "困难", &field).empty());
  CHECK(field == "reason");
}

TEST_CASE("finance decides a reduction: part, all, or none") {
  const auto pending = new_order(30000, true, 1000, 600);
  auto part = decide_reduction(pending, {true, 10000, ""}, 2000, 600);
  CHECK(part.error.empty());
  CHECK(part.order.status == OrderStatus::kAwaitingPayment);
  CHECK(part.order.amount_due == 20000);
  CHECK(part.order.expires_at == 2600);
  CHECK_FALSE(part.waived);
  auto all = decide_reduction(pending, {true, 30000, ""}, 2000, 600);
  CHECK(all.waived);
  CHECK(all.order.status == OrderStatus::kPaid);
  CHECK(all.order.amount_due == 0);
  auto none = decide_reduction(pending, {false, 0, "不符合减免条件"}, 2000, 600);
  CHECK(none.order.status == OrderStatus::kAwaitingPayment);
  CHECK(none.order.amount_due == 30000);
  CHECK_FALSE(decide_reduction(pending, {false, 0, "  "}, 2000, 600).error.empty());
  CHECK_FALSE(decide_reduction(pending, {true, 30001, ""}, 2000, 600).error.empty());
  CHECK_FALSE(decide_reduction(pending, {true, 0, ""}, 2000, 600).error.empty());
  // Only a waiting reduction can be decided.
  CHECK_FALSE(decide_reduction(part.order, {true, 100, ""}, 2000, 600).error.empty());
}

TEST_CASE("a payment is credited only for the amount due of a payable order") {
  const auto o = new_order(130000, false, 1000, 600);
  CHECK(judge_payment(o, 130000) == PaymentVerdict::kCredit);
  CHECK(judge_payment(o, 129999) == PaymentVerdict::kWrongAmount);
  CHECK(judge_payment(o, 130001) == PaymentVerdict::kWrongAmount);
  for (auto s : {OrderStatus::kPaid, OrderStatus::kExpired, OrderStatus::kCancelled, OrderStatus::kReductionPending}) {
    OrderFacts f = o;
    f.status = s;
    CHECK(judge_payment(f, 130000) == PaymentVerdict::kSurplus);
    CHECK_FALSE(is_payable(f, 1000));
  }
  OrderFacts paid = o;
  paid.status = OrderStatus::kPaid;
  CHECK_FALSE(can_cancel(paid));
}

TEST_CASE("order numbers and gateway trade numbers") {
  CHECK(format_order_no("20261203", 42) == "D20261203000042");
  const auto no = format_out_trade_no("D20261203000042", PayMethod::kWechat, 1);
  CHECK(no == "D20261203000042W01");
  CHECK(format_out_trade_no("D20261203000042", PayMethod::kAlipay, 12) == "D20261203000042A12");
  CHECK(no.size() <= 32);
  for (auto s : {OrderStatus::kReductionPending, OrderStatus::kAwaitingPayment, OrderStatus::kPaid,
                 OrderStatus::kExpired, OrderStatus::kCancelled})
    CHECK(order_status_from_code(to_code(s)) == s);
  CHECK(label(OrderStatus::kReductionPending) == "减免审批中");
  CHECK(label(PayMethod::kBank) == "转账汇款");
}
