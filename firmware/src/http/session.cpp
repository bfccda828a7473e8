#include "http/session.h"

#include <sodium.h>

namespace md::http {

std::string random_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool SessionStore::expired(const Session& s, Clock::time_point now) const {
  return now - s.last_seen > limits_.idle || now - s.created > limits_.absolute;
}

template <typename Pick>
void SessionStore::remove_oldest(Pick pick) {
  auto oldest = sessions_.end();
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
    if (pick(it->second) &&
        (oldest == sessions_.end() || it->second.created < oldest->second.created))
      oldest = it;
  if (oldest != sessions_.end()) sessions_.erase(oldest);
}

Session SessionStore::create(Session s, Clock::time_point now) {
  s.id = random_token();
  s.csrf = random_token();
  s.created = s.last_seen = now;
  std::lock_guard lock(mu_);
  // The caps bound memory whatever the login rate (a session flood, issue 11).
  if (sessions_.size() >= limits_.max_total)
    std::erase_if(sessions_, [&](const auto& item) { return expired(item.second, now); });
  size_t own = 0;
  for (const auto& [id, other] : sessions_) own += other.account_id == s.account_id;
  for (; own >= limits_.max_per_account && own > 0; --own)
    remove_oldest([&](const Session& o) { return o.account_id == s.account_id; });
  while (!sessions_.empty() && sessions_.size() >= limits_.max_total)
    remove_oldest([](const Session&) { return true; });
  sessions_[s.id] = s;
  return s;
}

size_t SessionStore::size() {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::optional<Session> SessionStore::touch(const std::string& id, Clock::time_point now) {
  if (id.empty()) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::update(const Session& s) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(s.id);
  if (it != sessions_.end()) it->second = s;
}

void SessionStore::remove(const std::string& id) {
  std::lock_guard lock(mu_);
  sessions_.erase(id);
}

void SessionStore::remove_account(int64_t account_id, const std::string& keep_id) {
  std::lock_guard lock(mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.account_id == account_id && it->first != keep_id)
      it = sessions_.erase(it);
    else
      ++it;
  }
}

void SessionStore::sweep(Clock::time_point now) {
  std::lock_guard lock(mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (expired(it->second, now))
      it = sessions_.erase(it);
    else
      ++it;
  }
}

}  // namespace md::http
