// 工作日: due dates follow the State Council's 2026 calendar (调休上班 weekends count, holidays
// do not). The calendar comes from a migrated database, as the daemon loads it.
#include <doctest/doctest.h>

#include <string>

#include "domain/working_days.h"
#include "store/calendar_repo.h"
#include "store/migrations.h"
#include "test_db.h"

using md::domain::format_iso_date;
using md::domain::parse_iso_date;
using md::domain::WorkCalendar;

namespace {

WorkCalendar calendar_2026() {
  TempDir dir;
  auto db = open_db(dir.path + "/md.db");
  REQUIRE(db);
  REQUIRE(md::store::migrate(*db, dir.path + "/backups").ok());
  auto cal = md::store::CalendarRepo(*db).load();
  REQUIRE(cal.ok());
  return *cal;
}

std::string plus(const WorkCalendar& cal, const std::string& from, int n) {
  auto d = parse_iso_date(from);
  REQUIRE(d);
  return format_iso_date(cal.add_working_days(*d, n));
}

bool working(const WorkCalendar& cal, const std::string& day) {
  auto d = parse_iso_date(day);
  REQUIRE(d);
  return cal.is_working_day(*d);
}

}  // namespace

TEST_CASE("five working days after Fri 2026-09-18 count the make-up Sunday 2026-09-20") {
  const auto cal = calendar_2026();
  CHECK(working(cal, "2026-09-20"));        // Sunday, 国庆节调休上班
  CHECK_FALSE(working(cal, "2026-09-19"));  // plain Saturday
  // 09-20 (Sun, workday), 21, 22, 23, 24 → Thursday 2026-09-24 (Fri 09-25 is 中秋节).
  CHECK(plus(cal, "2026-09-18", 5) == "2026-09-24");
  CHECK(plus(cal, "2026-09-18", 1) == "2026-09-20");
  // Across 中秋 (09-25..27): 6 after 09-18 is Mon 09-28.
  CHECK(plus(cal, "2026-09-18", 6) == "2026-09-28");
}

TEST_CASE("five working days across 国庆 2026 land on 2026-10-13") {
  const auto cal = calendar_2026();
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-07"}) {
    CAPTURE(d);
    CHECK_FALSE(working(cal, d));
  }
  CHECK(working(cal, "2026-10-10"));        // Saturday, 调休上班
  CHECK_FALSE(working(cal, "2026-10-11"));  // Sunday
  // 10-08 (1), 10-09 (2), 10-10 Sat (3), 10-12 (4), 10-13 (5).
  CHECK(plus(cal, "2026-09-30", 5) == "2026-10-13");
  CHECK(plus(cal, "2026-09-30", 1) == "2026-10-08");
  CHECK(plus(cal, "2026-09-30", 3) == "2026-10-10");
}

TEST_CASE("five working days across 春节 2026 skip 02-15 to 02-23") {
  const auto cal = calendar_2026();
  CHECK(working(cal, "2026-02-14"));  // Saturday, 春节调休上班
  CHECK_FALSE(working(cal, "2026-02-16"));
  CHECK_FALSE(working(cal, "2026-02-23"));  // Monday, holiday
  // Thu 02-12: 02-13 (1), 02-14 Sat (2), 02-24 (3), 02-25 (4), 02-26 (5).
  CHECK(plus(cal, "2026-02-12", 5) == "2026-02-26");
  CHECK(working(cal, "2026-02-28"));  // Saturday, 调休上班
}

TEST_CASE("five working days in a plain week are the same weekday next week") {
  const auto cal = calendar_2026();
  CHECK(plus(cal, "2026-03-02", 5) == "2026-03-09");  // Monday → Monday
  CHECK(plus(cal, "2026-03-06", 5) == "2026-03-13");  // Friday → Friday
  CHECK(plus(cal, "2026-03-07", 5) == "2026-03-13");  // Saturday → Friday (from never counts)
  // The start day itself never counts, even when it is a working day.
  CHECK(plus(cal, "2026-03-03", 1) == "2026-03-04");
}

