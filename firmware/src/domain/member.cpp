#include "domain/member.h"

#include <array>
#include <utility>

namespace md::domain {
namespace {

template <typename E, size_t N>
using Table = std::array<std::pair<E, std::array<std::string_view, 2>>, N>;

constexpr Table<MemberType, 4> kTypes{{
    {MemberType::kAgency, {"agency", "专利代理机构"}},
    {MemberType::kAttorney, {"attorney", "专利代理师"}},
    {MemberType::kIndustryOrg, {"industry_org", "行业组织"}},
    {MemberType::kNonPracticing, {"non_practicing", "非执业会员"}},
}};

constexpr Table<MemberStatus, 5> kStatuses{{
    {MemberStatus::kRoster, {"roster", "未入会"}},
    {MemberStatus::kApplied, {"applied", "审核中"}},
    {MemberStatus::kApprovedUnpaid, {"approved_unpaid", "已批准，待缴费"}},
    {MemberStatus::kActive, {"active", "正常"}},
    {MemberStatus::kWithdrawn, {"withdrawn", "已退会"}},
}};

constexpr Table<StaffRole, 4> kRoles{{
    {StaffRole::kAdmin, {"admin", "系统管理员"}},
    {StaffRole::kReviewer, {"reviewer", "审核员"}},
    {StaffRole::kFinance, {"finance", "财务"}},
    {StaffRole::kDesk, {"desk", "前台"}},
}};

template <typename E, size_t N>
std::string_view column(const Table<E, N>& t, E e, size_t col) {
  for (const auto& row : t)
    if (row.first == e) return row.second[col];
  return {};
}

template <typename E, size_t N>
std::optional<E> from_code(const Table<E, N>& t, std::string_view code) {
  for (const auto& row : t)
    if (row.second[0] == code) return row.first;
  return std::nullopt;
}

}  // namespace

std::string_view to_code(MemberType t) { return column(kTypes, t, 0); }
std::optional<MemberType> member_type_from_code(std::string_view c) { return from_code(kTypes, c); }
std::string_view label(MemberType t) { return column(kTypes, t, 1); }

std::string_view to_code(MemberStatus s) { return column(kStatuses, s, 0); }
std::optional<MemberStatus> member_status_from_code(std::string_view c) {
  return from_code(kStatuses, c);
}
std::string_view label(MemberStatus s) { return column(kStatuses, s, 1); }

std::string_view to_code(StaffRole r) { return column(kRoles, r, 0); }
std::optional<StaffRole> staff_role_from_code(std::string_view c) { return from_code(kRoles, c); }
std::string_view label(StaffRole r) { return column(kRoles, r, 1); }

bool in_good_standing(MemberStatus s, std::string_view valid_until, std::string_view today) {
  // ISO dates compare correctly as strings.
  return s == MemberStatus::kActive && !valid_until.empty() && valid_until >= today;
}

}  // namespace md::domain
