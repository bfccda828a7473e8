#include "membership/cert_mail.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/staff_reasons.h"
#include "membership/profile.h"
#include "store/audit_repo.h"
#include "store/certificate_repo.h"
#include "store/message_repo.h"

namespace md::membership {
namespace {

Error not_found() { return make_error(ErrorKind::kNotFound, "not_found", "邮寄申请不存在"); }
Error already_decided() {
  return make_error(ErrorKind::kConflict, "already_decided", "该邮寄申请已处理，请刷新");
}

std::string object_of(int64_t id) { return "cert_mail_request:" + std::to_string(id); }

nlohmann::json snapshot(const store::CertMailRequest& r) {
  nlohmann::json j = {{"status", r.status},       {"member_id", r.member_id},
                      {"certificate", r.cert_no}, {"recipient", r.recipient},
                      {"phone", r.phone},         {"address", r.address}};
  if (r.courier) j["courier"] = *r.courier;
  if (r.tracking_no) j["tracking_no"] = *r.tracking_no;
  if (r.cancel_reason) j["cancel_reason"] = *r.cancel_reason;
  return j;
}

Result<store::CertMailRequest> load(store::Db& db, int64_t id) {
  auto r = store::CertMailRepo(db).find(id);
  if (!r.ok()) return r.error();
  if (!r->has_value()) return not_found();
  return **r;
}

// Audits a staff decision on a request and tells the member; the caller's transaction.
Result<store::CertMailRequest> after_decision(store::Db& db, const store::CertMailRequest& before,
                                              const std::string& actor, const char* action,
                                              const std::string& title, const std::string& body) {
  auto after = load(db, before.id);
  if (!after.ok()) return after.error();
  MD_TRY(store::append_audit(db, {actor, action, object_of(before.id), snapshot(before).dump(),
                                  snapshot(*after).dump()}));
  auto msg = store::MessageRepo(db).add_personal(before.member_id, title, body, actor);
  if (!msg.ok()) return msg.error();
  return after;
}

}  // namespace

Result<domain::MailForm> mail_prefill(store::Db& db, const store::Member& m) {
  auto type = domain::member_type_from_code(m.type);
  if (!type) return make_error(ErrorKind::kInternal, "bad_member", "bad member type");
  auto values = profile_values(db, m);
  if (!values.ok()) return values.error();
  return domain::mail_prefill(*type, *values);
}

Result<std::optional<int64_t>> mailable_certificate(store::Db& db, const store::Member& m, int year) {
  auto c = store::CertificateRepo(db).valid_for(m.id, year);
  if (!c.ok()) return c.error();
  if (!c->has_value()) return std::optional<int64_t>();
  return std::optional<int64_t>((*c)->id);
}

Result<MailRequestOutcome> request_mail(store::Db& db, const store::Member& m,
                                        domain::MailForm form, int year) {
  if (m.status == "withdrawn")
    return make_error(ErrorKind::kConflict, "withdrawn", "您已退会，会员证不能再邮寄");
  MailRequestOutcome out;
  out.errors = domain::check_mail(&form);
  if (!out.errors.empty()) return out;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto cert = mailable_certificate(db, m, year);
  if (!cert.ok()) return cert.error();
  if (!*cert)
    return make_error(ErrorKind::kConflict, "no_certificate",
                      "您还没有" + std::to_string(year) + "年度有效的会员证，缴纳会费后即可申请邮寄");
  auto id = store::CertMailRepo(db).create(m.id, **cert, form.recipient, form.phone, form.address);
  if (!id.ok()) return id.error();
  auto r = load(db, *id);
  if (!r.ok()) return r.error();
  MD_TRY(store::append_audit(db, {"member:" + m.login_id, "cert_mail.request", object_of(*id), "",
                                  snapshot(*r).dump()}));
  MD_TRY(tx.commit());
  out.request = *r;
  return out;
}

Result<ShipmentOutcome> mark_mail_sent(store::Db& db, int64_t id, const std::string& staff_login,
                                       std::string courier, std::string tracking_no) {
  ShipmentOutcome out;
  out.errors = domain::check_shipment(&courier, &tracking_no);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto before = load(db, id);
  if (!before.ok()) return before.error();
  if (before->status != "pending") return already_decided();
  if (!out.errors.empty()) return out;
  auto moved = store::CertMailRepo(db).mark_sent(id, staff_login, courier, tracking_no);
  if (!moved.ok()) return moved.error();
  if (!*moved) return already_decided();
  auto after = after_decision(db, *before, "staff:" + staff_login, "cert_mail.sent", "会员证已寄出",
                              "您申请邮寄的会员证已寄出。快递公司：" + courier + "，快递单号：" +
                                  tracking_no + "。");
  if (!after.ok()) return after.error();
  MD_TRY(tx.commit());
  out.request = *after;
  return out;
}

Result<store::CertMailRequest> cancel_mail(store::Db& db, int64_t id, const std::string& staff_login,
                                           const std::string& raw_reason) {
  const std::string reason = core::trim(raw_reason);
  if (auto msg = domain::staff_reason_problem(reason, "取消原因"); !msg.empty())
    return make_error(ErrorKind::kInvalidArgument, "validation_failed", msg);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto before = load(db, id);
  if (!before.ok()) return before.error();
  if (before->status != "pending") return already_decided();
  auto moved = store::CertMailRepo(db).cancel(id, staff_login, reason);
  if (!moved.ok()) return moved.error();
  if (!*moved) return already_decided();
  auto after = after_decision(db, *before, "staff:" + staff_login, "cert_mail.cancel",
                              "会员证邮寄申请已取消", "您的会员证邮寄申请已被取消，原因：" + reason);
  if (!after.ok()) return after.error();
  MD_TRY(tx.commit());
  return after;
}

}  // namespace md::membership
