// Matrix rules for 会员证, printing and 证书核验: attorney A's certificate (issued when the dues
// area's bank transfer was confirmed) and one print job of it.
#include "authz_matrix.h"

namespace authz {

Area certificates_area() {
  auto setup = [](World& w) {
    const std::string attorney = std::to_string(w.member_ids.at(kAttorneyA));
    w.ids["certificate"] = std::to_string(apitest::sql_int(
        *w.daemon, "SELECT MAX(id) FROM certificates WHERE member_id = " + attorney));
    auto job = w.as(kAttorneyA).post("/member/certificates/" + w.ids["certificate"] + "/print",
                                     apitest::Json::object());
    REQUIRE_MESSAGE(job.status == 202, job.raw_body);
    w.ids["print_job"] = std::to_string(job.body["job"]["id"].get<int64_t>());
  };
  auto rules = [](const World& w) {
    const std::string cert = w.ids.at("certificate");
    const std::string job = w.ids.at("print_job");
    const std::string member = std::to_string(w.member_ids.at(kAttorneyA));
    const unsigned look = kAdmin | kDesk | kReviewer;
    const unsigned print = kAdmin | kDesk;
    const char* own = "a certificate and its print jobs are the member's own";
    return std::vector<Rule>{
        {"GET", "/certificates/public-key", kAnyone},
        {"GET", "/certificates/public-key.pem", kAnyone},
        {"POST", "/certificates/verify", kAnyone},
        {"POST", "/certificates/scan", kAnyone},
        {"GET", "/member/certificates", kMembers},
        {"GET", "/member/certificates/{id}/preview.png", kAttorneyA,
         "/member/certificates/" + cert + "/preview.png?dpi=36", "{}", own},
        {"GET", "/member/certificates/{id}/pdf", kAttorneyA, "/member/certificates/" + cert + "/pdf",
         "{}", own},
        {"POST", "/member/certificates/{id}/print", kAttorneyA,
         "/member/certificates/" + cert + "/print", "{}", own},
        {"GET", "/member/print-jobs/{id}", kAttorneyA, "/member/print-jobs/" + job, "{}", own},
        {"GET", "/staff/certificates", look},
        {"GET", "/staff/members/{id}/certificates", look, "/staff/members/" + member + "/certificates"},
        {"POST", "/staff/members/{id}/certificates", print,
         "/staff/members/" + member + "/certificates"},
        {"POST", "/staff/certificates/{id}/reissue", kAdmin, "/staff/certificates/" + cert + "/reissue"},
        {"POST", "/staff/certificates/{id}/void", kAdmin, "/staff/certificates/" + cert + "/void"},
        {"GET", "/staff/certificates/{id}/preview.png", look,
         "/staff/certificates/" + cert + "/preview.png?dpi=36"},
        {"GET", "/staff/certificates/{id}/pdf", look, "/staff/certificates/" + cert + "/pdf"},
        {"POST", "/staff/certificates/{id}/print", print, "/staff/certificates/" + cert + "/print"},
        {"GET", "/staff/printer", print},
        {"POST", "/staff/printer/test-page", print},
        {"POST", "/staff/print-jobs/{id}/reprint", print, "/staff/print-jobs/" + job + "/reprint"},
        {"POST", "/staff/print-jobs/{id}/cancel", print, "/staff/print-jobs/" + job + "/cancel"},
    };
  };
  return {"certificates", setup, rules};
}

}  // namespace authz
