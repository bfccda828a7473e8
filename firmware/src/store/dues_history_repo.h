// 会费缴纳信息: read-only queries over the dues orders (order_repo.h owns them) that list, per
// member, every order item with its order — the rows domain/dues_history.h narrows to one per
// year — and an agency's attorneys for the filter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/dues_history.h"
#include "domain/money.h"
#include "store/db.h"

namespace md::store {

struct DuesHistoryRow {
  domain::DuesHistoryEntry entry;  // member, year, order id, status, created_at
  std::string member_name, member_type, fee_class;
  domain::Fen amount_fen = 0;  // this member's item
  std::string order_no;        // 申报系统单号
  std::optional<std::string> paid_at, paid_method;
  int64_t payer_id = 0;
  std::string payer_name;
  int64_t payer_agency_id = 0;  // the payer's 执业机构 (0: none)
};

struct HistoryAttorney {
  int64_t member_id = 0;
  std::string login_id, name;
};

class DuesHistoryRepo {
 public:
  explicit DuesHistoryRepo(Db& db) : db_(db) {}

  // Every order item of one member (member_id), or of the attorneys whose 执业机构 is agency_id
  // (optionally only member_id among them). REQUIRES: member_id or agency_id is not 0.
  Result<std::vector<DuesHistoryRow>> rows(int64_t member_id, int64_t agency_id);
  // The attorneys whose 执业机构 is the agency, by 资格证号.
  Result<std::vector<HistoryAttorney>> attorneys_of(int64_t agency_id);

 private:
  Db& db_;
};

}  // namespace md::store
