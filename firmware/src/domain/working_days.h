// 工作日: the association answers within 5 working days. Weekends are rest days unless the
// State Council's calendar makes one a working day (调休上班); listed holidays are rest days.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace md::domain {

using Date = std::chrono::year_month_day;

std::optional<Date> parse_iso_date(std::string_view s);  // "YYYY-MM-DD", a real date
std::string format_iso_date(Date d);

class WorkCalendar {
 public:
  void add_holiday(Date d) { holidays_.insert(std::chrono::sys_days(d)); }
  void add_workday(Date d) { workdays_.insert(std::chrono::sys_days(d)); }
  bool is_working_day(Date d) const;
  // The date `n` working days after `from` (from itself never counts), n >= 1.
  Date add_working_days(Date from, int n) const;

 private:
  std::set<std::chrono::sys_days> holidays_;
  std::set<std::chrono::sys_days> workdays_;
};

}  // namespace md::domain
