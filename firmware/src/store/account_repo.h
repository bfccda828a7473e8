// Accounts: member logins (one per member) and staff logins with roles.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

enum class AccountKind { kMember, kStaff };

struct Account {
  int64_t id = 0;
  AccountKind kind = AccountKind::kMember;
  std::string login_id;
  std::optional<std::string> password_hash;  // nullopt: default password (= login id)
  std::optional<int64_t> member_id;
  std::string name;  // staff display name, or the member's name
  std::string role;  // staff role code; empty for members
  std::optional<std::string> member_type;  // members only
  bool disabled = false;
};

class AccountRepo {
 public:
  explicit AccountRepo(Db& db) : db_(db) {}
  Result<std::optional<Account>> find(AccountKind kind, const std::string& login_id);
  Result<std::optional<Account>> find_by_id(int64_t id);
  Status set_password_hash(int64_t account_id, const std::optional<std::string>& hash);
  // The member account's login id follows the member's (an approved 资格证号 change). Returns
  // the account id, nullopt when the member has no account.
  Result<std::optional<int64_t>> set_member_login(int64_t member_id, const std::string& login_id);
  // A staff account; fails with kConflict if the login id is taken.
  Result<int64_t> create_staff(const std::string& login_id, const std::string& name,
                               const std::string& role, const std::string& hash);
  // The login of a member; default password until the member sets one. No-op if it exists.
  Status ensure_member_login(int64_t member_id, const std::string& login_id);

 private:
  Db& db_;
};

}  // namespace md::store
