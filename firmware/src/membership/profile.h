// 会员资料 and 会员信息修改 as use cases: the member's data as the application form lays it out
// (the approved application's fields, with what the member record holds today for names, codes
// and 执业机构), and a self-edit of the fields domain/profile.h allows, saved with its audit row
// (before/after of the changed keys) in one transaction.
#pragma once

#include <string>

#include "core/result.h"
#include "domain/profile.h"
#include "store/db.h"
#include "store/member_repo.h"

namespace md::membership {

// The member's profile values by form key: the stored profile (none for a roster member who
// never applied) overlaid with the member record's name, login id, codes and agency.
Result<domain::Values> profile_values(store::Db& db, const store::Member& m);

struct EditOutcome {
  domain::ProfileEdit edit;   // refused / invalid non-empty: nothing was saved
  bool saved = false;         // true when at least one value changed and was saved
};

// kConflict not_approved (roster / applied: their data is the application itself) or withdrawn.
Result<EditOutcome> edit_profile(store::Db& db, const store::Member& m, const domain::Values& input,
                                 const std::string& today_iso);

}  // namespace md::membership
