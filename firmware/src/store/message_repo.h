// 会员消息: a member's own notices (each decision on their affairs) and notices staff publish to
// all members or to one member type, with per-member read marks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct MemberMessage {
  int64_t id = 0;
  std::string audience;  // member / all / type
  std::string title;
  std::string body;
  std::string created_at;
  bool unread = true;
};

class MessageRepo {
 public:
  explicit MessageRepo(Db& db) : db_(db) {}
  Result<int64_t> add_personal(int64_t member_id, const std::string& title, const std::string& body,
                               const std::string& by);
  // audience "all", or "type" with member_type set.
  Result<int64_t> add_notice(const std::string& audience, const std::optional<std::string>& member_type,
                             const std::string& title, const std::string& body, const std::string& by);
  // Everything this member may see, newest first.
  Result<std::vector<MemberMessage>> for_member(int64_t member_id, const std::string& member_type);
  // Marks read if the member may see it; false when the message is not theirs (or absent).
  Result<bool> mark_read(int64_t message_id, int64_t member_id, const std::string& member_type);

 private:
  Db& db_;
};

}  // namespace md::store
