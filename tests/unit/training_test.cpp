// 报名 / 成绩 CSV rows and 培训班 fields (domain/training.h), without a database: the member
// lookup is a map.
#include <doctest/doctest.h>

#include <map>

#include "domain/training.h"

using namespace md::domain;

namespace {

MemberLookup roster() {
  static const std::map<std::string, KnownMember> known = {
      {"1100001", {11, "attorney", "张伟"}},
      {"1100002", {12, "attorney", "王芳"}},
      {"11001", {1, "agency", "北京智诚专利代理事务所（普通合伙）"}},
  };
  return [](const std::string& login) -> std::optional<KnownMember> {
    auto it = known.find(login);
    if (it == known.end()) return std::nullopt;
    return it->second;
  };
}

std::string messages(const TrainingCheck& c) {
  std::string s;
  for (const auto& p : c.problems) s += std::to_string(p.line) + ": " + p.message + "\n";
  return s;
}

}  // namespace

TEST_CASE("training: a good registrations file gives one row per attorney with its member id") {
  auto c = check_training_csv(
      TrainingFile::kRegistrations,
      "\xEF\xBB\xBF资格证号,姓名,报名日期,报名状态\r\n1100001,张伟,2026-03-01,已报名\r\n"
      "\r\n 1100002 ,王芳,2026-03-02,已确认\r\n",
      roster());
  CHECK_MESSAGE(c.problems.empty(), messages(c));
  REQUIRE(c.rows.size() == 2);
  CHECK(c.rows[0].member_id == 11);
  CHECK(c.rows[0].line == 2);
  CHECK(c.rows[0].status == RegistrationStatus::kRegistered);
  CHECK(c.rows[1].login_id == "1100002");
  CHECK(c.rows[1].line == 4);
  CHECK(c.rows[1].status == RegistrationStatus::kConfirmed);
}

TEST_CASE(
    "training: columns may come in any order but the header must name exactly the expected ones") {
  auto ok = check_training_csv(
      TrainingFile::kScores,
      "考试日期,成绩,考试结果,姓名,资格证号\n2026-04-01,85.5,合格,张伟,1100001\n", roster());
  REQUIRE(ok.problems.empty());
  CHECK(ok.rows[0].score_tenths == 855);
  CHECK(ok.rows[0].passed);

  auto missing = check_training_csv(
      TrainingFile::kScores, "资格证号,姓名,成绩,考试日期\n1100001,张伟,85,2026-04-01\n", roster());
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].line == 1);
  CHECK(missing.problems[0].message ==
        "表头缺少“考试结果”列，表头应为：资格证号,姓名,成绩,考试结果,考试日期");

  auto unknown =
      check_training_csv(TrainingFile::kRegistrations, "资格证号,姓名,日期,报名状态\n", roster());
  REQUIRE(unknown.problems.size() == 1);
  CHECK(unknown.problems[0].message ==
        "表头第3列“日期”无法识别，表头应为：资格证号,姓名,报名日期,报名状态");

  auto empty = check_training_csv(TrainingFile::kRegistrations, "", roster());
  REQUIRE(empty.problems.size() == 1);
  CHECK(empty.problems[0].line == 1);

  auto header_only = check_training_csv(TrainingFile::kRegistrations,
                                        "资格证号,姓名,报名日期,报名状态\n", roster());
  REQUIRE(header_only.problems.size() == 1);
  CHECK(header_only.problems[0].message == "文件中没有数据行");
}

TEST_CASE("training: every bad line is reported with its line number and nothing is kept from it") {
  const std::string csv =
      "资格证号,姓名,报名日期,报名状态\n"
      "1100001,张伟,2026-03-01,已报名\n"                              // 2 good
      "1199999,某某,2026-03-01,已报名\n"                              // 3 unknown
      "1100002,王五,2026-03-01,已报名\n"                              // 4 name mismatch
      "1100001,张伟,2026-03-05,已取消\n"                              // 5 duplicate of line 2
      "11001,北京智诚专利代理事务所（普通合伙）,2026-03-01,已报名\n"  // 6 not an attorney id
      "\"1100002\",王芳,2026-02-30,报了\n";  // 7 duplicate of 4, bad date, bad status
  auto c = check_training_csv(TrainingFile::kRegistrations, csv, roster());
  CHECK(c.rows.size() == 1);
  REQUIRE(c.problems.size() == 7);
  CHECK(c.problems[0].line == 3);
  CHECK(c.problems[0].message == "资格证号 1199999 不是已登记的专利代理师");
  CHECK(c.problems[1].line == 4);
  CHECK(c.problems[1].message == "姓名“王五”与资格证号 1100002 登记的姓名不一致");
  CHECK(c.problems[2].line == 5);
  CHECK(c.problems[2].message == "资格证号 1100001 重复（第2行已有）");
  CHECK(c.problems[3].line == 6);
  CHECK(c.problems[3].message.rfind("资格证号：", 0) == 0);
  // A second line for the same 资格证号 is a duplicate even when the first one was wrong.
  CHECK(c.problems[4].line == 7);
  CHECK(c.problems[4].message == "资格证号 1100002 重复（第4行已有）");
  CHECK(c.problems[5].line == 7);
  CHECK(c.problems[5].message ==
        "报名日期“2026-02-30”有误，日期格式应为 年-月-日（如 2026-03-05）");
  CHECK(c.problems[6].line == 7);
  CHECK(c.problems[6].message == "报名状态“报了”有误，应为 已报名、已确认 或 已取消");
}

