// 培训班 (training classes), 报名信息 (registrations) and 成绩查询 (exam scores): the rules with no
// I/O — a class's fields, and the checking of the two CSV files staff import for a class.
//
// 报名 CSV header: 资格证号,姓名,报名日期,报名状态
// 成绩 CSV header: 资格证号,姓名,成绩,考试结果,考试日期
//   (columns in any order; UTF-8, a header row; blank lines are skipped)
//
// 资格证号 must be an attorney's login id and 姓名 the name the association holds for it (the
// caller supplies the lookup, so these rules are tested without a database). A file is checked
// whole: every problem is reported with its line, in zh-CN, and a file with any problem is not
// imported at all.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace md::domain {

// ---------------------------------------------------------------------------------------------
// Training classes.

constexpr size_t kMaxClassNameChars = 100;
constexpr size_t kMaxClassPlaceChars = 100;
constexpr int kMaxClassHours = 1000;

struct TrainingClassFields {
  std::string name;
  std::string start_date;  // YYYY-MM-DD
  std::string end_date;
  std::string place;
  int hours = 0;  // 学时, a whole number 1…1000
};

// field → zh-CN message; empty when the fields are acceptable. Trims name and place in place.
std::map<std::string, std::string> validate_class(TrainingClassFields& f);

// ---------------------------------------------------------------------------------------------
// Registrations and scores.

enum class TrainingFile { kRegistrations, kScores };

enum class RegistrationStatus { kRegistered, kConfirmed, kCancelled };
std::optional<RegistrationStatus> registration_status_from_label(std::string_view zh);  // 已报名…
std::optional<RegistrationStatus> registration_status_from_code(std::string_view code);
const char* to_code(RegistrationStatus s);  // registered / confirmed / cancelled
const char* label(RegistrationStatus s);    // 已报名 / 已确认 / 已取消

// A score 0–100 with at most one decimal ("85", "85.5", "100.0"), as tenths (855); nullopt
// when it is not one.
std::optional<int> parse_score_tenths(std::string_view text);
std::string format_score(int tenths);  // 855 → "85.5", 900 → "90"

// What the association knows of a 资格证号: its member's type and name.
struct KnownMember {
  int64_t id = 0;
  std::string type;  // member type code
  std::string name;
};
using MemberLookup = std::function<std::optional<KnownMember>(const std::string& login_id)>;

struct TrainingRow {
  int line = 0;
  int64_t member_id = 0;
  std::string login_id;  // 资格证号, normalised
  std::string name;
  // registrations
  std::string registered_on;
  RegistrationStatus status = RegistrationStatus::kRegistered;
  // scores
  int score_tenths = 0;
  bool passed = false;
  std::string exam_date;
};

struct LineProblem {
  int line = 0;  // 1-based line of the file (the header is line 1); 0: the file as a whole
  std::string message;
};

struct TrainingCheck {
  std::vector<TrainingRow> rows;  // the good rows; import them only when problems is empty
  std::vector<LineProblem> problems;
};

constexpr size_t kMaxTrainingCsvBytes = 1 << 20;

const std::vector<std::string>& training_columns(TrainingFile kind);

// Parses and checks a whole file. REQUIRES: lookup answers for any login id.
TrainingCheck check_training_csv(TrainingFile kind, std::string_view csv,
                                 const MemberLookup& lookup);

}  // namespace md::domain
