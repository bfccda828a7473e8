// The authorization matrix (issue 8 item 12): one world with every kind of principal, every
// route of the live route table called as each of them, and a failure for any route that no
// area's rule covers. See authz_matrix.h for what "allowed" and "refused" mean.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

#include "authz_matrix.h"
#include "certificate_support.h"

using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::TestDaemon;

namespace authz {
namespace {

const std::vector<std::pair<Who, const char*>>& principals() {
  static const std::vector<std::pair<Who, const char*>> all = {
      {kAnon, "anonymous"},       {kAgencyA, "agency A"},         {kAttorneyA, "attorney A"},
      {kAgencyB, "agency B"},     {kAttorneyB, "attorney B"},     {kIndustryOrg, "industry_org"},
      {kNonPracticing, "non_practicing"}, {kAdmin, "admin"},      {kReviewer, "reviewer"},
      {kFinance, "finance"},      {kDesk, "desk"},
  };
  return all;
}

std::vector<Area> areas() {
  return {core_area(), dues_area(), certificates_area(), training_area(), staff_members_area(), profile_area(),
          history_area(), cert_requests_area(), jobs_area(), status_area()};
}

const std::string kPw = "Matrix2026x";

apitest::DaemonOptions world_options() {
  apitest::DaemonOptions o;
  o.staff = {certtest::kAdmin, apitest::reviewer_staff(), certtest::kFinance, apitest::desk_staff()};
  for (const char* id : {"11001", "1100001", "31002", "3100003"}) o.member_passwords[id] = kPw;
  return o;
}

// An industry_org and a non_practicing member exist only once their application is approved:
// apply as the public does, approve as a reviewer, then change the default password.
int64_t approve_new_member(TestDaemon& d, HttpClient& reviewer, const std::string& type,
                           const std::string& login_id, HttpClient& member) {
  HttpClient visitor(d.port());
  auto applied = visitor.post("/applications/" + type,
                              apitest::application_body(apitest::valid_application_fields(type)));
  REQUIRE_MESSAGE(applied.status == 201, applied.raw_body);
  const int64_t app_id = applied.body["application"]["id"].get<int64_t>();
  auto ok = reviewer.post("/staff/applications/" + std::to_string(app_id) + "/approve",
                          Json::object());
  REQUIRE_MESSAGE(ok.status == 200, ok.raw_body);
  REQUIRE(member.login_member(login_id, login_id).status == 200);
  auto changed = member.post("/auth/password", {{"old_password", login_id}, {"new_password", kPw}});
  REQUIRE_MESSAGE(changed.status == 200, changed.raw_body);
  REQUIRE(member.login_member(login_id, kPw).status == 200);
  return app_id;
}

std::string who_names(unsigned set) {
  std::string out;
  for (const auto& [who, name] : principals())
    if (set & who) out += std::string(out.empty() ? "" : ", ") + name;
  return out.empty() ? "nobody" : out;
}

bool passed_authorization(const HttpResponse& r, bool not_found_ok = false) {
  return r.status != 401 && r.status != 403 && (not_found_ok || r.status != 404);
}

HttpResponse call(HttpClient& c, const Rule& rule) {
  const std::string path = rule.path.empty() ? rule.pattern : rule.path;
  if (rule.method == "GET") return c.get(path);
  return c.request(rule.method, path, rule.body, "application/json");
}

}  // namespace
}  // namespace authz