TEST_CASE("an empty calendar only skips weekends") {
  WorkCalendar cal;
  CHECK(plus(cal, "2026-10-01", 5) == "2026-10-08");
  CHECK_FALSE(working(cal, "2026-10-03"));
  CHECK(working(cal, "2026-10-01"));
  cal.add_holiday(*parse_iso_date("2026-10-02"));
  CHECK(plus(cal, "2026-10-01", 5) == "2026-10-09");
  cal.add_workday(*parse_iso_date("2026-10-03"));
  CHECK(plus(cal, "2026-10-01", 5) == "2026-10-08");
}

TEST_CASE("parse_iso_date accepts real dates only") {
  CHECK_FALSE(parse_iso_date("2026-02-30"));
  CHECK_FALSE(parse_iso_date("2026-02-29"));  // 2026 is not a leap year
  CHECK(parse_iso_date("2028-02-29"));
  CHECK_FALSE(parse_iso_date("2026-13-01"));
  CHECK_FALSE(parse_iso_date("2026-00-10"));
  CHECK_FALSE(parse_iso_date("2026-1-1"));
  CHECK_FALSE(parse_iso_date("2026/01/01"));
  CHECK_FALSE(parse_iso_date(""));
  CHECK_FALSE(parse_iso_date("2026-01-01 "));
  CHECK_FALSE(parse_iso_date("abcd-ef-gh"));
  auto d = parse_iso_date("2026-09-18");
  REQUIRE(d);
  CHECK(format_iso_date(*d) == "2026-09-18");
}

namespace {
md::domain::Date day(const char* iso) {
  auto d = parse_iso_date(iso);
  REQUIRE(d);
  return *d;
}
}  // namespace

TEST_CASE("a year counts as entered once it lists a holiday") {
  WorkCalendar cal;
  cal.add_workday(day("2027-02-07"));
  CHECK_FALSE(cal.has_year(2027));
  cal.add_holiday(day("2027-01-01"));
  CHECK(cal.has_year(2027));
  CHECK(calendar_2026().has_year(2026));
  CHECK_FALSE(calendar_2026().has_year(2027));
}

TEST_CASE("next year's calendar is missing from 1 December on") {
  const WorkCalendar cal = calendar_2026();
  using md::domain::missing_calendar_years;
  CHECK(missing_calendar_years(cal, day("2026-11-30")).empty());
  CHECK(missing_calendar_years(cal, day("2026-12-01")) == std::vector<int>{2027});
  CHECK(missing_calendar_years(cal, day("2026-12-31")) == std::vector<int>{2027});
  WorkCalendar with_2027 = cal;
  with_2027.add_holiday(day("2027-01-01"));
  CHECK(missing_calendar_years(with_2027, day("2026-12-04")).empty());
  // In January 2027 without its calendar this year is missing (next year is not asked yet).
  CHECK(missing_calendar_years(cal, day("2027-01-05")) == std::vector<int>{2027});
  CHECK(missing_calendar_years(WorkCalendar{}, day("2026-12-04")) == std::vector<int>{2026, 2027});
}

TEST_CASE("the missing years are named in the warning") {
  using md::domain::missing_calendar_message;
  CHECK(missing_calendar_message({}).empty());
  const std::string m = missing_calendar_message({2027});
  CHECK(m.find("2027年的节假日日历尚未录入") == 0);
  CHECK(missing_calendar_message({2026, 2027}).find("2026年、2027年") == 0);
}

TEST_CASE("a due date running into a year without a calendar is estimated") {
  const WorkCalendar cal = calendar_2026();
  using md::domain::is_estimated_due_date;
  CHECK_FALSE(is_estimated_due_date(cal, day("2026-12-04"), day("2026-12-11")));
  CHECK(is_estimated_due_date(cal, day("2026-12-28"), day("2027-01-04")));
  // Counting starts the day after: from 2026-12-31 every counted day is in 2027.
  CHECK(is_estimated_due_date(cal, day("2026-12-31"), day("2027-01-07")));
  WorkCalendar with_2027 = cal;
  with_2027.add_holiday(day("2027-01-01"));
  CHECK_FALSE(is_estimated_due_date(with_2027, day("2026-12-28"), day("2027-01-05")));
  // A year before the first entered one counts as unknown too.
  CHECK(is_estimated_due_date(cal, day("2025-12-29"), day("2026-01-06")));
}
