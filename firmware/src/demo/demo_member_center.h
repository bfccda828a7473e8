// memberdeskctl demo-member-center: what the demo's 会员中心 shows beyond dues and certificates —
// a training class with its 报名 and 成绩 for the demo attorneys (1100001, 1100002 of agency
// 11001 and 3100003 of 31002), imported through the same all-or-nothing CSV import staff use.
// Never used by the daemon.
#pragma once

#include <string>

#include "core/result.h"
#include "store/db.h"

namespace md::demo {

struct MemberCenterCounts {
  int classes = 0;
  int registrations = 0;
  int scores = 0;
};

// Adds the demo class once (by name); a second run changes nothing.
Result<MemberCenterCounts> seed_member_center(store::Db& db);

}  // namespace md::demo
