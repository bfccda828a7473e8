// 会员编号: type letter + year + 6-digit sequence.
#include <doctest/doctest.h>

#include "domain/member_number.h"

using md::domain::format_member_number;
using md::domain::member_number_prefix;
using md::domain::MemberType;
using md::domain::next_member_number;

TEST_CASE("member numbers carry the type letter the year and a six-digit sequence") {
  CHECK(member_number_prefix(MemberType::kAgency) == 'A');
  CHECK(member_number_prefix(MemberType::kAttorney) == 'P');
  CHECK(member_number_prefix(MemberType::kIndustryOrg) == 'H');
  CHECK(member_number_prefix(MemberType::kNonPracticing) == 'N');
  CHECK(format_member_number(MemberType::kAgency, 2026, 1) == "A2026000001");
  CHECK(format_member_number(MemberType::kAttorney, 2026, 42) == "P2026000042");
  CHECK(format_member_number(MemberType::kIndustryOrg, 2027, 999999) == "H2027999999");
  CHECK(format_member_number(MemberType::kNonPracticing, 2026, 123456).size() == 11);
}

TEST_CASE("the next member number follows the highest of its type and year") {
  CHECK(next_member_number(MemberType::kAgency, 2026, "") == "A2026000001");
  CHECK(next_member_number(MemberType::kAgency, 2026, "A2026000001") == "A2026000002");
  CHECK(next_member_number(MemberType::kAttorney, 2026, "P2026000009") == "P2026000010");
  CHECK(next_member_number(MemberType::kIndustryOrg, 2026, "H2026000099") == "H2026000100");
  CHECK(next_member_number(MemberType::kNonPracticing, 2027, "") == "N2027000001");
}
