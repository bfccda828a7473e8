#include "domain/working_days.h"

#include <cstdio>

namespace md::domain {

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  Date date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
            std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_iso_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

bool WorkCalendar::is_working_day(Date d) const {
  const std::chrono::sys_days day(d);
  if (workdays_.count(day)) return true;
  if (holidays_.count(day)) return false;
  const std::chrono::weekday wd(day);
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

Date WorkCalendar::add_working_days(Date from, int n) const {
  std::chrono::sys_days day(from);
  while (n > 0) {
    day += std::chrono::days(1);
    if (is_working_day(Date(day))) --n;
  }
  return Date(day);
}

}  // namespace md::domain
