// 退会申请: members' withdrawal requests and staff decisions on them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct WithdrawalRequest {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string reason;  // the member's, may be empty
  std::string status;  // domain::WithdrawalStatus code
  std::string created_at;
  std::optional<std::string> decided_at, decided_by, decision_reason;
  // The member, for staff lists.
  std::string member_type, member_login, member_name;
  std::optional<std::string> member_no;
};

struct WithdrawalPage {
  int64_t total = 0;
  std::vector<WithdrawalRequest> items;
};

class WithdrawalRepo {
 public:
  explicit WithdrawalRepo(Db& db) : db_(db) {}
  // kConflict already_pending when the member has a pending request (the unique index).
  Result<int64_t> create(int64_t member_id, const std::string& reason);
  Result<std::optional<WithdrawalRequest>> find(int64_t id);
  // The member's newest request of any status.
  Result<std::optional<WithdrawalRequest>> latest_for(int64_t member_id);
  // Oldest first for pending (a queue), newest first otherwise; status "" = all.
  Result<WithdrawalPage> list(const std::string& status, int page, int page_size);
  // Moves a pending request to `status`; false when it was not pending any more.
  Result<bool> decide(int64_t id, const std::string& status, const std::string& by,
                      const std::optional<std::string>& decision_reason);

 private:
  Db& db_;
};

}  // namespace md::store
