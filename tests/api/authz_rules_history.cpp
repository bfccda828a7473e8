// Matrix rules for 会费缴纳信息: every member reads its own history; a paid year's receipt is
// opened by the member who paid it and by the agency of an attorney who paid personally (dues
// area's setup: attorney A paid by bank transfer).
#include "authz_matrix.h"

namespace authz {

Area history_area() {
  auto setup = [](World&) {};
  auto rules = [](const World& w) {
    const std::string receipt = "/member/dues/history/receipts/" + w.ids.at("dues.order");
    return std::vector<Rule>{
        {"GET", "/member/dues/history", kMembers},
        {"GET", "/member/dues/history/receipts/{id}", kAttorneyA | kAgencyA, receipt, "{}",
         "a receipt is seen by its payer and by the agency of an attorney who paid it"},
    };
  };
  return {"history", setup, rules};
}

}  // namespace authz
