// Issuing, re-issuing and voiding certificates (会员证). Every function works inside the caller's
// transaction (dues credit, staff action, approved change) and writes its own audit entries, so
// a certificate and the event that caused it commit or roll back together.
//
//   issue_for_paid(db, key, member_id, 2026, "system", today)   // the dues payment hook
//   issue_by_staff(db, key, {member_id, 2026, "staff:desk1", "线下缴费补发"}, today)
//   reissue(db, key, cert_id, "staff:admin", "姓名变更", today)  // new number + version, old void
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "certs/signing_key.h"
#include "core/result.h"
#include "store/certificate_repo.h"
#include "store/db.h"

namespace md::certs {

struct IssueRequest {
  int64_t member_id = 0;
  int year = 0;
  std::string actor;   // audit actor, "system" for the dues hook
  std::string reason;  // why (shown to staff); may be empty for the dues hook
};

// The dues hook: a certificate for the member and year unless a valid one exists already.
// A member without a member number (never the case for a payable member) is skipped with an
// audit entry rather than failing the payment. Returns the certificate issued, if any.
Result<std::optional<store::CertificateRow>> issue_for_paid(store::Db& db, const SigningKey& key,
                                                            int64_t member_id, int year,
                                                            const std::string& today);
// By hand. kConflict already_issued when a valid one exists for that year; kConflict
// not_issuable when the member has no number or is not approved/active; kNotFound.
Result<store::CertificateRow> issue_by_staff(store::Db& db, const SigningKey& key, const IssueRequest& r,
                                             const std::string& today);
// A new version from the member's current data (same year, new number); the old one becomes
// void with the reason. kConflict certificate_void when it is void already.
Result<store::CertificateRow> reissue(store::Db& db, const SigningKey& key, int64_t certificate_id,
                                      const std::string& actor, const std::string& reason,
                                      const std::string& today);
Result<store::CertificateRow> void_certificate(store::Db& db, int64_t certificate_id, const std::string& actor,
                                               const std::string& reason);
// Issues `year`'s certificate to every member in good standing for it who has none (members who
// paid before the appliance issued certificates), in one transaction. Returns how many.
Result<int> issue_for_paid_members(store::Db& db, const SigningKey& key, int year, const std::string& actor,
                                   const std::string& today);
// After a change that bypassed the request flow (a roster re-import renaming a member): every valid
// certificate whose name or member number no longer matches the member is re-issued. Returns
// the new ones.
Result<std::vector<store::CertificateRow>> reissue_stale(store::Db& db, const SigningKey& key, const std::string& actor,
                                                         const std::string& reason, const std::string& today);
// Withdrawal (退会): voids every valid certificate of the member. Returns how many.
Result<int> void_for_member(store::Db& db, int64_t member_id, const std::string& actor, const std::string& reason);
// An approved change of name or 资格证号: re-issues every valid certificate of the member from
// its updated row. Returns the new ones.
Result<std::vector<store::CertificateRow>> reissue_for_member(store::Db& db, const SigningKey& key,
                                                              int64_t member_id, const std::string& actor,
                                                              const std::string& reason,
                                                              const std::string& today);

}  // namespace md::certs
