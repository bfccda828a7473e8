// 入会申请 as a use case: submit (validated against the type's form, one open application per
// applicant), approve (member number, login, status), reject with a reason (the applicant may
// correct and resubmit). Each step writes its SMS, member message and audit row in the same
// transaction as the change, so nothing is ever half-done.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/result.h"
#include "domain/application_forms.h"
#include "domain/working_days.h"
#include "store/application_repo.h"
#include "store/db.h"

namespace md::membership {

// Shown to the applicant after a successful submission, exactly as the manual words it.
inline constexpr const char* kSubmittedNotice =
    "您的入会申请已经提交成功，协会将在5个工作日内进行反馈，请注意查收手机短信！";

struct Submission {
  domain::MemberType type = domain::MemberType::kAgency;
  domain::Values fields;
  bool agreed_to_charter = false;
  // Agency and attorney applicants are logged in: their member id comes from the session.
  std::optional<int64_t> member_id;
  // Staff entering the application for the applicant (from a paper form) may accept a code whose
  // only fault is its check character: field key -> reason (checked with
  // domain::check_override_reasons). Each override used is audited with its reason.
  std::optional<std::string> staff_login;
  std::map<std::string, std::string> check_overrides;
};

struct SubmitOutcome {
  domain::FieldErrors field_errors;  // non-empty: nothing stored (400)
  bool already_member = false;       // the code / mobile already belongs to a member (409)
  std::optional<store::Application> application;
};

// The values the roster already knows for a logged-in agency or attorney (read-only fields
// among them are enforced on submit).
Result<domain::Values> roster_prefill(store::Db& db, int64_t member_id);

Result<SubmitOutcome> submit(store::Db& db, const config::Config& cfg, const Submission& s);

// Audit action of an accepted check-character override; its after_json is
// {"field","label","value","reason"} and its object the application.
inline constexpr const char* kCheckOverrideAction = "application.check_override";

struct Approval {
  store::Application application;
  std::string member_no;
  std::string login_id;
};

Result<Approval> approve(store::Db& db, const config::Config& cfg, int64_t application_id,
                         const std::string& staff_login);
Result<store::Application> reject(store::Db& db, const config::Config& cfg,
                                  int64_t application_id, const std::string& staff_login,
                                  const std::string& reason);

// Today's date in Asia/Shanghai and the review due date for a submission made today.
Result<std::string> due_date_for(store::Db& db, const std::string& today_iso);

// Whether an application's due date is an estimate: the days from its submission to the due date
// run through a year whose calendar was not entered (see domain::is_estimated_due_date).
bool due_date_estimated(const domain::WorkCalendar& cal, const store::Application& a);

// Counts the due dates of the applications under review again (after the calendar changed, in
// the caller's transaction), so an estimate becomes the real date once its year is entered.
// Returns how many due dates moved.
Result<int> recount_due_dates(store::Db& db);

}  // namespace md::membership
