// The staff side of members (会员查询): search by name or code, the parts of one member's record
// the other repositories do not keep (profile, an agency's attorneys), and the change of an
// attorney's 执业机构 (members.agency_id), which only staff make.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct MemberHit {
  int64_t id = 0;
  std::string type;  // domain::MemberType code
  std::string login_id;
  std::string name;
  std::string status;  // domain::MemberStatus code
  std::optional<std::string> member_no;
  std::optional<std::string> valid_until;
  std::optional<int64_t> agency_id;
  std::optional<std::string> agency_name;  // an attorney's 执业机构
};

struct MemberSearch {
  std::string name_part;  // substring of the name ("" = any member)
  std::string code;       // exact login id (机构代码/资格证号/统一社会信用代码/手机号), member
                          // number or 统一社会信用代码; "" = none
  std::optional<std::string> type;
  int page = 1;
  int page_size = 20;
};

struct MemberHits {
  int64_t total = 0;
  std::vector<MemberHit> items;  // exact code matches first, then by id
};

class StaffMemberRepo {
 public:
  explicit StaffMemberRepo(Db& db) : db_(db) {}

  Result<MemberHits> search(const MemberSearch& q);
  Result<std::optional<MemberHit>> find(int64_t id);
  // The attorneys linked to an agency, by 资格证号.
  Result<std::vector<MemberHit>> attorneys_of(int64_t agency_id);
  // members.profile_json (the approved application's values), if any.
  Result<std::optional<std::string>> profile_json(int64_t id);
  // REQUIRES: a transaction (the caller audits the change in it).
  Status set_agency(int64_t attorney_id, int64_t agency_id,
                    const std::optional<std::string>& profile_json);

 private:
  Db& db_;
};

}  // namespace md::store
