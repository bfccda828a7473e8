// 会员证邮寄申请 as use cases. 【申请邮寄】: the member sends the recipient, phone and address
// (prefilled from the profile, editable); it needs a valid certificate of the current year and
// at most one request waits at a time. Staff (desk, admin) mark it sent with the courier and the
// tracking number, which the member sees, or cancel it with a reason. Audited; the member gets
// a 会员消息 either way.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/cert_mail.h"
#include "store/cert_mail_repo.h"
#include "store/db.h"
#include "store/member_repo.h"

namespace md::membership {

Result<domain::MailForm> mail_prefill(store::Db& db, const store::Member& m);

// The member's valid certificate of `year`, if any (what a mailing request sends).
Result<std::optional<int64_t>> mailable_certificate(store::Db& db, const store::Member& m, int year);

struct MailRequestOutcome {
  std::map<std::string, std::string> errors;  // field -> message; nothing was saved
  std::optional<store::CertMailRequest> request;
};

// kConflict no_certificate (no valid certificate of `year`), withdrawn, already_pending.
Result<MailRequestOutcome> request_mail(store::Db& db, const store::Member& m,
                                        domain::MailForm form, int year);

struct ShipmentOutcome {
  std::map<std::string, std::string> errors;
  std::optional<store::CertMailRequest> request;
};
// kNotFound, kConflict already_decided.
Result<ShipmentOutcome> mark_mail_sent(store::Db& db, int64_t id, const std::string& staff_login,
                                       std::string courier, std::string tracking_no);
// kInvalidArgument validation_failed without a reason; kNotFound, kConflict already_decided.
Result<store::CertMailRequest> cancel_mail(store::Db& db, int64_t id, const std::string& staff_login,
                                           const std::string& raw_reason);

}  // namespace md::membership
