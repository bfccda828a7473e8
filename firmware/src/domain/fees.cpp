#include "domain/fees.h"

namespace md::domain {
namespace {

struct TierRow {
  AgencyTier tier;
  std::string_view code;
  std::string_view label;
};
constexpr TierRow kTiers[] = {
    {AgencyTier::kVicePresident, "vice_president", "副会长单位"},
    {AgencyTier::kStandingDirector, "standing_director", "常务理事单位"},
    {AgencyTier::kDirector, "director", "理事单位"},
    {AgencyTier::kOrdinary, "ordinary", "普通会员单位"},
};

struct ClassRow {
  FeeClass fee_class;
  std::string_view code;
  std::string_view label;
  Fen standard;
};
constexpr ClassRow kClasses[] = {
    {FeeClass::kAgencyVicePresident, "agency_vice_president", "副会长单位会费", 5000000},
    {FeeClass::kAgencyStandingDirector, "agency_standing_director", "常务理事单位会费", 600000},
    {FeeClass::kAgencyDirector, "agency_director", "理事单位会费", 100000},
    {FeeClass::kAgencyOrdinary, "agency_ordinary", "普通会员单位会费", 100000},
    {FeeClass::kAttorney, "attorney", "专利代理师个人会费", 30000},
    {FeeClass::kIndustryOrg, "industry_org", "行业组织会费", 100000},
    {FeeClass::kNonPracticing, "non_practicing", "非执业会员个人会费", 30000},
};

const TierRow& tier_row(AgencyTier t) {
  for (const auto& r : kTiers)
    if (r.tier == t) return r;
  return kTiers[3];
}
const ClassRow& class_row(FeeClass c) {
  for (const auto& r : kClasses)
    if (r.fee_class == c) return r;
  return kClasses[3];
}

}  // namespace

std::string_view to_code(AgencyTier t) { return tier_row(t).code; }
std::string_view label(AgencyTier t) { return tier_row(t).label; }
std::optional<AgencyTier> agency_tier_from_code(std::string_view code) {
  for (const auto& r : kTiers)
    if (r.code == code) return r.tier;
  return std::nullopt;
}
std::optional<AgencyTier> agency_tier_from_label(std::string_view text) {
  for (const auto& r : kTiers)
    if (r.label == text) return r.tier;
  return std::nullopt;
}

std::string_view to_code(FeeClass c) { return class_row(c).code; }
std::string_view label(FeeClass c) { return class_row(c).label; }
std::optional<FeeClass> fee_class_from_code(std::string_view code) {
  for (const auto& r : kClasses)
    if (r.code == code) return r.fee_class;
  return std::nullopt;
}
Fen standard_fee(FeeClass c) { return class_row(c).standard; }

FeeClass fee_class_for(MemberType type, AgencyTier tier) {
  switch (type) {
    case MemberType::kAgency:
      switch (tier) {
        case AgencyTier::kVicePresident: return FeeClass::kAgencyVicePresident;
        case AgencyTier::kStandingDirector: return FeeClass::kAgencyStandingDirector;
        case AgencyTier::kDirector: return FeeClass::kAgencyDirector;
        case AgencyTier::kOrdinary: return FeeClass::kAgencyOrdinary;
      }
      break;
    case MemberType::kAttorney: return FeeClass::kAttorney;
    case MemberType::kIndustryOrg: return FeeClass::kIndustryOrg;
    case MemberType::kNonPracticing: return FeeClass::kNonPracticing;
  }
  return FeeClass::kAgencyOrdinary;
}

}  // namespace md::domain
