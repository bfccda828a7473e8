// Matrix rules for 设备状态 (issue 9): every staff role reads it; members and visitors do not.
#include "authz_matrix.h"

namespace authz {

Area status_area() {
  auto rules = [](const World&) { return std::vector<Rule>{{"GET", "/staff/status", kStaff}}; };
  return {"status", [](World&) {}, rules};
}

}  // namespace authz
