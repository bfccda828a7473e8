#include "membership/applications.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/utf8.h"
#include "domain/member_number.h"
#include "notify/sms_outbox.h"
#include "store/account_repo.h"
#include "store/audit_repo.h"
#include "store/calendar_repo.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"
#include "store/message_repo.h"

namespace md::membership {
namespace {

using domain::MemberType;
constexpr int kReviewWorkingDays = 5;

Error conflict(const std::string& code, const std::string& message) {
  return make_error(ErrorKind::kConflict, code, message);
}

std::string actor_staff(const std::string& login) { return "staff:" + login; }

// Roster values the applicant cannot change (login id, practising agency).
Status force_roster_fields(store::Db& db, const domain::FormDef& form, int64_t member_id,
                           domain::Values* fields) {
  auto known = roster_prefill(db, member_id);
  if (!known.ok()) return known.error();
  for (const auto& f : form.fields) {
    if (f.source == domain::FieldSource::kApplicant) continue;
    auto it = known->find(f.key);
    (*fields)[f.key] = it == known->end() ? "" : it->second;
  }
  return Status::success();
}

}  // namespace

Result<std::string> due_date_for(store::Db& db, const std::string& today_iso) {
  auto cal = store::CalendarRepo(db).load();
  if (!cal.ok()) return cal.error();
  auto today = domain::parse_iso_date(today_iso);
  if (!today) return make_error(ErrorKind::kInternal, "bad_date", "bad date " + today_iso);
  return domain::format_iso_date(cal->add_working_days(*today, kReviewWorkingDays));
}

namespace {
// The Asia/Shanghai date of a submission (due dates count from it).
std::optional<domain::Date> submitted_day(const store::Application& a) {
  auto t = core::iso_to_unix(a.submitted_at);
  if (!t) return domain::parse_iso_date(a.submitted_at.substr(0, 10));
  return domain::parse_iso_date(core::unix_to_shanghai(*t, "%Y-%m-%d"));
}
}  // namespace

bool due_date_estimated(const domain::WorkCalendar& cal, const store::Application& a) {
  auto from = submitted_day(a);
  auto due = domain::parse_iso_date(a.due_date);
  return from && due && domain::is_estimated_due_date(cal, *from, *due);
}

Result<int> recount_due_dates(store::Db& db) {
  auto cal = store::CalendarRepo(db).load();
  if (!cal.ok()) return cal.error();
  store::ApplicationRepo apps(db);
  auto open = apps.submitted();
  if (!open.ok()) return open.error();
  int moved = 0;
  for (const auto& a : *open) {
    auto from = submitted_day(a);
    if (!from) continue;
    const std::string due = domain::format_iso_date(cal->add_working_days(*from, kReviewWorkingDays));
    if (due == a.due_date) continue;
    MD_TRY(apps.set_due_date(a.id, due));
    ++moved;
  }
  return moved;
}

Result<domain::Values> roster_prefill(store::Db& db, int64_t member_id) {
  store::MemberRepo members(db);
  auto m = members.find(member_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "会员不存在");
  const auto& mem = **m;
  domain::Values v;
  if (mem.type == "agency") {
    v["org_name"] = mem.name;
    v["agency_code"] = mem.login_id;
    if (mem.uscc) v["uscc"] = *mem.uscc;
  } else if (mem.type == "attorney") {
    v["name"] = mem.name;
    v["qualification_no"] = mem.login_id;
    if (mem.practice_no) v["practice_no"] = *mem.practice_no;
    if (mem.agency_id) {
      auto agency = members.name_of(*mem.agency_id);
      if (!agency.ok()) return agency.error();
      if (agency->has_value()) v["agency_name"] = **agency;
    }
  }
  return v;
}

Result<SubmitOutcome> submit(store::Db& db, const config::Config& cfg, const Submission& s) {
  const auto& form = domain::form_for(s.type);
  const bool roster_type = s.type == MemberType::kAgency || s.type == MemberType::kAttorney;
  store::MemberRepo members(db);
  std::optional<store::Member> member;
  domain::Values input = s.fields;
  if (roster_type) {
    if (!s.member_id)
      return make_error(ErrorKind::kUnauthenticated, "unauthenticated", "请先登录后再申请入会");
    auto m = members.find(*s.member_id);
    if (!m.ok()) return m.error();
    if (!m->has_value() || (*m)->type != domain::to_code(s.type))
      return make_error(ErrorKind::kForbidden, "forbidden", "您的账号类型不能提交该类入会申请");
    member = **m;
    MD_TRY(force_roster_fields(db, form, *s.member_id, &input));
  }

  SubmitOutcome out;
  const std::string today = store::today_shanghai();
  domain::Values values;
  domain::CheckOverrides overrides;
  for (const auto& entry : s.check_overrides) overrides.fields.insert(entry.first);
  out.field_errors =
      domain::validate_form(form, input, &values, today, s.staff_login ? &overrides : nullptr);
  if (!s.agreed_to_charter) out.field_errors["agree_charter"] = "请阅读并勾选同意协会章程";
  if (!out.field_errors.empty()) return out;

  const std::string key = values.at(form.key_field);
  store::ApplicationRepo apps(db);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto open = apps.open_for(key);
  if (!open.ok()) return open.error();
  if (open->has_value())
    return conflict("application_open", "您的入会申请正在审核中，请勿重复提交");
  if (member && member->status != "roster")
    return conflict("already_member", "您已是协会会员或已通过审核，无需重复申请");
  if (!roster_type) {
    auto existing = members.find_by_login(key);
    if (!existing.ok()) return existing.error();
    if (existing->has_value()) {
      out.field_errors[form.key_field] = s.type == MemberType::kIndustryOrg
                                             ? "该统一社会信用代码已是协会会员"
                                             : "该手机号已是协会会员账号";
      out.already_member = true;
      return out;
    }
  }
  auto previous = apps.latest_for(key);
  if (!previous.ok()) return previous.error();
  auto due = due_date_for(db, today);
  if (!due.ok()) return due.error();

  store::Application a;
  a.member_type = std::string(domain::to_code(s.type));
  a.applicant_key = key;
  if (member) a.member_id = member->id;
  a.form_json = nlohmann::json(values).dump();
  a.mobile = values.at(form.mobile_field);
  a.submitted_at = store::utc_now_iso();
  a.due_date = *due;
  if (previous->has_value()) a.previous_id = (*previous)->id;
  auto id = apps.insert(a);
  if (!id.ok()) return id.error();
  if (member) MD_TRY(members.set_status(member->id, "applied"));
  const std::string name = values.at(form.name_field);
  MD_TRY(notify::enqueue_sms(db, cfg, notify::SmsEvent::kApplicationSubmitted, a.mobile,
                             {{"name", name}}));
  if (member) {
    auto msg = store::MessageRepo(db).add_personal(member->id, "入会申请已提交", kSubmittedNotice, "system");
    if (!msg.ok()) return msg.error();
  }
  const std::string who = s.staff_login ? actor_staff(*s.staff_login)
                         : member       ? "member:" + member->login_id
                                        : "applicant:" + key;
  const std::string object = "application:" + std::to_string(*id);
  MD_TRY(store::append_audit(db, {who, "application.submit", object, "", a.form_json}));
  for (const auto& f : form.fields) {
    if (!overrides.used.count(f.key)) continue;
    nlohmann::json after = {{"field", f.key},
                            {"label", f.label},
                            {"value", values.at(f.key)},
                            {"reason", s.check_overrides.at(f.key)}};
    MD_TRY(store::append_audit(db, {who, kCheckOverrideAction, object, "", after.dump()}));
  }
  MD_TRY(tx.commit());
  auto stored = apps.find(*id);
  if (!stored.ok()) return stored.error();
  out.application = **stored;
  return out;
}

Result<Approval> approve(store::Db& db, const config::Config& cfg, int64_t application_id,
                         const std::string& staff_login) {
  store::ApplicationRepo apps(db);
  store::MemberRepo members(db);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto found = apps.find(application_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "申请不存在");
  store::Application a = **found;
  if (a.status != "submitted") return conflict("already_decided", "该申请已处理，请刷新");
  auto type = domain::member_type_from_code(a.member_type);
  if (!type) return make_error(ErrorKind::kInternal, "bad_type", "bad member type");
  const auto& form = domain::form_for(*type);
  auto values = nlohmann::json::parse(a.form_json).get<domain::Values>();
  const std::string name = values[form.name_field];

  const std::string year = store::today_shanghai().substr(0, 4);
  const std::string prefix = std::string(1, domain::member_number_prefix(*type)) + year;
  auto highest = members.highest_member_no(prefix);
  if (!highest.ok()) return highest.error();
  const std::string member_no = domain::next_member_number(*type, std::stoi(year), *highest);

  auto opt = [&](const char* k) {
    auto it = values.find(k);
    return it == values.end() ? std::optional<std::string>() : it->second;
  };
  int64_t member_id = 0;
  if (a.member_id) {
    member_id = *a.member_id;
    MD_TRY(members.approve(member_id, name, member_no, a.form_json, opt("uscc"), opt("practice_no")));
  } else {
    // Industry organisations and non-practicing members get their member record and login now.
    auto existing = members.find_by_login(a.applicant_key);
    if (!existing.ok()) return existing.error();
    if (existing->has_value())
      return conflict("already_member", "该账号已是协会会员，不能重复批准");
    store::Member m;
    m.type = a.member_type;
    m.login_id = a.applicant_key;
    m.name = name;
    m.uscc = opt("uscc");
    auto id = members.insert(m);
    if (!id.ok()) return id.error();
    member_id = *id;
    MD_TRY(members.approve(member_id, name, member_no, a.form_json, m.uscc, std::nullopt));
    MD_TRY(store::AccountRepo(db).ensure_member_login(member_id, a.applicant_key));
  }
  MD_TRY(apps.decide(a.id, "approved", staff_login, std::nullopt, member_id));
  MD_TRY(notify::enqueue_sms(db, cfg, notify::SmsEvent::kApplicationApproved, a.mobile,
                             {{"name", name}, {"member_no", member_no}}));
  auto msg = store::MessageRepo(db).add_personal(
      member_id, "入会申请审核通过",
      "您的入会申请已审核通过，会员编号：" + member_no +
          "。请在会员中心点击【入会申请】，通过【缴纳会费入口】缴纳会费。支付成功后，用户即可使用系统全部功能。",
      actor_staff(staff_login));
  if (!msg.ok()) return msg.error();
  nlohmann::json after = {{"status", "approved"}, {"member_no", member_no}, {"member_id", member_id}};
  MD_TRY(store::append_audit(db, {actor_staff(staff_login), "application.approve",
                                  "application:" + std::to_string(a.id), "{\"status\":\"submitted\"}",
                                  after.dump()}));
  MD_TRY(tx.commit());
  auto stored = apps.find(a.id);
  if (!stored.ok()) return stored.error();
  return Approval{**stored, member_no, a.applicant_key};
}

Result<store::Application> reject(store::Db& db, const config::Config& cfg,
                                  int64_t application_id, const std::string& staff_login,
                                  const std::string& raw_reason) {
  const std::string reason = core::trim(raw_reason);
  if (reason.empty())
    return make_error(ErrorKind::kInvalidArgument, "validation_failed", "请填写退回原因");
  if (core::utf8_length(reason) > 200)
    return make_error(ErrorKind::kInvalidArgument, "validation_failed", "退回原因不能超过200个字");
  store::ApplicationRepo apps(db);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto found = apps.find(application_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "申请不存在");
  const store::Application a = **found;
  if (a.status != "submitted") return conflict("already_decided", "该申请已处理，请刷新");
  MD_TRY(apps.decide(a.id, "rejected", staff_login, reason, std::nullopt));
  if (a.member_id) {
    MD_TRY(store::MemberRepo(db).set_status(*a.member_id, "roster"));
    auto msg = store::MessageRepo(db).add_personal(
        *a.member_id, "入会申请未通过审核",
        "您的入会申请未通过审核，原因：" + reason + "。请在会员中心点击【入会申请】修改后重新提交。",
        actor_staff(staff_login));
    if (!msg.ok()) return msg.error();
  }
  MD_TRY(notify::enqueue_sms(db, cfg, notify::SmsEvent::kApplicationRejected, a.mobile,
                             {{"name", a.name}, {"reason", reason}}));
  nlohmann::json after = {{"status", "rejected"}, {"reason", reason}};
  MD_TRY(store::append_audit(db, {actor_staff(staff_login), "application.reject",
                                  "application:" + std::to_string(a.id), "{\"status\":\"submitted\"}",
                                  after.dump()}));
  MD_TRY(tx.commit());
  auto stored = apps.find(a.id);
  if (!stored.ok()) return stored.error();
  return **stored;
}

}  // namespace md::membership
