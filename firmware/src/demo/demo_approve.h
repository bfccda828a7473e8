// memberdeskctl demo-approve: marks roster members approved, as if their 入会申请 had been
// approved (member number, a demo profile with contact data, status approved_unpaid), so demos
// and tests can go straight to 会费缴纳. Never used by the daemon.
#pragma once

#include <string>

#include "core/result.h"
#include "store/db.h"

namespace md::demo {

// The member number given, or kNotFound / kConflict (already approved, active or withdrawn).
Result<std::string> approve_for_demo(store::Db& db, const std::string& login_id);

}  // namespace md::demo
