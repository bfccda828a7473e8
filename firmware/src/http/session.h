// Server-side sessions: random ids handed out as HttpOnly cookies, each with its CSRF token,
// idle and absolute expiry. Kept in memory: a restart logs everybody out, which a kiosk wants.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace md::http {

using Clock = std::chrono::steady_clock;

struct Session {
  std::string id;
  std::string csrf;
  int64_t account_id = 0;
  bool staff = false;
  std::string login_id;
  std::string name;
  std::string role;         // staff role code
  int64_t member_id = 0;    // members only
  std::string member_type;  // members only
  bool must_change_password = false;
  Clock::time_point created;
  Clock::time_point last_seen;
};

struct SessionLimits {
  std::chrono::seconds idle{1800};
  std::chrono::seconds absolute{43200};
  size_t max_per_account = 10;  // a further login ends the account's oldest session
  size_t max_total = 1000;      // a further login ends the oldest session of all
};

class SessionStore {
 public:
  explicit SessionStore(SessionLimits limits) : limits_(limits) {}
  // Stores a new session (id and csrf are filled in here) and returns it. Expired sessions go
  // first; then, at a cap, the oldest (by login time) of the account, or of all, makes room.
  Session create(Session s, Clock::time_point now);
  // The live session for this id, touching its idle timer; nullopt if unknown or expired.
  std::optional<Session> touch(const std::string& id, Clock::time_point now);
  void update(const Session& s);
  void remove(const std::string& id);
  // Ends every session of an account except `keep_id` (after a password change).
  void remove_account(int64_t account_id, const std::string& keep_id);
  void sweep(Clock::time_point now);
  std::chrono::seconds idle_limit() const { return limits_.idle; }
  size_t size();

 private:
  bool expired(const Session& s, Clock::time_point now) const;
  // REQUIRES: mu_ held. Removes the oldest session for which `pick` is true.
  template <typename Pick>
  void remove_oldest(Pick pick);
  SessionLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Session> sessions_;
};

// 32 random bytes as lower-case hex (libsodium's CSPRNG).
std::string random_token();

}  // namespace md::http