TEST_CASE(
    "training: scores are 0 to 100 with at most one decimal and the result is 合格 or 不合格") {
  CHECK(parse_score_tenths("0") == 0);
  CHECK(parse_score_tenths("100") == 1000);
  CHECK(parse_score_tenths("100.0") == 1000);
  CHECK(parse_score_tenths("59.5") == 595);
  CHECK_FALSE(parse_score_tenths("100.1"));
  CHECK_FALSE(parse_score_tenths("85.55"));
  CHECK_FALSE(parse_score_tenths("-1"));
  CHECK_FALSE(parse_score_tenths("85."));
  CHECK_FALSE(parse_score_tenths(".5"));
  CHECK_FALSE(parse_score_tenths("八十"));
  CHECK_FALSE(parse_score_tenths(""));
  CHECK_FALSE(parse_score_tenths("00000085"));
  CHECK(format_score(855) == "85.5");
  CHECK(format_score(900) == "90");
  CHECK(format_score(0) == "0");

  auto c = check_training_csv(TrainingFile::kScores,
                              "资格证号,姓名,成绩,考试结果,考试日期\n"
                              "1100001,张伟,101,合格,2026-04-01\n"
                              "1100002,王芳,60,及格,2026/04/01\n",
                              roster());
  CHECK(c.rows.empty());
  REQUIRE(c.problems.size() == 3);
  CHECK(c.problems[0].line == 2);
  CHECK(c.problems[0].message == "成绩“101”有误，应为0至100之间的数，最多一位小数");
  CHECK(c.problems[1].message == "考试结果“及格”有误，应为 合格 或 不合格");
  CHECK(c.problems[2].message ==
        "考试日期“2026/04/01”有误，日期格式应为 年-月-日（如 2026-03-05）");
}

TEST_CASE("training: a file that is not UTF-8 or too large is refused as a whole") {
  auto gbk = check_training_csv(TrainingFile::kScores, "\xd7\xca\xb8\xf1,\n", roster());
  REQUIRE(gbk.problems.size() == 1);
  CHECK(gbk.problems[0].line == 0);
  std::string big(kMaxTrainingCsvBytes + 1, 'a');
  auto large = check_training_csv(TrainingFile::kScores, big, roster());
  REQUIRE(large.problems.size() == 1);
  CHECK(large.problems[0].message.find("1 MiB") != std::string::npos);
  auto quote = check_training_csv(
      TrainingFile::kScores, "资格证号,姓名,成绩,考试结果,考试日期\n\"1100001,张伟\n", roster());
  REQUIRE(quote.problems.size() == 1);
  CHECK(quote.problems[0].message.rfind("CSV 格式错误", 0) == 0);
}

TEST_CASE("training: a class needs a name and a place and ordered dates and whole hours") {
  TrainingClassFields f{"  2026年第一期专利代理实务培训班 ", "2026-03-10", "2026-03-12", "北京 ",
                        24};
  CHECK(validate_class(f).empty());
  CHECK(f.name == "2026年第一期专利代理实务培训班");
  CHECK(f.place == "北京");

  TrainingClassFields bad{"", "2026-03-12", "2026-03-10", "", 0};
  auto e = validate_class(bad);
  CHECK(e.at("name") == "请填写培训班名称");
  CHECK(e.at("place") == "请填写培训地点");
  CHECK(e.at("end_date") == "结束日期不能早于开始日期");
  CHECK(e.at("hours") == "学时应为1至1000之间的整数");
  TrainingClassFields baddate{"班", "2026-13-01", "x", "京", 1001};
  auto e2 = validate_class(baddate);
  CHECK(e2.count("start_date"));
  CHECK(e2.count("end_date"));
  CHECK(e2.count("hours"));
}