TEST_CASE("authorization matrix: every route called as every principal passes only the allowed") {
  using namespace authz;
  TestDaemon d(world_options());
  std::map<unsigned, std::unique_ptr<HttpClient>> owned;
  World w;
  w.daemon = &d;
  auto client = [&](Who who) -> HttpClient& {
    auto& slot = owned[who];
    slot = std::make_unique<HttpClient>(d.port());
    w.clients[who] = slot.get();
    return *slot;
  };
  REQUIRE(client(kAgencyA).login_member("11001", kPw).status == 200);
  REQUIRE(client(kAttorneyA).login_member("1100001", kPw).status == 200);
  REQUIRE(client(kAgencyB).login_member("31002", kPw).status == 200);
  REQUIRE(client(kAttorneyB).login_member("3100003", kPw).status == 200);
  for (const auto& [who, s] : std::vector<std::pair<Who, apitest::StaffSpec>>{
           {kAdmin, certtest::kAdmin},
           {kReviewer, apitest::reviewer_staff()},
           {kFinance, certtest::kFinance},
           {kDesk, apitest::desk_staff()}})
    REQUIRE(client(who).login_staff(s.login_id, s.password).status == 200);
  const Json org = apitest::valid_application_fields("industry_org");
  const Json np = apitest::valid_application_fields("non_practicing");
  w.ids["application.industry_org"] = std::to_string(
      approve_new_member(d, w.as(kReviewer), "industry_org", org["uscc"], client(kIndustryOrg)));
  w.ids["application.non_practicing"] = std::to_string(
      approve_new_member(d, w.as(kReviewer), "non_practicing", np["mobile"], client(kNonPracticing)));
  // The roster's agencies and attorneys of both sides become approved members.
  certtest::approve(d, {"11001", "1100001", "31002", "3100003"});
  for (const auto& [who, login] :
       std::vector<std::pair<Who, std::string>>{{kAgencyA, "11001"},
                                                {kAttorneyA, "1100001"},
                                                {kAgencyB, "31002"},
                                                {kAttorneyB, "3100003"},
                                                {kIndustryOrg, org["uscc"]},
                                                {kNonPracticing, np["mobile"]}})
    w.member_ids[who] = apitest::sql_int(
        d, "SELECT id FROM members WHERE login_id = '" + login + "'");

  // Every area's objects first, then every area's rules (a rule may use another area's ids).
  const auto all_areas = areas();
  for (const auto& a : all_areas) {
    INFO("setup of area " << a.name);
    a.setup(w);
  }
  std::map<std::pair<std::string, std::string>, std::pair<Rule, std::string>> rules;
  for (const auto& a : all_areas) {
    for (auto& r : a.rules(w)) {
      const auto key = std::make_pair(r.method, r.pattern);
      INFO("area " << a.name << ": " << r.method << " " << r.pattern);
      CHECK_MESSAGE(rules.count(key) == 0, "two rules for one route");
      rules.insert_or_assign(key, std::make_pair(r, a.name));
    }
  }

  // A route missing from the matrix fails; so does a rule for a route that does not exist.
  std::set<std::pair<std::string, std::string>> live;
  std::ostringstream missing;
  for (const auto& route : d.app().router().routes()) {
    live.insert({route.method, route.pattern});
    if (!rules.count({route.method, route.pattern}))
    {
      std::string roles;
      for (const auto& role : route.roles) roles += (roles.empty() ? "" : ",") + role;
      missing << "\n  " << route.method << " " << route.pattern << "  [access "
              << static_cast<int>(route.access) << (roles.empty() ? "" : " roles " + roles)
              << "]  (" << route.summary << ")";
    }
  }
  CHECK_MESSAGE(missing.str().empty(), "routes without a rule in the matrix:" << missing.str());
  // No structured bindings inside doctest's message lambdas: clang 14 (the sanitizer build,
  // tests/fuzz/sanitize-api.sh) cannot capture them.
  for (const auto& entry : rules) {
    const auto& key = entry.first;
    CHECK_MESSAGE(live.count(key) == 1,
                  "rule of area " << entry.second.second << " for a route that is not registered: "
                                  << key.first << " " << key.second);
  }

  // Calls that end the caller's session (logout) come last.
  std::vector<const Rule*> order;
  for (const auto& [key, r] : rules) order.push_back(&r.first);
  std::stable_partition(order.begin(), order.end(),
                        [](const Rule* r) { return r->pattern != "/auth/logout"; });

  HttpClient anonymous(d.port());
  int calls = 0;
  for (const Rule* rule : order) {
    // Refused principals first, so an allowed call cannot hide what a refused one would see.
    std::vector<std::pair<Who, std::string>> who_order;
    for (const auto& p : principals())
      if (!(rule->allowed & p.first)) who_order.push_back(p);
    for (const auto& p : principals())
      if (rule->allowed & p.first) who_order.push_back(p);
    for (const auto& principal : who_order) {
      const Who who = principal.first;
      const std::string& name = principal.second;
      HttpClient& c = who == kAnon ? anonymous : w.as(who);
      auto r = call(c, *rule);
      ++calls;
      const bool allowed = (rule->allowed & who) != 0;
      INFO(rule->method << " " << (rule->path.empty() ? rule->pattern : rule->path) << " as "
                        << name << " -> " << r.status << " " << r.raw_body.substr(0, 300)
                        << "\n  allowed: " << who_names(rule->allowed)
                        << (rule->note.empty() ? "" : "\n  note: " + rule->note));
      if (allowed)
        CHECK_MESSAGE(passed_authorization(r, rule->not_found_ok), "an allowed principal was refused");
      else
        CHECK_MESSAGE(!passed_authorization(r), "a refused principal got through");
      CHECK(r.status != 500);
    }
  }
  MESSAGE(calls << " calls over " << rules.size() << " routes");
}

