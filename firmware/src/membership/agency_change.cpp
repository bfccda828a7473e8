#include "membership/agency_change.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/staff_reasons.h"
#include "store/audit_repo.h"

namespace md::membership {
namespace {

nlohmann::json link_json(const store::MemberHit& m) {
  return {{"agency_id", m.agency_id ? nlohmann::json(*m.agency_id) : nlohmann::json()},
          {"agency_name", m.agency_name ? nlohmann::json(*m.agency_name) : nlohmann::json()}};
}

}  // namespace

Result<AgencyChangeOutcome> change_agency(store::Db& db, int64_t attorney_id, int64_t agency_id,
                                          const std::string& reason, const std::string& staff_login) {
  store::StaffMemberRepo repo(db);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto attorney = repo.find(attorney_id);
  if (!attorney.ok()) return attorney.error();
  if (!attorney->has_value() || (*attorney)->type != "attorney")
    return make_error(ErrorKind::kNotFound, "not_found", "专利代理师不存在");
  AgencyChangeOutcome out;
  auto agency = repo.find(agency_id);
  if (!agency.ok()) return agency.error();
  if (!agency->has_value() || (*agency)->type != "agency")
    out.field_errors["agency_id"] = "请选择一家专利代理机构";
  else if ((*attorney)->agency_id == agency_id)
    out.field_errors["agency_id"] = "该专利代理师已在此机构执业";
  if (auto problem = domain::staff_reason_problem(reason, "变更理由"); !problem.empty())
    out.field_errors["reason"] = problem;
  if (!out.field_errors.empty()) return out;

  // The approved profile names the 执业机构 too; it follows the link.
  auto profile = repo.profile_json(attorney_id);
  if (!profile.ok()) return profile.error();
  std::optional<std::string> new_profile;
  if (profile->has_value()) {
    auto values = nlohmann::json::parse(**profile, nullptr, false);
    if (values.is_object()) {
      values["agency_name"] = (*agency)->name;
      new_profile = values.dump();
    }
  }
  MD_TRY(repo.set_agency(attorney_id, agency_id, new_profile));
  auto after = repo.find(attorney_id);
  if (!after.ok()) return after.error();
  nlohmann::json after_json = link_json(**after);
  after_json["reason"] = core::trim(reason);
  MD_TRY(store::append_audit(db, {"staff:" + staff_login, kAgencyChangeAction,
                                  "member:" + std::to_string(attorney_id),
                                  link_json(**attorney).dump(), after_json.dump()}));
  MD_TRY(tx.commit());
  out.attorney = **after;
  return out;
}

}  // namespace md::membership
