// The authorization matrix (issue 8): every route of the live route table is called as every
// principal, and only the principals a rule allows may get past authorization. Each area of the
// API declares its rules in its own tests/api/authz_rules_<area>.cpp; authz_matrix_test.cpp
// builds one world, runs every area's setup, and fails for a route that no rule covers.
//
// "Allowed" means the call got past authorization: any status except 401, 403 and, for
// principals who do not own the object, 404. A refused principal must get 401, 403 or 404.
// Bodies are "{}" by default, so an allowed call usually ends in 400/422 and changes nothing;
// a handler must check who owns an object before it validates the body.
#pragma once

#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "harness.h"

namespace authz {

// The principals. "A" is agency 11001 (北京智诚) with its attorney 1100001 (张伟); "B" is agency
// 31002 with its attorney 3100003 (李娜). Objects an area's setup creates belong to side A (or
// to the principal the rule names in its path) unless the rule says otherwise.
enum Who : unsigned {
  kAnon = 1u << 0,
  kAgencyA = 1u << 1,
  kAttorneyA = 1u << 2,
  kAgencyB = 1u << 3,
  kAttorneyB = 1u << 4,
  kIndustryOrg = 1u << 5,
  kNonPracticing = 1u << 6,
  kAdmin = 1u << 7,
  kReviewer = 1u << 8,
  kFinance = 1u << 9,
  kDesk = 1u << 10,
};
constexpr unsigned kNobody = 0;
constexpr unsigned kMembers =
    kAgencyA | kAttorneyA | kAgencyB | kAttorneyB | kIndustryOrg | kNonPracticing;
constexpr unsigned kStaff = kAdmin | kReviewer | kFinance | kDesk;
constexpr unsigned kLoggedIn = kMembers | kStaff;
constexpr unsigned kAnyone = kAnon | kLoggedIn;

// A logged-in client per principal (kAnon has none), member ids, and the ids areas' setups put
// there for their rules, e.g. ids["training.class"] = "3".
struct World {
  apitest::TestDaemon* daemon = nullptr;
  std::map<unsigned, apitest::HttpClient*> clients;  // Who -> client with a live session
  std::map<unsigned, int64_t> member_ids;            // member principals -> members.id
  std::map<std::string, std::string> ids;
  apitest::HttpClient& as(Who who) const { return *clients.at(who); }
};

struct Rule {
  Rule(std::string method_, std::string pattern_, unsigned allowed_, std::string path_ = "",
       std::string body_ = "{}", std::string note_ = "", bool not_found_ok_ = false)
      : method(std::move(method_)),
        pattern(std::move(pattern_)),
        allowed(allowed_),
        path(std::move(path_)),
        body(std::move(body_)),
        note(std::move(note_)),
        not_found_ok(not_found_ok_) {}
  std::string method;   // as in the route table
  std::string pattern;  // as in the route table, e.g. "/staff/training/classes/{id}"
  unsigned allowed = kNobody;
  // The concrete path to call (with a query string if the route needs one); empty = the
  // pattern itself (routes without parameters).
  std::string path;
  std::string body = "{}";  // sent for every method but GET
  std::string note;         // why the rule is as it is, shown when it fails
  // The route owns no object a principal could be refused: an allowed call may answer 404
  // (e.g. DELETE of a calendar day that the first allowed call already removed).
  bool not_found_ok = false;
};

struct Area {
  std::string name;
  // Creates the objects the rules need (through the API as staff or members, or SQL).
  std::function<void(World&)> setup;
  std::function<std::vector<Rule>(const World&)> rules;
};

// One function per area, each in its own authz_rules_<area>.cpp.
Area core_area();  // health, auth, content, directory, center, applications, review, messages
Area dues_area();
Area certificates_area();
Area training_area();
// Issue 8 areas (each helper branch defines its own and adds it to the list in
// authz_matrix_test.cpp).
Area profile_area();        // 会员资料, 退会, 会员信息修改
Area jobs_area();           // 招聘信息
Area cert_requests_area();  // 会员证信息修改申请, 会员证邮寄申请
Area history_area();        // 会费缴纳信息 pages
Area staff_members_area();  // staff member search, whole record, 执业机构, check-character override
Area status_area();         // 设备状态 (issue 9)

}  // namespace authz
