// Matrix rules for 会员查询 (search, whole record), the 执业机构 change and applications staff
// enter for the applicant (check-character overrides). Every staff role may look; reviewer and
// admin change. The empty body changes nothing: no agency_id / no type is a 400.
#include "authz_matrix.h"

namespace authz {

Area staff_members_area() {
  auto setup = [](World&) {};
  auto rules = [](const World& w) {
    const std::string attorney = "/staff/members/" + std::to_string(w.member_ids.at(kAttorneyA));
    const unsigned change = kReviewer | kAdmin;
    return std::vector<Rule>{
        {"GET", "/staff/members", kStaff, "/staff/members?q=1100001"},
        {"GET", "/staff/members/{id}", kStaff, attorney},
        {"POST", "/staff/members/{id}/agency", change, attorney + "/agency", "{}",
         "only reviewer and admin move an attorney; {} has no agency and changes nothing"},
        {"POST", "/staff/applications", change, "", "{}",
         "entering an application for the applicant is review work"},
    };
  };
  return {"staff_members", setup, rules};
}

}  // namespace authz
