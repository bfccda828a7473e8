// Matrix rules for the plumbing, accounts, public content, directory, member center landing,
// applications with their review, the calendar and 会员消息.
#include "authz_matrix.h"

namespace authz {

Area core_area() {
  auto setup = [](World& w) {
    // A notice for everybody, and the industry organisation's own approval message.
    auto notice = w.as(kAdmin).post("/staff/messages",
                                    {{"audience", "all"}, {"title", "通知"}, {"body", "矩阵测试"}});
    REQUIRE_MESSAGE(notice.status == 201, notice.raw_body);
    w.ids["message.industry_org"] = std::to_string(apitest::sql_int(
        *w.daemon, "SELECT MAX(id) FROM messages WHERE audience = 'member' AND member_id = " +
                       std::to_string(w.member_ids.at(kIndustryOrg))));
  };
  auto rules = [](const World& w) {
    const std::string app = "/staff/applications/" + w.ids.at("application.industry_org");
    const unsigned rev = kReviewer | kAdmin;
    return std::vector<Rule>{
        {"GET", "/health", kAnyone},
        {"GET", "/kiosk/settings", kAnyone},
        {"PUT", "/staff/kiosk/notice", kAdmin, "", R"({"notice":"矩阵测试"})"},
        {"GET", "/endpoints", kAnyone},
        {"POST", "/auth/login", kAnyone, "", "{}", "an empty login is refused as a bad request"},
        {"POST", "/auth/logout", kLoggedIn},
        {"GET", "/auth/session", kLoggedIn},
        {"POST", "/auth/password", kLoggedIn},
        {"POST", "/staff/auth/unlock", kAdmin | kDesk, "", "{}",
         "an empty unlock is refused as a bad request"},
        {"GET", "/content/faq", kAnyone},
        {"GET", "/content/pages/{slug}", kAnyone, "/content/pages/charter"},
        {"PUT", "/staff/pages/{slug}", kAdmin, "/staff/pages/charter"},
        {"GET", "/directory", kAnyone},
        {"GET", "/ime", kAnyone, "/ime?q=zhuanli"},
        {"GET", "/member/home", kMembers},
        {"GET", "/staff/home", kStaff},
        {"GET", "/applications/forms/{type}", kAnyone, "/applications/forms/industry_org"},
        {"POST", "/applications/{type}", kAnyone, "/applications/industry_org", "{}",
         "an industry organisation applies without a login (agency and attorney forms need the "
         "member's own login: tests/api/applications_test.cpp)"},
        {"GET", "/member/application", kMembers},
        {"GET", "/staff/applications", rev},
        {"GET", "/staff/applications/{id}", rev, app},
        {"POST", "/staff/applications/{id}/approve", rev, app + "/approve"},
        {"POST", "/staff/applications/{id}/reject", rev, app + "/reject"},
        {"GET", "/staff/calendar", rev},
        {"PUT", "/staff/calendar/{day}", rev, "/staff/calendar/2026-10-01"},
        {"DELETE", "/staff/calendar/{day}", rev, "/staff/calendar/2026-10-01", "{}",
         "the first allowed call removes the day", true},
        {"GET", "/member/messages", kMembers},
        {"POST", "/member/messages/{id}/read", kIndustryOrg,
         "/member/messages/" + w.ids.at("message.industry_org") + "/read", "{}",
         "a personal message is read only by its member"},
        {"POST", "/staff/messages", kAdmin | kReviewer},
        {"GET", "/staff/sms", kAdmin},
    };
  };
  return {"core", setup, rules};
}

}  // namespace authz
