// 会员资料 as stored: the member's profile (members.profile_json, the approved application's
// fields) and the self-edits made to it, read back from the audit log (action profile.edit).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

// One saved edit: when, and the changed keys' values before and after (JSON objects as text).
struct ProfileChange {
  std::string at;
  std::string actor;
  std::string before_json;
  std::string after_json;
};

inline constexpr const char* kProfileEditAction = "profile.edit";

class ProfileRepo {
 public:
  explicit ProfileRepo(Db& db) : db_(db) {}
  // The stored profile JSON text; nullopt when the member has none (never approved) or is absent.
  Result<std::optional<std::string>> profile_json(int64_t member_id);
  Status save_profile_json(int64_t member_id, const std::string& json);
  // The member's self-edits, newest first, at most `limit`.
  Result<std::vector<ProfileChange>> changes(int64_t member_id, int limit);

 private:
  Db& db_;
};

}  // namespace md::store
