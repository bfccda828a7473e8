#include "store/fee_repo.h"

#include "store/directory_cache.h"

namespace md::store {

Result<std::vector<DuesYear>> FeeRepo::years() {
  std::vector<DuesYear> out;
  auto st = db_.prepare("SELECT year, window_start, window_end FROM dues_years ORDER BY year");
  while (st.step())
    out.push_back({static_cast<int>(st.col_int(0)), st.col_text(1), st.col_text(2), {}});
  if (!st.status().ok()) return st.status().error();
  for (auto& y : out) {
    auto fees = db_.prepare("SELECT fee_class, amount_fen FROM fee_schedule WHERE year = ?");
    fees.bind(1, y.year);
    while (fees.step())
      if (auto c = domain::fee_class_from_code(fees.col_text(0))) y.fees[*c] = fees.col_int(1);
    if (!fees.status().ok()) return fees.status().error();
  }
  return out;
}

Result<std::optional<DuesYear>> FeeRepo::year(int year) {
  auto all = years();
  if (!all.ok()) return all.error();
  for (auto& y : *all)
    if (y.year == year) return std::optional<DuesYear>(y);
  return std::optional<DuesYear>();
}

Status FeeRepo::put_year(const DuesYear& y) {
  MD_TRY(db_.prepare("INSERT INTO dues_years(year, window_start, window_end) VALUES (?,?,?) "
                     "ON CONFLICT(year) DO UPDATE SET window_start = excluded.window_start, "
                     "window_end = excluded.window_end")
             .bind(1, y.year)
             .bind(2, y.window_start)
             .bind(3, y.window_end)
             .exec());
  for (const auto& [fee_class, amount] : y.fees)
    MD_TRY(db_.prepare("INSERT INTO fee_schedule(year, fee_class, amount_fen) VALUES (?,?,?) "
                       "ON CONFLICT(year, fee_class) DO UPDATE SET amount_fen = excluded.amount_fen")
               .bind(1, y.year)
               .bind(2, domain::to_code(fee_class))
               .bind(3, amount)
               .exec());
  return Status::success();
}

Result<std::optional<domain::AgencyTier>> FeeRepo::tier_of(int64_t member_id) {
  auto st = db_.prepare("SELECT tier FROM members WHERE id = ?");
  st.bind(1, member_id);
  if (st.step()) return domain::agency_tier_from_code(st.col_text(0));
  if (!st.status().ok()) return st.status().error();
  return std::optional<domain::AgencyTier>();
}

Status FeeRepo::set_tier(int64_t member_id, domain::AgencyTier tier) {
  auto r = db_.prepare("UPDATE members SET tier = ?, updated_at = ? WHERE id = ?")
               .bind(1, domain::to_code(tier))
               .bind(2, utc_now_iso())
               .bind(3, member_id)
               .exec();
  if (!r.ok()) return r.error();
  if (*r == 0) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return Status::success();
}

Result<std::map<std::string, std::string>> FeeRepo::settings() {
  std::map<std::string, std::string> out;
  auto st = db_.prepare("SELECT key, value FROM settings");
  while (st.step()) out[st.col_text(0)] = st.col_text(1);
  if (!st.status().ok()) return st.status().error();
  return out;
}

Status FeeRepo::put_setting(const std::string& key, const std::string& value, const std::string& by) {
  auto r = db_.prepare("INSERT INTO settings(key, value, updated_at, updated_by) VALUES (?,?,?,?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                       "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
               .bind(1, key)
               .bind(2, value)
               .bind(3, utc_now_iso())
               .bind(4, by)
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Status seed_dues(Db& db) {
  FeeRepo repo(db);
  const int this_year = std::stoi(today_shanghai().substr(0, 4));
  for (int year : {this_year, this_year + 1}) {
    DuesYear y{year, std::to_string(year) + "-01-01", std::to_string(year) + "-12-31", {}};
    for (auto c : domain::kAllFeeClasses) y.fees[c] = domain::standard_fee(c);
    MD_TRY(repo.put_year(y));
  }
  const std::pair<const char*, const char*> bank[] = {
      {"bank_account_name", "中华全国专利代理师协会"},
      {"bank_name", "（请财务人员在“收款账户设置”中填写开户银行）"},
      {"bank_account_no", "（请财务人员填写账号）"},
      {"bank_note", "汇款时请务必在附言（用途）栏填写申报系统单号，以便协会核对入账。"},
  };
  for (const auto& [k, v] : bank) MD_TRY(repo.put_setting(k, v, "system"));
  return Status::success();
}

}  // namespace md::store
