// 工作日: the association answers within 5 working days. Weekends are rest days unless the
// State Council's calendar makes one a working day (调休上班); listed holidays are rest days.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace md::domain {

using Date = std::chrono::year_month_day;

std::optional<Date> parse_iso_date(std::string_view s);  // "YYYY-MM-DD", a real date
std::string format_iso_date(Date d);

class WorkCalendar {
 public:
  // A year's calendar counts as entered once it lists at least one holiday.
  void add_holiday(Date d) {
    holidays_.insert(std::chrono::sys_days(d));
    years_.insert(static_cast<int>(d.year()));
  }
  void add_workday(Date d) { workdays_.insert(std::chrono::sys_days(d)); }
  bool is_working_day(Date d) const;
  // The date `n` working days after `from` (from itself never counts), n >= 1.
  Date add_working_days(Date from, int n) const;
  bool has_year(int year) const { return years_.count(year) > 0; }

 private:
  std::set<int> years_;
  std::set<std::chrono::sys_days> holidays_;
  std::set<std::chrono::sys_days> workdays_;
};

// The years whose holiday calendar staff must enter now: this year when it has none, and from
// 1 December on next year when it has none (due dates in January are then counted over it).
std::vector<int> missing_calendar_years(const WorkCalendar& cal, Date today);

// A due date counted from `from` (exclusive) to `due` is an estimate when a year it runs through
// has no calendar: its holidays and make-up working days are unknown, so only weekends counted.
bool is_estimated_due_date(const WorkCalendar& cal, Date from, Date due);

// zh-CN warning for staff naming the missing years ("" when none is missing).
std::string missing_calendar_message(const std::vector<int>& years);

}  // namespace md::domain
