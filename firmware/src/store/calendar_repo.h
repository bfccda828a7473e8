// The working-day calendar staff edit: holidays and make-up working days (调休上班).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/working_days.h"
#include "store/db.h"

namespace md::store {

struct CalendarDay {
  std::string day;   // YYYY-MM-DD
  std::string kind;  // holiday / workday
  std::string name;
};

class CalendarRepo {
 public:
  explicit CalendarRepo(Db& db) : db_(db) {}
  Result<domain::WorkCalendar> load();
  Result<std::vector<CalendarDay>> year(int year);
  Status put(const CalendarDay& d);
  Result<bool> remove(const std::string& day);  // false: there was no such day

 private:
  Db& db_;
};

}  // namespace md::store
