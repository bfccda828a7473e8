#include "domain/dues_history.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace md::domain {
namespace {

// Lower is shown first.
int rank(const std::string& status) {
  if (status == "paid") return 0;
  if (status == "awaiting_payment" || status == "reduction_pending") return 1;
  return 2;
}

bool better(const DuesHistoryEntry& a, const DuesHistoryEntry& b) {
  if (rank(a.status) != rank(b.status)) return rank(a.status) < rank(b.status);
  return std::tie(a.created_at, a.order_id) > std::tie(b.created_at, b.order_id);
}

}  // namespace

std::vector<DuesHistoryEntry> one_per_member_year(std::vector<DuesHistoryEntry> entries) {
  std::map<std::pair<int64_t, int>, DuesHistoryEntry> best;
  for (auto& e : entries) {
    auto key = std::make_pair(e.member_id, e.year);
    auto it = best.find(key);
    if (it == best.end())
      best.emplace(key, std::move(e));
    else if (better(e, it->second))
      it->second = std::move(e);
  }
  std::vector<DuesHistoryEntry> out;
  out.reserve(best.size());
  for (auto& [key, e] : best) out.push_back(std::move(e));
  std::sort(out.begin(), out.end(), [](const DuesHistoryEntry& a, const DuesHistoryEntry& b) {
    return std::tie(b.year, a.member_login, a.member_id) < std::tie(a.year, b.member_login, b.member_id);
  });
  return out;
}

bool receipt_visible(int64_t viewer_id, int64_t payer_id, int64_t payer_agency_id,
                     bool viewer_holds_item) {
  return viewer_id > 0 &&
         (payer_id == viewer_id || viewer_holds_item || payer_agency_id == viewer_id);
}

}  // namespace md::domain
