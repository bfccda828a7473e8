// 会员证信息修改申请 as stored: requests with the values before and after, and staff decisions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct CertChangeRequest {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string before_json, after_json;  // {"name":…, "qualification_no":…} of the changed keys
  std::string note;
  std::string status;  // pending | approved | rejected | cancelled
  std::string created_at;
  std::optional<std::string> decided_at, decided_by, decision_reason;
  // The member, for staff lists.
  std::string member_type, member_login, member_name;
  std::optional<std::string> member_no;
};

struct CertChangePage {
  int64_t total = 0;
  std::vector<CertChangeRequest> items;
};

class CertChangeRepo {
 public:
  explicit CertChangeRepo(Db& db) : db_(db) {}
  // kConflict already_pending when the member has a pending request.
  Result<int64_t> create(int64_t member_id, const std::string& before_json,
                         const std::string& after_json, const std::string& note);
  Result<std::optional<CertChangeRequest>> find(int64_t id);
  // The member's requests, newest first, at most `limit`.
  Result<std::vector<CertChangeRequest>> for_member(int64_t member_id, int limit);
  // Oldest first for pending (a queue), newest first otherwise; status "" = all.
  Result<CertChangePage> list(const std::string& status, int page, int page_size);
  // Moves a pending request to `status`; false when it was not pending any more.
  Result<bool> decide(int64_t id, const std::string& status, const std::string& by,
                      const std::optional<std::string>& decision_reason);
  // Whether `qualification_no` is already another member's: an attorney's login id, or the
  // 资格证号 of a non-practising member's profile.
  Result<bool> qualification_taken(const std::string& qualification_no, int64_t except_member);

 private:
  Db& db_;
};

}  // namespace md::store
