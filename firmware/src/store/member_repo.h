// Members of all four types: the roster's agencies and attorneys and the approved others.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct Member {
  int64_t id = 0;
  std::string type;  // domain::MemberType code
  std::string login_id;
  std::string name;
  std::string status = "roster";  // domain::MemberStatus code
  std::optional<std::string> member_no;
  std::optional<std::string> valid_until;
  std::optional<int64_t> agency_id;
  std::optional<std::string> uscc;
  std::optional<std::string> practice_no;
};

// What an upsert did, so a re-import can report "nothing changed".
enum class UpsertOutcome { kCreated, kUpdated, kUnchanged };

class MemberRepo {
 public:
  explicit MemberRepo(Db& db) : db_(db) {}

  Result<std::optional<Member>> find(int64_t id);
  Result<std::optional<Member>> find_by_login(const std::string& login_id);
  // Inserts a member with every field given (demo data, approvals); returns its id.
  Result<int64_t> insert(const Member& m);
  // Roster upsert keyed by login id (机构代码 / 资格证号): name, agency link, uscc and practice
  // number follow the roster; status, member number and validity are never touched.
  Result<UpsertOutcome> upsert_roster(const Member& m, int64_t* id_out);
  // Calls `row` for each member that may appear in the directory (active, with a number).
  Status for_each_listed(
      const std::function<void(const std::string& name, const std::string& member_no,
                               const std::string& type, const std::string& valid_until)>& row);
  Result<int64_t> directory_revision();

  // Approval of an application: the member's name, number, profile and status change together.
  Status approve(int64_t id, const std::string& name, const std::string& member_no,
                 const std::string& profile_json, const std::optional<std::string>& uscc,
                 const std::optional<std::string>& practice_no);
  Status set_status(int64_t id, const std::string& status);
  // An approved 会员证信息修改申请: the member's name and login id (an attorney's 资格证号).
  // kConflict login_taken when another member holds that login id.
  Status rename(int64_t id, const std::string& name, const std::string& login_id);
  // The largest member number starting with `prefix` (e.g. "P2026"), "" when none.
  Result<std::string> highest_member_no(const std::string& prefix);
  // The agency's name for an attorney's agency link.
  Result<std::optional<std::string>> name_of(int64_t id);

 private:
  Db& db_;
};

}  // namespace md::store
