// Matrix rules for 会员资料, 会员信息修改 and 退会: attorney A's withdrawal request, filed and then
// cancelled by attorney A, so that no allowed call can withdraw anybody.
#include "authz_matrix.h"

namespace authz {

Area profile_area() {
  auto setup = [](World& w) {
    auto filed = w.as(kAttorneyA).post("/member/withdrawals", {{"reason", "矩阵测试"}});
    REQUIRE_MESSAGE(filed.status == 201, filed.raw_body);
    const std::string id = std::to_string(filed.body["withdrawal"]["id"].get<int64_t>());
    auto cancelled = w.as(kAttorneyA).post("/member/withdrawals/" + id + "/cancel", apitest::Json::object());
    REQUIRE_MESSAGE(cancelled.status == 200, cancelled.raw_body);
    w.ids["withdrawal"] = id;
  };
  auto rules = [](const World& w) {
    const std::string id = w.ids.at("withdrawal");
    const std::string staff = "/staff/withdrawals/" + id;
    const unsigned rev = kReviewer | kAdmin;
    // A reason one character too long: every allowed call is refused as a bad request.
    std::string too_long;
    for (int i = 0; i <= 200; ++i) too_long += "退";
    return std::vector<Rule>{
        {"GET", "/member/profile", kMembers},
        {"PUT", "/member/profile", kMembers},
        {"GET", "/member/profile/changes", kMembers},
        {"POST", "/member/withdrawals", kMembers, "", apitest::Json{{"reason", too_long}}.dump(),
         "every member may ask to leave (the body is refused, so nobody does)"},
        {"POST", "/member/withdrawals/{id}/cancel", kAttorneyA,
         "/member/withdrawals/" + id + "/cancel", "{}", "only the member who asked may cancel"},
        {"GET", "/staff/withdrawals", rev},
        {"GET", "/staff/withdrawals/{id}", rev, staff},
        {"POST", "/staff/withdrawals/{id}/approve", rev, staff + "/approve", "{}",
         "the request was cancelled: approving answers 409"},
        {"POST", "/staff/withdrawals/{id}/reject", rev, staff + "/reject"},
    };
  };
  return {"profile", setup, rules};
}

}  // namespace authz
