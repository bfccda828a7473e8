#include "membership/cert_change.h"

#include <nlohmann/json.hpp>

#include "certs/issuance.h"
#include "core/utf8.h"
#include "domain/application_forms.h"
#include "domain/cert_change.h"
#include "domain/profile.h"
#include "store/account_repo.h"
#include "store/audit_repo.h"
#include "store/message_repo.h"
#include "store/profile_repo.h"

namespace md::membership {
namespace {

using Values = std::map<std::string, std::string>;

Error not_found() { return make_error(ErrorKind::kNotFound, "not_found", "会员证信息修改申请不存在"); }
Error already_decided() {
  return make_error(ErrorKind::kConflict, "already_decided", "该申请已处理，请刷新");
}
Error qualification_taken() {
  return make_error(ErrorKind::kConflict, "qualification_taken", "该资格证号已被其他会员使用");
}

std::string object_of(int64_t id) { return "cert_change_request:" + std::to_string(id); }

nlohmann::json profile_object(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

Values parse_values(const std::string& text) {
  Values v;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return v;
  for (const auto& [k, val] : j.items())
    if (val.is_string()) v[k] = val.get<std::string>();
  return v;
}

nlohmann::json snapshot(const store::CertChangeRequest& r) {
  nlohmann::json j = {{"status", r.status},
                      {"member_id", r.member_id},
                      {"before", nlohmann::json::parse(r.before_json, nullptr, false)},
                      {"after", nlohmann::json::parse(r.after_json, nullptr, false)}};
  if (r.decision_reason) j["decision_reason"] = *r.decision_reason;
  return j;
}

Result<store::CertChangeRequest> load(store::Db& db, int64_t id) {
  auto r = store::CertChangeRepo(db).find(id);
  if (!r.ok()) return r.error();
  if (!r->has_value()) return not_found();
  return **r;
}

Result<store::CertChangeRequest> decide(store::Db& db, const store::CertChangeRequest& before,
                                        const char* status, const std::string& actor,
                                        const std::string& by,
                                        const std::optional<std::string>& reason,
                                        const char* action) {
  auto moved = store::CertChangeRepo(db).decide(before.id, status, by, reason);
  if (!moved.ok()) return moved.error();
  if (!*moved) return already_decided();
  auto after = load(db, before.id);
  if (!after.ok()) return after.error();
  MD_TRY(store::append_audit(db, {actor, action, object_of(before.id), snapshot(before).dump(),
                                  snapshot(*after).dump()}));
  return after;
}

bool has_qualification(domain::MemberType t) {
  return t == domain::MemberType::kAttorney || t == domain::MemberType::kNonPracticing;
}

}  // namespace

Result<Values> change_current(store::Db& db, const store::Member& m) {
  auto type = domain::member_type_from_code(m.type);
  if (!type) return make_error(ErrorKind::kInternal, "bad_member", "bad member type");
  Values v{{"name", m.name}};
  if (*type == domain::MemberType::kAttorney) v["qualification_no"] = m.login_id;
  if (*type == domain::MemberType::kNonPracticing) {
    auto stored = store::ProfileRepo(db).profile_json(m.id);
    if (!stored.ok()) return stored.error();
    v["qualification_no"] = profile_object(*stored).value("qualification_no", "");
  }
  return v;
}

Result<ChangeRequestOutcome> request_change(store::Db& db, const store::Member& m,
                                            const Values& input, const std::string& note,
                                            const std::string& today) {
  auto type = domain::member_type_from_code(m.type);
  auto status = domain::member_status_from_code(m.status);
  if (!type || !status) return make_error(ErrorKind::kInternal, "bad_member", "bad member row");
  if (*status == domain::MemberStatus::kWithdrawn)
    return make_error(ErrorKind::kConflict, "withdrawn", "您已退会，不能再申请修改会员证信息");
  if (!domain::may_request_change(*status))
    return make_error(ErrorKind::kConflict, "not_member",
                      "您的入会申请尚未审核通过，暂不能申请修改会员证信息");
  auto current = change_current(db, m);
  if (!current.ok()) return current.error();
  const domain::ChangeCurrent now{(*current)["name"], (*current)["qualification_no"]};
  ChangeRequestOutcome out;
  auto check = domain::check_change(*type, now, input, note, today);
  out.errors = check.errors;
  store::CertChangeRepo repo(db);
  if (auto q = check.values.find("qualification_no"); q != check.values.end()) {
    auto taken = repo.qualification_taken(q->second, m.id);
    if (!taken.ok()) return taken.error();
    if (*taken) out.errors["qualification_no"] = "该资格证号已被其他会员使用";
  }
  if (!out.errors.empty()) return out;

  nlohmann::json before = nlohmann::json::object(), after = nlohmann::json::object();
  for (const auto& [k, v] : check.values) {
    before[k] = (*current)[k];
    after[k] = v;
  }
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto id = repo.create(m.id, before.dump(), after.dump(), check.note);
  if (!id.ok()) return id.error();
  auto r = load(db, *id);
  if (!r.ok()) return r.error();
  MD_TRY(store::append_audit(db, {"member:" + m.login_id, "cert_change.request", object_of(*id), "",
                                  snapshot(*r).dump()}));
  MD_TRY(tx.commit());
  out.request = *r;
  return out;
}

Result<store::CertChangeRequest> cancel_change(store::Db& db, const store::Member& m, int64_t id) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto r = load(db, id);
  if (!r.ok()) return r.error();
  if (r->member_id != m.id) return not_found();
  if (r->status != "pending") return already_decided();
  auto after = decide(db, *r, "cancelled", "member:" + m.login_id, m.login_id, std::nullopt,
                      "cert_change.cancel");
  if (!after.ok()) return after.error();
  MD_TRY(tx.commit());
  return after;
}

Result<ChangeApproval> approve_change(store::Db& db, const certs::SigningKey& key, int64_t id,
                                      const std::string& staff_login, const std::string& today) {
  const std::string actor = "staff:" + staff_login;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto r = load(db, id);
  if (!r.ok()) return r.error();
  if (r->status != "pending") return already_decided();
  store::MemberRepo members(db);
  auto found = members.find(r->member_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return not_found();
  const store::Member m = **found;
  auto type = domain::member_type_from_code(m.type);
  if (!type) return make_error(ErrorKind::kInternal, "bad_member", "bad member type");
  const Values wanted = parse_values(r->after_json);
  auto current = change_current(db, m);
  if (!current.ok()) return current.error();

  const std::string name = wanted.count("name") ? wanted.at("name") : m.name;
  std::string login = m.login_id;
  auto qualification = wanted.find("qualification_no");
  if (qualification != wanted.end() && has_qualification(*type)) {
    auto taken = store::CertChangeRepo(db).qualification_taken(qualification->second, m.id);
    if (!taken.ok()) return taken.error();
    if (*taken) return qualification_taken();
    if (*type == domain::MemberType::kAttorney) login = qualification->second;
  }
  if (auto st = members.rename(m.id, name, login); !st.ok()) {
    if (st.error().code == "login_taken") return qualification_taken();
    return st.error();
  }
  // The profile keeps the application's fields: the name and 资格证号 follow the change.
  store::ProfileRepo profiles(db);
  auto stored = profiles.profile_json(m.id);
  if (!stored.ok()) return stored.error();
  nlohmann::json profile = profile_object(*stored);
  profile[domain::form_for(*type).name_field] = name;
  if (qualification != wanted.end()) profile["qualification_no"] = qualification->second;
  MD_TRY(profiles.save_profile_json(m.id, profile.dump()));

  ChangeApproval out;
  if (login != m.login_id) {
    auto account = store::AccountRepo(db).set_member_login(m.id, login);
    if (!account.ok()) return account.error();
    out.relogin_account = *account;
  }
  nlohmann::json before_member = nlohmann::json::object(), after_member = nlohmann::json::object();
  for (const auto& [k, v] : wanted) {
    before_member[k] = (*current)[k];
    after_member[k] = v;
  }
  MD_TRY(store::append_audit(db, {actor, "member.certificate_info_change",
                                  "member:" + std::to_string(m.id), before_member.dump(),
                                  after_member.dump()}));
  auto reissued = certs::reissue_for_member(db, key, m.id, actor, "会员证信息变更", today);
  if (!reissued.ok()) return reissued.error();
  out.reissued = static_cast<int>(reissued->size());
  auto decided = decide(db, *r, "approved", actor, staff_login, std::nullopt, "cert_change.approve");
  if (!decided.ok()) return decided.error();
  out.request = *decided;
  std::string body = "您的会员证信息修改申请已审核通过，";
  body += out.reissued > 0 ? "会员证已按新信息重新签发，原会员证作废。" : "会员信息已更新。";
  if (out.relogin_account) body += "请使用新的资格证号登录。";
  auto msg = store::MessageRepo(db).add_personal(m.id, "会员证信息修改申请已通过", body, actor);
  if (!msg.ok()) return msg.error();
  MD_TRY(tx.commit());
  return out;
}

Result<store::CertChangeRequest> reject_change(store::Db& db, int64_t id,
                                               const std::string& staff_login,
                                               const std::string& raw_reason) {
  const std::string reason = core::trim(raw_reason);
  if (auto msg = domain::check_rejection_reason(reason); !msg.empty())
    return make_error(ErrorKind::kInvalidArgument, "validation_failed", msg);
  const std::string actor = "staff:" + staff_login;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto r = load(db, id);
  if (!r.ok()) return r.error();
  if (r->status != "pending") return already_decided();
  auto after = decide(db, *r, "rejected", actor, staff_login, reason, "cert_change.reject");
  if (!after.ok()) return after.error();
  auto msg = store::MessageRepo(db).add_personal(r->member_id, "会员证信息修改申请未通过",
                                                 "您的会员证信息修改申请未通过，原因：" + reason, actor);
  if (!msg.ok()) return msg.error();
  MD_TRY(tx.commit());
  return after;
}

}  // namespace md::membership
