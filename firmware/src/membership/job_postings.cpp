#include "membership/job_postings.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/staff_reasons.h"
#include "store/audit_repo.h"
#include "store/message_repo.h"

namespace md::membership {
namespace {

Error not_found() { return make_error(ErrorKind::kNotFound, "not_found", "招聘信息不存在"); }
Error closed() { return make_error(ErrorKind::kConflict, "closed", "该招聘信息已关闭，不能再修改"); }
Error already_decided() {
  return make_error(ErrorKind::kConflict, "already_decided", "该招聘信息已审核或已修改，请刷新");
}

std::string object_of(int64_t id) { return "job_posting:" + std::to_string(id); }

nlohmann::json snapshot(const store::JobPosting& j) {
  const auto& f = j.fields;
  nlohmann::json s = {{"status", j.status},         {"agency_id", j.agency_id},
                      {"title", f.title},           {"positions", f.positions},
                      {"headcount", f.headcount},   {"requirements", f.requirements},
                      {"place", f.place},           {"pay", domain::pay_text(f)},
                      {"contact_name", f.contact_name}, {"contact_phone", f.contact_phone},
                      {"valid_until", f.valid_until}};
  if (j.reject_reason) s["reject_reason"] = *j.reject_reason;
  return s;
}

Result<store::JobPosting> load(store::Db& db, int64_t id) {
  auto r = store::JobPostingRepo(db).find(id);
  if (!r.ok()) return r.error();
  if (!r->has_value()) return not_found();
  return **r;
}

Status audit(store::Db& db, const std::string& actor, const char* action,
             const std::optional<store::JobPosting>& before, const store::JobPosting& after) {
  return store::append_audit(db, {actor, action, object_of(after.id),
                                  before ? snapshot(*before).dump() : "", snapshot(after).dump()});
}

std::string member_actor(const store::Member& m) { return "member:" + m.login_id; }

// A reviewer's decision: pending → `to`, audited, the agency told.
Result<store::JobPosting> decide(store::Db& db, int64_t id, const std::string& staff_login,
                                 const std::string& to, const std::optional<std::string>& reason,
                                 const char* action, const std::string& title,
                                 const std::string& body_suffix) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto before = load(db, id);
  if (!before.ok()) return before.error();
  if (before->status != "pending") return already_decided();
  auto moved = store::JobPostingRepo(db).move(id, {"pending"}, to, staff_login, reason);
  if (!moved.ok()) return moved.error();
  if (!*moved) return already_decided();
  auto after = load(db, id);
  if (!after.ok()) return after.error();
  const std::string actor = "staff:" + staff_login;
  MD_TRY(audit(db, actor, action, *before, *after));
  auto msg = store::MessageRepo(db).add_personal(
      before->agency_id, title, "您发布的招聘信息“" + before->fields.title + "”" + body_suffix, actor);
  if (!msg.ok()) return msg.error();
  MD_TRY(tx.commit());
  return after;
}

}  // namespace

Result<store::JobPosting> own_job(store::Db& db, const store::Member& agency, int64_t id) {
  auto j = load(db, id);
  if (!j.ok()) return j.error();
  if (j->agency_id != agency.id) return not_found();
  return j;
}

std::optional<Error> posting_blocked(const store::Member& agency) {
  auto status = domain::member_status_from_code(agency.status);
  if (status == domain::MemberStatus::kWithdrawn)
    return make_error(ErrorKind::kConflict, "withdrawn", "您已退会，不能再发布招聘信息");
  if (!status || !domain::may_post_jobs(*status))
    return make_error(ErrorKind::kConflict, "not_member", "您的入会申请尚未审核通过，暂不能发布招聘信息");
  return std::nullopt;
}

Result<JobOutcome> create_job(store::Db& db, const store::Member& agency, const domain::JobForm& form,
                              const std::string& today) {
  if (auto blocked = posting_blocked(agency)) return *blocked;
  JobOutcome out;
  domain::JobFields fields;
  out.errors = domain::check_job(form, today, &fields);
  if (!out.errors.empty()) return out;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto id = store::JobPostingRepo(db).create(agency.id, fields);
  if (!id.ok()) return id.error();
  auto after = load(db, *id);
  if (!after.ok()) return after.error();
  MD_TRY(audit(db, member_actor(agency), "job.create", std::nullopt, *after));
  MD_TRY(tx.commit());
  out.posting = *after;
  return out;
}

Result<JobOutcome> edit_job(store::Db& db, const store::Member& agency, int64_t id,
                            const domain::JobForm& form, const std::string& today) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto before = own_job(db, agency, id);
  if (!before.ok()) return before.error();
  if (!domain::job_editable(before->status)) return closed();
  JobOutcome out;
  domain::JobFields fields;
  out.errors = domain::check_job(form, today, &fields);
  if (!out.errors.empty()) return out;
  auto updated = store::JobPostingRepo(db).update(id, fields);
  if (!updated.ok()) return updated.error();
  if (!*updated) return closed();
  auto after = load(db, id);
  if (!after.ok()) return after.error();
  MD_TRY(audit(db, member_actor(agency), "job.edit", *before, *after));
  MD_TRY(tx.commit());
  out.posting = *after;
  return out;
}

Result<store::JobPosting> close_job(store::Db& db, const store::Member& agency, int64_t id) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto before = own_job(db, agency, id);
  if (!before.ok()) return before.error();
  if (!domain::job_closable(before->status))
    return make_error(ErrorKind::kConflict, "closed", "该招聘信息已关闭");
  auto moved = store::JobPostingRepo(db).move(id, {"pending", "approved", "rejected"}, "closed", "",
                                              std::nullopt);
  if (!moved.ok()) return moved.error();
  if (!*moved) return make_error(ErrorKind::kConflict, "closed", "该招聘信息已关闭");
  auto after = load(db, id);
  if (!after.ok()) return after.error();
  MD_TRY(audit(db, member_actor(agency), "job.close", *before, *after));
  MD_TRY(tx.commit());
  return after;
}

Result<store::JobPosting> approve_job(store::Db& db, int64_t id, const std::string& staff_login) {
  return decide(db, id, staff_login, "approved", std::nullopt, "job.approve", "招聘信息已通过审核",
                "已通过审核，现已在招聘信息页面展示。");
}

Result<store::JobPosting> reject_job(store::Db& db, int64_t id, const std::string& staff_login,
                                     const std::string& raw_reason) {
  const std::string reason = core::trim(raw_reason);
  if (auto msg = domain::staff_reason_problem(reason, "驳回原因"); !msg.empty())
    return make_error(ErrorKind::kInvalidArgument, "validation_failed", msg);
  return decide(db, id, staff_login, "rejected", reason, "job.reject", "招聘信息未通过审核",
                "未通过审核，原因：" + reason + "。修改后可重新提交审核。");
}

}  // namespace md::membership
