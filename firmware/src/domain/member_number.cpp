#include "domain/member_number.h"

#include <cstdio>

namespace md::domain {

char member_number_prefix(MemberType t) {
  switch (t) {
    case MemberType::kAgency: return 'A';
    case MemberType::kAttorney: return 'P';
    case MemberType::kIndustryOrg: return 'H';
    case MemberType::kNonPracticing: return 'N';
  }
  return 'X';
}

std::string format_member_number(MemberType t, int year, int sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%04d%06d", member_number_prefix(t), year, sequence);
  return buf;
}

std::string next_member_number(MemberType t, int year, const std::string& highest) {
  int seq = 0;
  if (highest.size() == 11) {
    for (size_t i = 5; i < 11; ++i) seq = seq * 10 + (highest[i] - '0');
  }
  return format_member_number(t, year, seq + 1);
}

}  // namespace md::domain
