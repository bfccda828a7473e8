#include "store/message_repo.h"

namespace md::store {
namespace {

// Visibility in one place: the member's own, every member's, or their type's.
constexpr const char* kVisible =
    "(m.audience = 'all' OR (m.audience = 'member' AND m.member_id = ?1) "
    "OR (m.audience = 'type' AND m.member_type = ?2))";

}  // namespace

Result<int64_t> MessageRepo::add_personal(int64_t member_id, const std::string& title,
                                          const std::string& body, const std::string& by) {
  auto r = db_.prepare(
                  "INSERT INTO messages(audience, member_id, title, body, created_at, created_by) "
                  "VALUES ('member', ?, ?, ?, ?, ?)")
               .bind(1, member_id)
               .bind(2, title)
               .bind(3, body)
               .bind(4, utc_now_iso())
               .bind(5, by)
               .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<int64_t> MessageRepo::add_notice(const std::string& audience,
                                        const std::optional<std::string>& member_type,
                                        const std::string& title, const std::string& body,
                                        const std::string& by) {
  auto r = db_.prepare(
                  "INSERT INTO messages(audience, member_type, title, body, created_at, created_by) "
                  "VALUES (?, ?, ?, ?, ?, ?)")
               .bind(1, audience)
               .bind(2, member_type)
               .bind(3, title)
               .bind(4, body)
               .bind(5, utc_now_iso())
               .bind(6, by)
               .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Result<std::vector<MemberMessage>> MessageRepo::for_member(int64_t member_id,
                                                           const std::string& member_type) {
  auto st = db_.prepare(std::string(
                            "SELECT m.id, m.audience, m.title, m.body, m.created_at, "
                            "r.message_id IS NULL FROM messages m LEFT JOIN message_reads r "
                            "ON r.message_id = m.id AND r.member_id = ?1 WHERE ") +
                        kVisible + " ORDER BY m.id DESC LIMIT 200");
  st.bind(1, member_id).bind(2, member_type);
  std::vector<MemberMessage> out;
  while (st.step())
    out.push_back({st.col_int(0), st.col_text(1), st.col_text(2), st.col_text(3), st.col_text(4),
                   st.col_int(5) != 0});
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<bool> MessageRepo::mark_read(int64_t message_id, int64_t member_id,
                                    const std::string& member_type) {
  bool visible = false;
  {
    // Scoped so the read is reset before the write: a statement left open would hold a read
    // snapshot, and SQLite refuses (SQLITE_BUSY_SNAPSHOT) to upgrade it once another
    // connection (the SMS sender) has written meanwhile.
    auto st = db_.prepare(std::string("SELECT 1 FROM messages m WHERE m.id = ?3 AND ") + kVisible);
    st.bind(1, member_id).bind(2, member_type).bind(3, message_id);
    visible = st.step();
    if (!st.status().ok()) return st.status().error();
  }
  if (!visible) return false;
  auto r = db_.prepare(
                  "INSERT OR IGNORE INTO message_reads(message_id, member_id, read_at) "
                  "VALUES (?, ?, ?)")
               .bind(1, message_id)
               .bind(2, member_id)
               .bind(3, utc_now_iso())
               .exec();
  if (!r.ok()) return r.error();
  return true;
}

}  // namespace md::store
