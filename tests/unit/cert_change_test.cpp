// 会员证信息修改申请 rules per member type (domain/cert_change.h), without a database.
#include <doctest/doctest.h>

#include "domain/cert_change.h"

using namespace md::domain;

namespace {
const std::string kToday = "2026-12-03";
const ChangeCurrent kAttorney{"张伟", "1100001"};
const ChangeCurrent kAgency{"北京智诚专利代理事务所（普通合伙）", ""};
}  // namespace

TEST_CASE("cert change: agencies and industry organisations may change only the name") {
  CHECK(changeable_fields(MemberType::kAgency) == std::vector<std::string>{"name"});
  CHECK(changeable_fields(MemberType::kIndustryOrg) == std::vector<std::string>{"name"});
  auto ok = check_change(MemberType::kAgency, kAgency, {{"name", "  北京智诚知识产权代理有限公司 "}}, "", kToday);
  CHECK(ok.errors.empty());
  CHECK(ok.values.at("name") == "北京智诚知识产权代理有限公司");
  auto refused = check_change(MemberType::kIndustryOrg, kAgency,
                              {{"name", "新名称"}, {"qualification_no", "1100009"}}, "", kToday);
  CHECK(refused.errors.at("qualification_no") == "代理机构及行业组织只允许修改机构名称");
}

TEST_CASE("cert change: attorneys and non practicing members may change name and qualification number") {
  for (auto t : {MemberType::kAttorney, MemberType::kNonPracticing}) {
    CHECK(changeable_fields(t) == std::vector<std::string>{"name", "qualification_no"});
    auto c = check_change(t, kAttorney, {{"name", "张伟华"}, {"qualification_no", "1100009"}}, "改名", kToday);
    CHECK(c.errors.empty());
    CHECK(c.values.at("name") == "张伟华");
    CHECK(c.values.at("qualification_no") == "1100009");
    CHECK(c.note == "改名");
  }
}

TEST_CASE("cert change: values follow the application form rules") {
  auto bad = check_change(MemberType::kAttorney, kAttorney, {{"qualification_no", "9900001"}}, "", kToday);
  CHECK(bad.errors.count("qualification_no") == 1);
  CHECK(bad.values.empty());
  auto too_long = check_change(MemberType::kAttorney, kAttorney, {{"name", std::string(60, 'a')}}, "", kToday);
  CHECK(too_long.errors.count("name") == 1);
  auto note = check_change(MemberType::kAttorney, kAttorney, {{"name", "李四"}}, std::string(201, 'x'), kToday);
  CHECK(note.errors.count("note") == 1);
}

TEST_CASE("cert change: unchanged or empty values are refused") {
  auto same = check_change(MemberType::kAttorney, kAttorney, {{"name", "张伟"}, {"qualification_no", "1100001"}}, "", kToday);
  CHECK(same.values.empty());
  CHECK(same.errors.at("name") == "请填写要修改的姓名或资格证号（须与现有信息不同）");
  auto empty = check_change(MemberType::kAgency, kAgency, {}, "", kToday);
  CHECK(empty.errors.at("name") == "请填写新的机构名称（须与现有名称不同）");
}

TEST_CASE("cert change: only approved memberships may file") {
  CHECK(may_request_change(MemberStatus::kActive));
  CHECK(may_request_change(MemberStatus::kApprovedUnpaid));
  CHECK_FALSE(may_request_change(MemberStatus::kRoster));
  CHECK_FALSE(may_request_change(MemberStatus::kApplied));
  CHECK_FALSE(may_request_change(MemberStatus::kWithdrawn));
}
