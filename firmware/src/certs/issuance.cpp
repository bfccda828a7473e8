#include "certs/issuance.h"

#include <nlohmann/json.hpp>

#include "domain/certificate.h"
#include "store/audit_repo.h"
#include "store/member_repo.h"

namespace md::certs {
namespace {

nlohmann::json audit_view(const store::CertificateRow& c) {
  nlohmann::json j = {{"cert_no", c.cert_no}, {"member_id", c.member_id}, {"year", c.year},
                      {"version", c.version}, {"name", c.name},         {"member_no", c.member_no},
                      {"valid_until", c.valid_until}, {"status", c.status}};
  if (c.void_reason) j["void_reason"] = *c.void_reason;
  return j;
}

Status audit(store::Db& db, const std::string& actor, const char* action, const store::CertificateRow& c,
             const nlohmann::json& before, const nlohmann::json& after) {
  return store::append_audit(db, {actor, action, "certificate:" + c.cert_no,
                                  before.is_null() ? "" : before.dump(), after.dump()});
}

Result<store::Member> member_for(store::Db& db, int64_t member_id) {
  auto m = store::MemberRepo(db).find(member_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  return **m;
}

// Signs and stores a new certificate of `m` for `year`. The caller checked there is no valid one.
Result<store::CertificateRow> sign_and_store(store::Db& db, const SigningKey& key, const store::Member& m, int year,
                                             const std::string& issue_reason, const std::string& actor,
                                             const std::string& note, std::optional<int64_t> replaces,
                                             const std::string& today) {
  store::CertificateRepo repo(db);
  auto seq = repo.next_sequence(year);
  if (!seq.ok()) return seq.error();
  auto last = repo.last_version(m.id, year);
  if (!last.ok()) return last.error();
  domain::CertificateFacts f;
  f.cert_no = domain::format_cert_no(year, *seq);
  f.version = *last + 1;
  f.year = year;
  f.member_no = domain::payload_safe(*m.member_no);
  f.member_type = m.type;
  f.name = domain::payload_safe(m.name);
  f.valid_until = domain::certificate_valid_until(year);
  f.issued_on = today;
  store::CertificateRow row;
  row.cert_no = f.cert_no;
  row.member_id = m.id;
  row.year = year;
  row.version = f.version;
  row.member_no = f.member_no;
  row.member_type = f.member_type;
  row.name = f.name;
  row.valid_until = f.valid_until;
  row.issued_on = f.issued_on;
  row.payload = domain::payload_of(f);
  row.signature = key.sign(row.payload);
  row.issue_reason = issue_reason;
  row.issued_by = actor;
  if (!note.empty()) row.note = note;
  row.replaces_id = replaces;
  auto id = repo.insert(row);
  if (!id.ok()) return id.error();
  row.id = *id;
  nlohmann::json after = audit_view(row);
  after["issue_reason"] = issue_reason;
  if (!note.empty()) after["note"] = note;
  MD_TRY(audit(db, actor, issue_reason == "reissue" ? "certificate.reissue" : "certificate.issue", row, nullptr,
               after));
  return row;
}

bool issuable(const store::Member& m) {
  return m.member_no && !m.member_no->empty() && (m.status == "active" || m.status == "approved_unpaid");
}

Result<store::CertificateRow> find_cert(store::Db& db, int64_t id) {
  auto c = store::CertificateRepo(db).find(id);
  if (!c.ok()) return c.error();
  if (!c->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员证不存在");
  return **c;
}

}  // namespace

Result<std::optional<store::CertificateRow>> issue_for_paid(store::Db& db, const SigningKey& key, int64_t member_id,
                                                            int year, const std::string& today) {
  auto m = member_for(db, member_id);
  if (!m.ok()) return m.error();
  auto existing = store::CertificateRepo(db).valid_for(member_id, year);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) return std::optional<store::CertificateRow>();
  if (!issuable(*m)) {
    MD_TRY(store::append_audit(db, {"system", "certificate.issue_skipped", "member:" + std::to_string(member_id), "",
                                    nlohmann::json{{"year", year}, {"status", m->status}, {"why", "no member number"}}
                                        .dump()}));
    return std::optional<store::CertificateRow>();
  }
  auto row = sign_and_store(db, key, *m, year, "dues_paid", "system", "", std::nullopt, today);
  if (!row.ok()) return row.error();
  return std::optional<store::CertificateRow>(std::move(row).value());
}

Result<store::CertificateRow> issue_by_staff(store::Db& db, const SigningKey& key, const IssueRequest& r,
                                             const std::string& today) {
  auto m = member_for(db, r.member_id);
  if (!m.ok()) return m.error();
  if (!issuable(*m))
    return make_error(ErrorKind::kConflict, "not_issuable", "该会员尚未获批入会或已退会，不能签发会员证");
  auto existing = store::CertificateRepo(db).valid_for(r.member_id, r.year);
  if (!existing.ok()) return existing.error();
  if (existing->has_value())
    return make_error(ErrorKind::kConflict, "already_issued",
                      std::to_string(r.year) + "年度会员证已签发（证书编号" + (*existing)->cert_no + "），如需更换请重新签发");
  return sign_and_store(db, key, *m, r.year, "staff", r.actor, r.reason, std::nullopt, today);
}

Result<store::CertificateRow> reissue(store::Db& db, const SigningKey& key, int64_t certificate_id,
                                      const std::string& actor, const std::string& reason, const std::string& today) {
  auto old = find_cert(db, certificate_id);
  if (!old.ok()) return old.error();
  if (old->status != "valid") return make_error(ErrorKind::kConflict, "certificate_void", "该会员证已作废，不能重新签发");
  auto m = member_for(db, old->member_id);
  if (!m.ok()) return m.error();
  if (!issuable(*m))
    return make_error(ErrorKind::kConflict, "not_issuable", "该会员尚未获批入会或已退会，不能签发会员证");
  const std::string void_reason = "已重新签发" + (reason.empty() ? std::string() : "：" + reason);
  MD_TRY(store::CertificateRepo(db).set_void(old->id, void_reason, actor));
  auto before = audit_view(*old);
  old->status = "void";
  old->void_reason = void_reason;
  MD_TRY(audit(db, actor, "certificate.void", *old, before, audit_view(*old)));
  return sign_and_store(db, key, *m, old->year, "reissue", actor, reason, old->id, today);
}

Result<store::CertificateRow> void_certificate(store::Db& db, int64_t certificate_id, const std::string& actor,
                                               const std::string& reason) {
  auto c = find_cert(db, certificate_id);
  if (!c.ok()) return c.error();
  if (c->status != "valid") return make_error(ErrorKind::kConflict, "certificate_void", "该会员证已作废");
  MD_TRY(store::CertificateRepo(db).set_void(c->id, reason, actor));
  auto before = audit_view(*c);
  auto after = find_cert(db, certificate_id);
  if (!after.ok()) return after.error();
  MD_TRY(audit(db, actor, "certificate.void", *after, before, audit_view(*after)));
  return after;
}

Result<int> issue_for_paid_members(store::Db& db, const SigningKey& key, int year, const std::string& actor,
                                   const std::string& today) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto ids = store::CertificateRepo(db).paid_without_certificate(year);
  if (!ids.ok()) return ids.error();
  int n = 0;
  for (int64_t id : *ids) {
    auto m = member_for(db, id);
    if (!m.ok()) return m.error();
    auto row = sign_and_store(db, key, *m, year, "staff", actor, "会费已缴（批量签发）", std::nullopt, today);
    if (!row.ok()) return row.error();
    ++n;
  }
  MD_TRY(tx.commit());
  return n;
}

Result<std::vector<store::CertificateRow>> reissue_stale(store::Db& db, const SigningKey& key, const std::string& actor,
                                                         const std::string& reason, const std::string& today) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto ids = store::CertificateRepo(db).stale_valid();
  if (!ids.ok()) return ids.error();
  std::vector<store::CertificateRow> out;
  for (int64_t id : *ids) {
    auto r = reissue(db, key, id, actor, reason, today);
    if (!r.ok()) {
      if (r.error().code == "not_issuable") continue;  // withdrawn or unnumbered: nothing to re-issue
      return r.error();
    }
    out.push_back(std::move(r).value());
  }
  MD_TRY(tx.commit());
  return out;
}

Result<int> void_for_member(store::Db& db, int64_t member_id, const std::string& actor, const std::string& reason) {
  auto all = store::CertificateRepo(db).for_member(member_id);
  if (!all.ok()) return all.error();
  int n = 0;
  for (const auto& c : *all) {
    if (c.status != "valid") continue;
    auto v = void_certificate(db, c.id, actor, reason);
    if (!v.ok()) return v.error();
    ++n;
  }
  return n;
}

Result<std::vector<store::CertificateRow>> reissue_for_member(store::Db& db, const SigningKey& key,
                                                              int64_t member_id, const std::string& actor,
                                                              const std::string& reason, const std::string& today) {
  auto all = store::CertificateRepo(db).for_member(member_id);
  if (!all.ok()) return all.error();
  std::vector<store::CertificateRow> out;
  for (const auto& c : *all) {
    if (c.status != "valid") continue;
    auto r = reissue(db, key, c.id, actor, reason, today);
    if (!r.ok()) return r.error();
    out.push_back(std::move(r).value());
  }
  return out;
}

}  // namespace md::certs
