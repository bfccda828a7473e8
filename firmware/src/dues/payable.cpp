#include "dues/payable.h"

#include "store/order_repo.h"

namespace md::dues {

const char* to_code(ItemState s) {
  switch (s) {
    case ItemState::kPayable: return "payable";
    case ItemState::kPaid: return "paid";
    case ItemState::kInOrder: return "in_order";
    case ItemState::kNotMember: return "not_member";
    case ItemState::kNotApproved: return "not_approved";
  }
  return "";
}

const char* label(ItemState s) {
  switch (s) {
    case ItemState::kPayable: return "待缴费";
    case ItemState::kPaid: return "已缴费";
    case ItemState::kInOrder: return "已在待支付订单中";
    case ItemState::kNotMember: return "未申请入会";
    case ItemState::kNotApproved: return "入会审核中";
  }
  return "";
}

bool may_pay_dues(const std::string& status) { return status == "approved_unpaid" || status == "active"; }

Result<store::DuesYear> dues_year(store::Db& db, int year) {
  auto y = store::FeeRepo(db).year(year);
  if (!y.ok()) return y.error();
  if (!y->has_value() || (*y)->fees.size() != domain::kAllFeeClasses.size())
    return make_error(ErrorKind::kNotFound, "year_not_found",
                      std::to_string(year) + "年度会费标准尚未设定，请联系协会");
  return **y;
}

std::string window_problem(const store::DuesYear& y, const std::string& today) {
  if (today >= y.window_start && today <= y.window_end) return "";
  return std::to_string(y.year) + "年度会费缴纳时间为" + y.window_start + "至" + y.window_end +
         "，当前不在缴费期内";
}

namespace {

Result<PayableItem> item_for(store::Db& db, const store::Member& m, bool is_self,
                             const store::DuesYear& year) {
  PayableItem item;
  item.member = m;
  item.is_self = is_self;
  auto type = domain::member_type_from_code(m.type).value_or(domain::MemberType::kAttorney);
  auto tier = store::FeeRepo(db).tier_of(m.id);
  if (!tier.ok()) return tier.error();
  item.fee_class = domain::fee_class_for(type, tier->value_or(domain::AgencyTier::kOrdinary));
  item.amount_fen = year.fees.at(item.fee_class);
  auto holder = store::OrderRepo(db).holder_of(m.id, year.year);
  if (!holder.ok()) return holder.error();
  const std::string year_end = std::to_string(year.year) + "-12-31";
  if (holder->has_value()) {
    item.state = (*holder)->status == "paid" ? ItemState::kPaid : ItemState::kInOrder;
    item.order_no = (*holder)->order_no;
  } else if (m.status == "active" && m.valid_until && *m.valid_until >= year_end) {
    item.state = ItemState::kPaid;  // paid before this system, or by a staff record
  } else if (m.status == "roster") {
    item.state = ItemState::kNotMember;
  } else if (m.status == "applied") {
    item.state = ItemState::kNotApproved;
  } else {
    item.state = ItemState::kPayable;
  }
  return item;
}

}  // namespace

Result<std::vector<PayableItem>> payable_items(store::Db& db, const store::Member& payer,
                                               const store::DuesYear& year) {
  std::vector<PayableItem> out;
  auto self = item_for(db, payer, true, year);
  if (!self.ok()) return self.error();
  out.push_back(*self);
  if (payer.type != "agency") return out;
  auto st = db.prepare(
      "SELECT m.id, r.choice FROM members m LEFT JOIN dues_agency_requests r "
      "ON r.attorney_id = m.id AND r.year = ? "
      "WHERE m.agency_id = ? AND m.type = 'attorney' AND m.status <> 'withdrawn' ORDER BY m.login_id");
  st.bind(1, year.year).bind(2, payer.id);
  std::vector<std::pair<int64_t, bool>> attorneys;
  while (st.step()) attorneys.emplace_back(st.col_int(0), st.col_opt_text(1) == "agency");
  if (!st.status().ok()) return st.status().error();
  store::MemberRepo members(db);
  for (const auto& [id, requested] : attorneys) {
    auto m = members.find(id);
    if (!m.ok()) return m.error();
    if (!m->has_value()) continue;
    auto item = item_for(db, **m, false, year);
    if (!item.ok()) return item.error();
    item->agency_requested = requested;
    out.push_back(*item);
  }
  return out;
}

Result<std::string> attorney_choice(store::Db& db, int64_t attorney_id, int year) {
  auto st = db.prepare("SELECT choice FROM dues_agency_requests WHERE attorney_id = ? AND year = ?");
  st.bind(1, attorney_id).bind(2, year);
  if (st.step()) return st.col_text(0);
  if (!st.status().ok()) return st.status().error();
  return std::string();
}

Status set_attorney_choice(store::Db& db, int64_t attorney_id, int year, const std::string& choice) {
  auto r = db.prepare("INSERT INTO dues_agency_requests(attorney_id, year, choice, chosen_at) "
                      "VALUES (?,?,?,?) ON CONFLICT(attorney_id, year) DO UPDATE SET "
                      "choice = excluded.choice, chosen_at = excluded.chosen_at")
               .bind(1, attorney_id)
               .bind(2, year)
               .bind(3, choice)
               .bind(4, store::utc_now_iso())
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

}  // namespace md::dues
