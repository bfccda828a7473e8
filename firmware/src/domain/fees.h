// The fee schedule (会费标准): an amount per year and fee class. Agencies (unit members, 会员单位)
// pay by their tier; individual members (专利代理师, 非执业会员) pay the individual rate; industry
// organisations default to the ordinary unit rate. Staff (finance) may change every figure.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/member.h"
#include "domain/money.h"

namespace md::domain {

// An agency's tier (会员单位级别), kept on the agency.
enum class AgencyTier { kVicePresident, kStandingDirector, kDirector, kOrdinary };

std::string_view to_code(AgencyTier t);  // vice_president / standing_director / director / ordinary
std::optional<AgencyTier> agency_tier_from_code(std::string_view code);
std::string_view label(AgencyTier t);  // 副会长单位 / 常务理事单位 / 理事单位 / 普通会员单位
// The roster's Chinese tier names ("副会长单位" …) to a tier.
std::optional<AgencyTier> agency_tier_from_label(std::string_view label);

enum class FeeClass {
  kAgencyVicePresident,
  kAgencyStandingDirector,
  kAgencyDirector,
  kAgencyOrdinary,
  kAttorney,
  kIndustryOrg,
  kNonPracticing,
};
inline constexpr std::array<FeeClass, 7> kAllFeeClasses = {
    FeeClass::kAgencyVicePresident, FeeClass::kAgencyStandingDirector, FeeClass::kAgencyDirector,
    FeeClass::kAgencyOrdinary,      FeeClass::kAttorney,               FeeClass::kIndustryOrg,
    FeeClass::kNonPracticing};

std::string_view to_code(FeeClass c);  // agency_vice_president … non_practicing
std::optional<FeeClass> fee_class_from_code(std::string_view code);
std::string_view label(FeeClass c);  // 副会长单位会费 … 专利代理师个人会费

// Which class a member pays by: agencies by tier, the others by type.
FeeClass fee_class_for(MemberType type, AgencyTier tier);

// The association's published standard (adopted 2019, still in force), in fen: 50,000 元,
// 6,000 元, 1,000 元 and 1,000 元 by tier; 300 元 per individual; industry organisations at the
// ordinary unit rate, non-practicing members at the individual rate.
Fen standard_fee(FeeClass c);

// One year's figures; a class missing from the map has no fee set (the year is not payable).
using FeeTable = std::map<FeeClass, Fen>;
// Largest amount staff may set for one class (100,000 元, twice the highest standard fee), a
// guard against typing errors such as an amount entered in fen as yuan.
inline constexpr Fen kMaxFee = 10000000;

}  // namespace md::domain
