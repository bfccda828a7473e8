// 执业机构 change (SPEC §4: "from the roster, changeable only by staff"): staff move an attorney
// to another agency with a reason. The agency link (members.agency_id) decides which agency sees
// the attorney's training and dues, so the move changes that at once; the approved profile's
// 执业机构 follows; the audit row keeps before/after and the reason.
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "store/db.h"
#include "store/staff_member_repo.h"

namespace md::membership {

inline constexpr const char* kAgencyChangeAction = "member.agency_change";

// Errors: kNotFound (no such attorney; the agency id is checked as a field), kInvalidArgument
// with fields {agency_id | reason} and their messages.
struct AgencyChangeOutcome {
  std::map<std::string, std::string> field_errors;  // non-empty: nothing changed
  store::MemberHit attorney;                        // after the change
};

Result<AgencyChangeOutcome> change_agency(store::Db& db, int64_t attorney_id, int64_t agency_id,
                                          const std::string& reason, const std::string& staff_login);

}  // namespace md::membership
