// Matrix rules for 会员证信息修改申请 and 会员证邮寄申请: attorney A's change request, filed and
// withdrawn by attorney A, and a mailing request of attorney A (whose dues the dues area paid),
// cancelled by the desk, so that no allowed call renames anybody or marks anything sent.
#include "authz_matrix.h"

namespace authz {

Area cert_requests_area() {
  auto setup = [](World& w) {
    auto& att = w.as(kAttorneyA);
    auto filed = att.post("/member/certificate-changes", {{"values", {{"name", "矩阵测试"}}}});
    REQUIRE_MESSAGE(filed.status == 201, filed.raw_body);
    const std::string change = std::to_string(filed.body["request"]["id"].get<int64_t>());
    auto withdrawn = att.post("/member/certificate-changes/" + change + "/cancel", apitest::Json::object());
    REQUIRE_MESSAGE(withdrawn.status == 200, withdrawn.raw_body);
    w.ids["cert_change"] = change;

    auto mail = att.post("/member/certificate-mail",
                         {{"recipient", "张伟"}, {"phone", "13912345678"}, {"address", "北京市海淀区知春路1号"}});
    REQUIRE_MESSAGE(mail.status == 201, mail.raw_body);
    const std::string mailing = std::to_string(mail.body["request"]["id"].get<int64_t>());
    auto cancelled = w.as(kDesk).post("/staff/certificate-mail/" + mailing + "/cancel", {{"reason", "矩阵测试"}});
    REQUIRE_MESSAGE(cancelled.status == 200, cancelled.raw_body);
    w.ids["cert_mail"] = mailing;
  };
  auto rules = [](const World& w) {
    const std::string change = w.ids.at("cert_change");
    const std::string mailing = w.ids.at("cert_mail");
    const unsigned rev = kReviewer | kAdmin;
    const unsigned desk = kDesk | kAdmin;
    return std::vector<Rule>{
        {"GET", "/member/certificate-changes", kMembers},
        {"POST", "/member/certificate-changes", kMembers, "", "{}",
         "every member may ask (an empty request is refused, so nobody does)"},
        {"POST", "/member/certificate-changes/{id}/cancel", kAttorneyA,
         "/member/certificate-changes/" + change + "/cancel", "{}", "only the member who asked"},
        {"GET", "/staff/certificate-changes", rev},
        {"POST", "/staff/certificate-changes/{id}/approve", rev,
         "/staff/certificate-changes/" + change + "/approve", "{}",
         "the request was withdrawn: approving answers 409"},
        {"POST", "/staff/certificate-changes/{id}/reject", rev,
         "/staff/certificate-changes/" + change + "/reject"},
        {"GET", "/member/certificate-mail", kMembers},
        {"POST", "/member/certificate-mail", kMembers, "", "{}",
         "every member may ask (an empty form is refused, so nobody does)"},
        {"GET", "/staff/certificate-mail", desk},
        {"POST", "/staff/certificate-mail/{id}/sent", desk, "/staff/certificate-mail/" + mailing + "/sent",
         "{}", "the request was cancelled: nothing is marked sent"},
        {"POST", "/staff/certificate-mail/{id}/cancel", desk,
         "/staff/certificate-mail/" + mailing + "/cancel"},
    };
  };
  return {"cert_requests", setup, rules};
}

}  // namespace authz
