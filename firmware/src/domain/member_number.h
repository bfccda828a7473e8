// 会员编号: one letter for the member type, the year of approval, a 6-digit sequence within
// that type and year — A2026000001 (专利代理机构), P… (专利代理师), H… (行业组织), N… (非执业会员).
// Fixed width, so the largest number of a type and year sorts last.
#pragma once

#include <string>

#include "domain/member.h"

namespace md::domain {

char member_number_prefix(MemberType t);
std::string format_member_number(MemberType t, int year, int sequence);
// The number after `highest` (the largest existing one of that type and year, "" for none).
std::string next_member_number(MemberType t, int year, const std::string& highest);

}  // namespace md::domain
