#include "membership/withdrawal.h"

#include <nlohmann/json.hpp>

#include "certs/issuance.h"
#include "core/utf8.h"
#include "domain/profile.h"
#include "store/audit_repo.h"
#include "store/message_repo.h"

namespace md::membership {
namespace {

using domain::WithdrawalStatus;

Error not_found() { return make_error(ErrorKind::kNotFound, "not_found", "退会申请不存在"); }
Error already_decided() {
  return make_error(ErrorKind::kConflict, "already_decided", "该退会申请已处理，请刷新");
}

std::string object_of(int64_t id) { return "withdrawal_request:" + std::to_string(id); }

nlohmann::json snapshot(const store::WithdrawalRequest& w) {
  nlohmann::json j = {{"status", w.status}, {"reason", w.reason}, {"member_id", w.member_id}};
  if (w.decision_reason) j["decision_reason"] = *w.decision_reason;
  return j;
}

Result<store::WithdrawalRequest> load(store::Db& db, int64_t id) {
  auto w = store::WithdrawalRepo(db).find(id);
  if (!w.ok()) return w.error();
  if (!w->has_value()) return not_found();
  return **w;
}

// Moves a pending request to `status` and writes the audit row; the caller's transaction.
Result<store::WithdrawalRequest> decide(store::Db& db, const store::WithdrawalRequest& before,
                                        WithdrawalStatus status, const std::string& actor,
                                        const std::string& by,
                                        const std::optional<std::string>& reason,
                                        const char* action) {
  auto moved = store::WithdrawalRepo(db).decide(before.id, std::string(domain::to_code(status)),
                                                by, reason);
  if (!moved.ok()) return moved.error();
  if (!*moved) return already_decided();
  auto after = load(db, before.id);
  if (!after.ok()) return after.error();
  MD_TRY(store::append_audit(db, {actor, action, object_of(before.id), snapshot(before).dump(),
                                  snapshot(*after).dump()}));
  return after;
}

}  // namespace

Result<store::WithdrawalRequest> request_withdrawal(store::Db& db, const store::Member& m,
                                                    const std::string& raw_reason) {
  const std::string reason = core::trim(raw_reason);
  if (auto msg = domain::check_withdrawal_reason(reason); !msg.empty())
    return make_error(ErrorKind::kInvalidArgument, "validation_failed", msg);
  auto status = domain::member_status_from_code(m.status);
  if (status == domain::MemberStatus::kWithdrawn)
    return make_error(ErrorKind::kConflict, "withdrawn", "您已退会");
  if (!status || !domain::may_request_withdrawal(*status))
    return make_error(ErrorKind::kConflict, "not_member", "您尚未成为协会会员，无需退会");
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto id = store::WithdrawalRepo(db).create(m.id, reason);
  if (!id.ok()) return id.error();
  auto w = load(db, *id);
  if (!w.ok()) return w.error();
  MD_TRY(store::append_audit(db, {"member:" + m.login_id, "withdrawal.request", object_of(*id), "",
                                  snapshot(*w).dump()}));
  MD_TRY(tx.commit());
  return w;
}

Result<store::WithdrawalRequest> cancel_withdrawal(store::Db& db, const store::Member& m,
                                                   int64_t request_id) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto w = load(db, request_id);
  if (!w.ok()) return w.error();
  if (w->member_id != m.id) return not_found();  // another member's: as if it did not exist
  if (w->status != "pending") return already_decided();
  auto after = decide(db, *w, WithdrawalStatus::kCancelled, "member:" + m.login_id, m.login_id,
                      std::nullopt, "withdrawal.cancel");
  if (!after.ok()) return after.error();
  MD_TRY(tx.commit());
  return after;
}

Result<store::WithdrawalRequest> approve_withdrawal(store::Db& db, int64_t request_id,
                                                    const std::string& staff_login) {
  const std::string actor = "staff:" + staff_login;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto w = load(db, request_id);
  if (!w.ok()) return w.error();
  if (w->status != "pending") return already_decided();
  store::MemberRepo members(db);
  auto m = members.find(w->member_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return not_found();
  const std::string old_status = (*m)->status;
  auto after = decide(db, *w, WithdrawalStatus::kApproved, actor, staff_login, std::nullopt,
                      "withdrawal.approve");
  if (!after.ok()) return after.error();
  // The status change bumps meta.directory_rev (trigger): the 会员名录 drops the member.
  MD_TRY(members.set_status(w->member_id, "withdrawn"));
  MD_TRY(store::append_audit(db, {actor, "member.withdraw", "member:" + std::to_string(w->member_id),
                                  nlohmann::json{{"status", old_status}}.dump(),
                                  nlohmann::json{{"status", "withdrawn"}}.dump()}));
  auto voided = certs::void_for_member(db, w->member_id, actor, "会员退会");
  if (!voided.ok()) return voided.error();
  auto msg = store::MessageRepo(db).add_personal(
      w->member_id, "退会申请已处理",
      "您的退会申请已审核通过，会籍已终止，会员证已作废。您仍可登录查看会员资料和历史记录。", actor);
  if (!msg.ok()) return msg.error();
  MD_TRY(tx.commit());
  return after;
}

Result<store::WithdrawalRequest> reject_withdrawal(store::Db& db, int64_t request_id,
                                                   const std::string& staff_login,
                                                   const std::string& raw_reason) {
  const std::string reason = core::trim(raw_reason);
  if (auto msg = domain::check_rejection_reason(reason); !msg.empty())
    return make_error(ErrorKind::kInvalidArgument, "validation_failed", msg);
  const std::string actor = "staff:" + staff_login;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto w = load(db, request_id);
  if (!w.ok()) return w.error();
  if (w->status != "pending") return already_decided();
  auto after = decide(db, *w, WithdrawalStatus::kRejected, actor, staff_login, reason,
                      "withdrawal.reject");
  if (!after.ok()) return after.error();
  auto msg = store::MessageRepo(db).add_personal(w->member_id, "退会申请未通过",
                                                 "您的退会申请未通过，原因：" + reason, actor);
  if (!msg.ok()) return msg.error();
  MD_TRY(tx.commit());
  return after;
}

}  // namespace md::membership
