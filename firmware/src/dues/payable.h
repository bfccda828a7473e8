// 待缴费清单: which dues items a member may pay for a year. An agency pays for itself and may
// pay for each linked attorney whose membership is approved; an attorney pays personally only
// after choosing to (else the agency pays); the other types pay their own item.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/fees.h"
#include "store/db.h"
#include "store/fee_repo.h"
#include "store/member_repo.h"

namespace md::dues {

enum class ItemState { kPayable, kPaid, kInOrder, kNotMember, kNotApproved };
const char* to_code(ItemState s);   // payable / paid / in_order / not_member / not_approved
const char* label(ItemState s);     // 待缴费 / 已缴费 / 已在待支付订单中 / 未申请入会 / 入会审核中

struct PayableItem {
  store::Member member;
  bool is_self = false;
  domain::FeeClass fee_class = domain::FeeClass::kAttorney;
  domain::Fen amount_fen = 0;
  ItemState state = ItemState::kPayable;
  std::optional<std::string> order_no;  // in_order / paid: the holding order
  bool agency_requested = false;        // the attorney asked the agency to pay
};

// The year's schedule, or kNotFound (该年度会费标准尚未设定).
Result<store::DuesYear> dues_year(store::Db& db, int year);
// "" inside the window, else the zh-CN refusal naming it.
std::string window_problem(const store::DuesYear& y, const std::string& today);

// Every item the member's 待缴费清单 shows for the year (self first, then attorneys by number).
Result<std::vector<PayableItem>> payable_items(store::Db& db, const store::Member& payer,
                                               const store::DuesYear& year);

// An attorney's choice for the year: "personal", "agency", or "" when not made.
Result<std::string> attorney_choice(store::Db& db, int64_t attorney_id, int year);
Status set_attorney_choice(store::Db& db, int64_t attorney_id, int year, const std::string& choice);

// Whether a member status may pay at all (approved or active).
bool may_pay_dues(const std::string& member_status);

}  // namespace md::dues
