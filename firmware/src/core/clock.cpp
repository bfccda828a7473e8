#include "core/clock.h"

#include <ctime>

namespace md::core {
namespace {
constexpr int64_t kShanghaiOffset = 8 * 3600;

std::string format_utc(int64_t t, const char* fmt) {
  const time_t tt = static_cast<time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  const size_t n = std::strftime(buf, sizeof buf, fmt, &tm);
  return std::string(buf, n);
}
}  // namespace

int64_t now_unix() { return static_cast<int64_t>(std::time(nullptr)); }

std::string unix_to_iso(int64_t t) { return format_utc(t, "%Y-%m-%dT%H:%M:%SZ"); }

std::optional<int64_t> iso_to_unix(std::string_view iso) {
  if (iso.size() != 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' ||
      iso[16] != ':' || iso[19] != 'Z')
    return std::nullopt;
  auto num = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(5, 2) - 1;
  tm.tm_mday = num(8, 2);
  tm.tm_hour = num(11, 2);
  tm.tm_min = num(14, 2);
  tm.tm_sec = num(17, 2);
  if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
      tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 ||
      tm.tm_sec > 60)
    return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

std::string unix_to_shanghai(int64_t t, const char* fmt) { return format_utc(t + kShanghaiOffset, fmt); }

std::string unix_to_rfc3339_shanghai(int64_t t) {
  return unix_to_shanghai(t, "%Y-%m-%dT%H:%M:%S") + "+08:00";
}

}  // namespace md::core
