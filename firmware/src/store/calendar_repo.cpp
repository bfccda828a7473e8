#include "store/calendar_repo.h"

namespace md::store {

Result<domain::WorkCalendar> CalendarRepo::load() {
  domain::WorkCalendar cal;
  auto st = db_.prepare("SELECT day, kind FROM calendar_days");
  while (st.step()) {
    auto d = domain::parse_iso_date(st.col_text(0));
    if (!d) continue;
    if (st.col_text(1) == "holiday") cal.add_holiday(*d);
    else cal.add_workday(*d);
  }
  if (!st.status().ok()) return st.status().error();
  return cal;
}

Result<std::vector<CalendarDay>> CalendarRepo::year(int year) {
  auto st = db_.prepare("SELECT day, kind, name FROM calendar_days WHERE day LIKE ? ORDER BY day");
  st.bind(1, std::to_string(year) + "-%");
  std::vector<CalendarDay> out;
  while (st.step()) out.push_back({st.col_text(0), st.col_text(1), st.col_text(2)});
  if (!st.status().ok()) return st.status().error();
  return out;
}

Status CalendarRepo::put(const CalendarDay& d) {
  auto r = db_.prepare(
                  "INSERT INTO calendar_days(day, kind, name) VALUES (?,?,?) "
                  "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name")
               .bind(1, d.day)
               .bind(2, d.kind)
               .bind(3, d.name)
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Result<bool> CalendarRepo::remove(const std::string& day) {
  auto r = db_.prepare("DELETE FROM calendar_days WHERE day = ?").bind(1, day).exec();
  if (!r.ok()) return r.error();
  return *r > 0;
}

}  // namespace md::store
