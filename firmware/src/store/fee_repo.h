// The fee schedule (dues_years + fee_schedule), agencies' tiers, and staff settings (bank
// details). Written by finance; read by every dues screen.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/fees.h"
#include "store/db.h"

namespace md::store {

struct DuesYear {
  int year = 0;
  std::string window_start;  // YYYY-MM-DD
  std::string window_end;
  domain::FeeTable fees;
};

class FeeRepo {
 public:
  explicit FeeRepo(Db& db) : db_(db) {}
  Result<std::vector<DuesYear>> years();  // ascending
  Result<std::optional<DuesYear>> year(int year);
  // Creates or replaces the year's window and every class's fee.
  Status put_year(const DuesYear& y);

  Result<std::optional<domain::AgencyTier>> tier_of(int64_t member_id);
  Status set_tier(int64_t member_id, domain::AgencyTier tier);

  // Settings by key ("" when unset).
  Result<std::map<std::string, std::string>> settings();
  Status put_setting(const std::string& key, const std::string& value, const std::string& by);

 private:
  Db& db_;
};

// Seeds the current and the next year with the published standard and a whole-year window,
// and the bank-detail settings with placeholders staff must replace (migration v4).
Status seed_dues(Db& db);

}  // namespace md::store