// Objects are reached by guessable ids: side B owns nothing that GET /member/…/{id} routes
// return, so every id from 1 to past the largest in use must read as missing (or forbidden).
TEST_CASE("authorization matrix: another agency's member enumerating ids reaches nothing") {
  using namespace authz;
  TestDaemon d(world_options());
  World w;
  w.daemon = &d;
  std::map<unsigned, std::unique_ptr<HttpClient>> owned;
  for (const auto& [who, login] : std::vector<std::pair<Who, std::string>>{
           {kAgencyA, "11001"}, {kAttorneyA, "1100001"}, {kAgencyB, "31002"}, {kAttorneyB, "3100003"}}) {
    owned[who] = std::make_unique<HttpClient>(d.port());
    REQUIRE(owned[who]->login_member(login, kPw).status == 200);
    w.clients[who] = owned[who].get();
    w.member_ids[who] = apitest::sql_int(d, "SELECT id FROM members WHERE login_id = '" + login + "'");
  }
  for (const auto& [who, s] : std::vector<std::pair<Who, apitest::StaffSpec>>{
           {kAdmin, certtest::kAdmin}, {kReviewer, apitest::reviewer_staff()},
           {kFinance, certtest::kFinance}, {kDesk, apitest::desk_staff()}}) {
    owned[who] = std::make_unique<HttpClient>(d.port());
    REQUIRE(owned[who]->login_staff(s.login_id, s.password).status == 200);
    w.clients[who] = owned[who].get();
  }
  certtest::approve(d, {"11001", "1100001", "31002", "3100003"});
  // Side A's objects, as the areas make them (the areas that need the industry_org and
  // non_practicing principals are left out: only side A's objects matter here).
  for (const auto& a : areas())
    if (a.name != "core") a.setup(w);

  int probes = 0;
  for (const auto& route : d.app().router().routes()) {
    if (route.method != "GET" || route.pattern.rfind("/member/", 0) != 0) continue;
    const auto at = route.pattern.find("{id}");
    if (at == std::string::npos) continue;
    for (int id = 1; id <= 40; ++id) {
      std::string path = route.pattern;
      path.replace(at, 4, std::to_string(id));
      for (Who who : {kAgencyB, kAttorneyB}) {
        auto r = w.as(who).get(path);
        ++probes;
        INFO("GET " << path << " as " << (who == kAgencyB ? "agency B" : "attorney B") << " -> "
                    << r.status << " " << r.raw_body.substr(0, 200));
        CHECK((r.status == 401 || r.status == 403 || r.status == 404));
      }
    }
  }
  CHECK(probes > 0);
  MESSAGE(probes << " probes");
}
