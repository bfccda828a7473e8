#include "demo/demo_approve.h"

#include <nlohmann/json.hpp>

#include "domain/member_number.h"
#include "store/audit_repo.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"

namespace md::demo {

Result<std::string> approve_for_demo(store::Db& db, const std::string& login_id) {
  store::MemberRepo members(db);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto m = members.find_by_login(login_id);
  if (!m.ok()) return m.error();
  if (!m->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "no member " + login_id);
  const store::Member member = **m;
  if (member.status != "roster" && member.status != "applied")
    return make_error(ErrorKind::kConflict, "not_roster", login_id + " is already " + member.status);
  auto type = domain::member_type_from_code(member.type);
  if (!type) return make_error(ErrorKind::kInternal, "bad_type", "bad member type");
  const int year = std::stoi(store::today_shanghai().substr(0, 4));
  const std::string prefix = std::string(1, domain::member_number_prefix(*type)) + std::to_string(year);
  auto highest = members.highest_member_no(prefix);
  if (!highest.ok()) return highest.error();
  const std::string member_no = domain::next_member_number(*type, year, *highest);
  // A demo mobile derived from the login id, so each member's contact data differs.
  std::string digits = login_id;
  while (digits.size() < 8) digits.insert(0, "0");
  const std::string mobile = "139" + digits.substr(digits.size() - 8);
  nlohmann::json profile = {{"email", "member" + login_id + "@example.cn"}, {"office_phone", "010-62345678"}};
  if (member.type == "agency" || member.type == "industry_org") {
    profile["org_name"] = member.name;
    profile["contact_name"] = "陈静";
    profile["contact_mobile"] = mobile;
  } else {
    profile["name"] = member.name;
    profile["mobile"] = mobile;
  }
  MD_TRY(members.approve(member.id, member.name, member_no, profile.dump(), member.uscc, member.practice_no));
  MD_TRY(store::append_audit(db, {"ctl", "demo.approve", "member:" + std::to_string(member.id), "",
                                  nlohmann::json{{"member_no", member_no}}.dump()}));
  MD_TRY(tx.commit());
  return member_no;
}

}  // namespace md::demo
