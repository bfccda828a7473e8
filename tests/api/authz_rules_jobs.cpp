// Matrix rules for 招聘信息: a posting of agency A that agency A closed, so no allowed call
// approves, rejects or edits it (each answers 409), and a public posting of agency A that a
// reviewer approved (GET /jobs/{id} answers it to everybody).
#include "authz_matrix.h"

namespace authz {

Area jobs_area() {
  auto setup = [](World& w) {
    auto& a = w.as(kAgencyA);
    const std::string until =
        apitest::sql_text(*w.daemon, "SELECT date('now', '+8 hours', '+30 days')");
    const apitest::Json body = {{"title", "矩阵测试"},        {"positions", "专利代理师"},
                                {"headcount", 1},             {"place", "北京"},
                                {"pay_negotiable", true},     {"contact_name", "李娜"},
                                {"contact_phone", "13912345678"}, {"valid_until", until}};
    auto closed = a.post("/member/jobs", body);
    REQUIRE_MESSAGE(closed.status == 201, closed.raw_body);
    const std::string id = std::to_string(closed.body["job"]["id"].get<int64_t>());
    auto done = a.post("/member/jobs/" + id + "/close", apitest::Json::object());
    REQUIRE_MESSAGE(done.status == 200, done.raw_body);
    w.ids["job"] = id;

    auto shown = a.post("/member/jobs", body);
    REQUIRE_MESSAGE(shown.status == 201, shown.raw_body);
    const std::string pub = std::to_string(shown.body["job"]["id"].get<int64_t>());
    auto ok = w.as(kReviewer).post("/staff/jobs/" + pub + "/approve", apitest::Json::object());
    REQUIRE_MESSAGE(ok.status == 200, ok.raw_body);
    w.ids["job.public"] = pub;
  };
  auto rules = [](const World& w) {
    const std::string job = "/member/jobs/" + w.ids.at("job");
    const std::string staff = "/staff/jobs/" + w.ids.at("job");
    const unsigned rev = kReviewer | kAdmin;
    return std::vector<Rule>{
        {"GET", "/jobs", kAnyone},
        {"GET", "/jobs/{id}", kAnyone, "/jobs/" + w.ids.at("job.public")},
        {"GET", "/member/jobs", kAgencyA | kAgencyB, "", "{}", "agencies only; other member types 403"},
        {"POST", "/member/jobs", kAgencyA | kAgencyB, "", "{}",
         "every agency may post (an empty form is refused, so nobody does)"},
        {"GET", "/member/jobs/{id}", kAgencyA, job, "{}", "only the agency that wrote it"},
        {"PUT", "/member/jobs/{id}", kAgencyA, job, "{}", "only its agency; it is closed: 409"},
        {"POST", "/member/jobs/{id}/close", kAgencyA, job + "/close", "{}",
         "only its agency; already closed: 409"},
        {"GET", "/staff/jobs", rev},
        {"GET", "/staff/jobs/{id}", rev, "/staff/jobs/" + w.ids.at("job")},
        {"POST", "/staff/jobs/{id}/approve", rev, staff + "/approve", "{}", "closed: 409"},
        {"POST", "/staff/jobs/{id}/reject", rev, staff + "/reject", "{}", "closed: 409 or 400"},
    };
  };
  return {"jobs", setup, rules};
}

}  // namespace authz
