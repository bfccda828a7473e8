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

std::vector<int> missing_calendar_years(const WorkCalendar& cal, Date today) {
  std::vector<int> out;
  const int year = static_cast<int>(today.year());
  if (!cal.has_year(year)) out.push_back(year);
  if (today.month() == std::chrono::December && !cal.has_year(year + 1)) out.push_back(year + 1);
  return out;
}

bool is_estimated_due_date(const WorkCalendar& cal, Date from, Date due) {
  const Date first(std::chrono::sys_days(from) + std::chrono::days(1));
  for (int y = static_cast<int>(first.year()); y <= static_cast<int>(due.year()); ++y)
    if (!cal.has_year(y)) return true;
  return false;
}

std::string missing_calendar_message(const std::vector<int>& years) {
  if (years.empty()) return "";
  std::string list;
  for (size_t i = 0; i < years.size(); ++i) list += (i ? "、" : "") + std::to_string(years[i]) + "年";
  return list + "的节假日日历尚未录入：请在“工作日历”中录入国务院公布的放假安排，"
                "在此之前审核期限按只排除周末估算。";
}

}  // namespace md::domain
