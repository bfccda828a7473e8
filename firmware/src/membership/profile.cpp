#include "membership/profile.h"

#include <nlohmann/json.hpp>

#include "membership/applications.h"
#include "store/audit_repo.h"
#include "store/profile_repo.h"

namespace md::membership {
namespace {

domain::Values parse_profile(const std::optional<std::string>& json) {
  domain::Values v;
  if (!json || json->empty()) return v;
  auto j = nlohmann::json::parse(*json, nullptr, false);
  if (!j.is_object()) return v;
  for (const auto& [k, val] : j.items())
    if (val.is_string()) v[k] = val.get<std::string>();
  return v;
}

}  // namespace

Result<domain::Values> profile_values(store::Db& db, const store::Member& m) {
  auto stored = store::ProfileRepo(db).profile_json(m.id);
  if (!stored.ok()) return stored.error();
  domain::Values v = parse_profile(*stored);
  auto known = roster_prefill(db, m.id);
  if (!known.ok()) return known.error();
  for (const auto& [k, val] : *known) v[k] = val;
  if (auto type = domain::member_type_from_code(m.type)) v[domain::form_for(*type).name_field] = m.name;
  return v;
}

Result<EditOutcome> edit_profile(store::Db& db, const store::Member& m, const domain::Values& input,
                                 const std::string& today_iso) {
  auto type = domain::member_type_from_code(m.type);
  auto status = domain::member_status_from_code(m.status);
  if (!type || !status) return make_error(ErrorKind::kInternal, "bad_member", "bad member row");
  if (*status == domain::MemberStatus::kWithdrawn)
    return make_error(ErrorKind::kConflict, "withdrawn", "您已退会，会员信息不能再修改");
  if (!domain::may_edit_profile(*status))
    return make_error(ErrorKind::kConflict, "not_approved",
                      "您的入会申请尚未审核通过，会员信息即入会申请表，请在【入会申请】中查看");
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  store::ProfileRepo repo(db);
  auto stored = repo.profile_json(m.id);
  if (!stored.ok()) return stored.error();
  domain::Values current = parse_profile(*stored);
  EditOutcome out;
  out.edit = domain::check_profile_edit(*type, current, input, today_iso);
  if (!out.edit.refused.empty() || !out.edit.invalid.empty() || out.edit.changes.empty()) return out;

  nlohmann::json profile = nlohmann::json::object();
  if (*stored && !(*stored)->empty()) profile = nlohmann::json::parse(**stored, nullptr, false);
  if (!profile.is_object()) profile = nlohmann::json::object();
  nlohmann::json before = nlohmann::json::object(), after = nlohmann::json::object();
  for (const auto& [k, now] : out.edit.changes) {
    auto c = current.find(k);
    before[k] = c == current.end() ? "" : c->second;
    after[k] = now;
    profile[k] = now;
  }
  MD_TRY(repo.save_profile_json(m.id, profile.dump()));
  MD_TRY(store::append_audit(db, {"member:" + m.login_id, store::kProfileEditAction,
                                  "member:" + std::to_string(m.id), before.dump(), after.dump()}));
  MD_TRY(tx.commit());
  out.saved = true;
  return out;
}

}  // namespace md::membership
