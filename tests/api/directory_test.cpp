// 会员名录: public search over members in good standing (status active, validity not past).
// Expectations are computed with SQL on a separate connection to the daemon's database.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "harness.h"
#include "store/directory_cache.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::Json;
using apitest::TestDaemon;
using apitest::url_escape;

namespace {

struct Listed {
  std::string name, member_no, type, valid_until;
};

// Members the directory must show: active and valid until today or later (Asia/Shanghai).
std::vector<Listed> expected_listed(TestDaemon& d) {
  auto db = d.open_db();
  auto st = db->prepare(
      "SELECT name, COALESCE(member_no, ''), type, valid_until FROM members "
      "WHERE status = 'active' AND valid_until >= ? ORDER BY member_no");
  st.bind(1, md::store::today_shanghai());
  std::vector<Listed> out;
  while (st.step()) out.push_back({st.col_text(0), st.col_text(1), st.col_text(2), st.col_text(3)});
  REQUIRE(st.status().ok());
  return out;
}

void exec_sql(TestDaemon& d, const std::string& sql, const std::string& arg) {
  auto db = d.open_db();
  auto r = db->prepare(sql).bind(1, arg).exec();
  REQUIRE(r.ok());
  REQUIRE(*r == 1);
}

bool contains(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }

// UTF-8 text split into code points (each as its own UTF-8 string).
std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string join(const std::vector<std::string>& cps, size_t from, size_t count) {
  std::string s;
  for (size_t i = from; i < from + count && i < cps.size(); ++i) s += cps[i];
  return s;
}

struct Listing {
  int64_t total = 0;
  std::vector<Json> items;
};

// Every page of a search (page_size 100), checking the paging fields on the way.
Listing search_all(HttpClient& c, const std::string& query) {
  Listing l;
  for (int page = 1; page < 1000; ++page) {
    auto r = c.get("/directory?" + query + "&page_size=100&page=" + std::to_string(page));
    REQUIRE(r.status == 200);
    REQUIRE(r.body["items"].is_array());
    CHECK(r.body["page"] == page);
    CHECK(r.body["page_size"] == 100);
    if (page == 1) l.total = r.body["total"].get<int64_t>();
    CHECK(r.body["total"] == l.total);
    for (const auto& item : r.body["items"]) l.items.push_back(item);
    if (r.body["items"].size() < 100) break;
  }
  CHECK(static_cast<int64_t>(l.items.size()) == l.total);
  return l;
}

// Listed members whose name or member number contains `needle`.
int64_t expected_matches(const std::vector<Listed>& listed, const std::string& needle) {
  return std::count_if(listed.begin(), listed.end(), [&](const Listed& m) {
    return contains(m.name, needle) || contains(m.member_no, needle);
  });
}

const Listed& pick(const std::vector<Listed>& listed, const std::string& type, size_t min_chars) {
  for (const auto& m : listed)
    if (m.type == type && code_points(m.name).size() >= min_chars) return m;
  FAIL("no listed " << type << " with a name of at least " << min_chars << " characters");
  return listed.front();
}

DaemonOptions demo(int members = 500) {
  DaemonOptions o;
  o.demo_members = members;
  return o;
}

}  // namespace

TEST_CASE("directory lists exactly the members in good standing") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  REQUIRE(listed.size() > 100);  // the demo data is mostly in good standing
  HttpClient c(d.port());

  auto first = c.get("/directory");
  REQUIRE(first.status == 200);
  CHECK(first.body["total"] == listed.size());
  CHECK(first.body["page"] == 1);
  CHECK(first.body["page_size"] == 20);
  REQUIRE(first.body["items"].size() == 20);

  const std::string today = md::store::today_shanghai();
  const std::map<std::string, std::string> labels = {{"agency", "专利代理机构"},
                                                     {"attorney", "专利代理师"},
                                                     {"industry_org", "行业组织"},
                                                     {"non_practicing", "非执业会员"}};
  auto all = search_all(c, "q=");
  REQUIRE(all.items.size() == listed.size());
  std::set<std::string> want, got;
  for (const auto& m : listed) want.insert(m.member_no);
  std::string previous;
  for (const auto& item : all.items) {
    REQUIRE(item["member_no"].is_string());
    const std::string no = item["member_no"];
    got.insert(no);
    CHECK(item["name"].is_string());
    REQUIRE(labels.count(item["type"].get<std::string>()) == 1);
    CHECK(item["type_label"] == labels.at(item["type"].get<std::string>()));
    CHECK(item["valid_until"].get<std::string>() >= today);
    CHECK(no > previous);  // ordered by member number
    previous = no;
    // Nothing personal beyond the five public fields.
    CHECK(item.size() == 5);
  }
  CHECK(got == want);
}

TEST_CASE("directory search by one and two characters of a name") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  const Listed& person = pick(listed, "attorney", 2);
  const auto cps = code_points(person.name);
  CAPTURE(person.name);
  HttpClient c(d.port());

  const std::string one = cps.back();                  // one character of the given name
  const std::string two = join(cps, cps.size() - 2, 2);  // the last two characters
  for (const std::string& needle : {one, two}) {
    CAPTURE(needle);
    auto found = search_all(c, "q=" + url_escape(needle));
    CHECK(found.total == expected_matches(listed, needle));
    bool has_person = false;
    for (const auto& item : found.items) {
      const std::string name = item["name"], no = item["member_no"];
      CHECK_MESSAGE((contains(name, needle) || contains(no, needle)), name << " / " << no);
      has_person |= no == person.member_no;
    }
    CHECK(has_person);
  }
}

TEST_CASE("directory search by a longer substring of an agency name") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  const Listed& agency = pick(listed, "agency", 6);
  const auto cps = code_points(agency.name);
  const std::string needle = join(cps, 2, 4);
  CAPTURE(agency.name);
  CAPTURE(needle);
  HttpClient c(d.port());
  auto found = search_all(c, "q=" + url_escape(needle));
  CHECK(found.total == expected_matches(listed, needle));
  bool has_agency = false;
  for (const auto& item : found.items) {
    CHECK(contains(item["name"].get<std::string>(), needle));
    has_agency |= item["member_no"] == agency.member_no;
  }
  CHECK(has_agency);
}

TEST_CASE("directory search by part of a member number") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  const Listed& m = listed.at(listed.size() / 2);
  REQUIRE(m.member_no.size() > 6);
  CAPTURE(m.member_no);
  HttpClient c(d.port());

  const std::string tail = m.member_no.substr(m.member_no.size() - 6);
  auto by_tail = search_all(c, "q=" + tail);
  CHECK(by_tail.total == expected_matches(listed, tail));
  bool found = false;
  for (const auto& item : by_tail.items) {
    CHECK((contains(item["member_no"].get<std::string>(), tail) || contains(item["name"].get<std::string>(), tail)));
    found |= item["member_no"] == m.member_no;
  }
  CHECK(found);

  auto exact = c.get("/directory?q=" + m.member_no);
  REQUIRE(exact.status == 200);
  CHECK(exact.body["total"] == 1);
  REQUIRE(exact.body["items"].size() == 1);
  CHECK(exact.body["items"][0]["member_no"] == m.member_no);
  CHECK(exact.body["items"][0]["name"] == m.name);

  // Typed in lower case on the kiosk keyboard.
  std::string lower = m.member_no;
  for (auto& ch : lower)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  auto folded = c.get("/directory?q=" + lower);
  REQUIRE(folded.status == 200);
  CHECK(folded.body["total"] == 1);
}

TEST_CASE("directory type filter returns only that type") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  HttpClient c(d.port());
  for (const std::string type : {"attorney", "agency", "industry_org", "non_practicing"}) {
    CAPTURE(type);
    const auto want = std::count_if(listed.begin(), listed.end(), [&](const Listed& m) { return m.type == type; });
    auto found = search_all(c, std::string("type=") + type);
    CHECK(found.total == want);
    for (const auto& item : found.items) CHECK(item["type"] == type);
  }
  // Combined with a search text.
  const Listed& person = pick(listed, "attorney", 2);
  const std::string surname = code_points(person.name).front();
  auto both = search_all(c, "type=attorney&q=" + url_escape(surname));
  CHECK(both.total >= 1);
  for (const auto& item : both.items) {
    CHECK(item["type"] == "attorney");
    CHECK(contains(item["name"].get<std::string>(), surname));
  }
}

TEST_CASE("directory paging") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  REQUIRE(listed.size() >= 10);
  HttpClient c(d.port());
  auto p1 = c.get("/directory?page=1&page_size=5");
  auto p2 = c.get("/directory?page=2&page_size=5");
  REQUIRE(p1.status == 200);
  REQUIRE(p2.status == 200);
  CHECK(p1.body["total"] == p2.body["total"]);
  CHECK(p1.body["total"] == listed.size());
  CHECK(p2.body["page"] == 2);
  CHECK(p2.body["page_size"] == 5);
  REQUIRE(p1.body["items"].size() == 5);
  REQUIRE(p2.body["items"].size() == 5);
  std::set<std::string> first;
  for (const auto& item : p1.body["items"]) first.insert(item["member_no"]);
  CHECK(first.size() == 5);
  for (const auto& item : p2.body["items"]) CHECK(first.count(item["member_no"]) == 0);
  // Page 2 continues where page 1 stopped: together they are the first ten.
  auto ten = c.get("/directory?page=1&page_size=10");
  REQUIRE(ten.body["items"].size() == 10);
  for (size_t i = 0; i < 5; ++i) {
    CHECK(ten.body["items"][i] == p1.body["items"][i]);
    CHECK(ten.body["items"][i + 5] == p2.body["items"][i]);
  }
  // Past the end: an empty page, same total.
  const auto last_page = listed.size() / 5 + 2;
  auto beyond = c.get("/directory?page_size=5&page=" + std::to_string(last_page));
  REQUIRE(beyond.status == 200);
  CHECK(beyond.body["items"].empty());
  CHECK(beyond.body["total"] == listed.size());
  // The largest page size is accepted.
  auto max = c.get("/directory?page_size=100");
  CHECK(max.status == 200);
  CHECK(max.body["items"].size() == std::min<size_t>(100, listed.size()));
}

TEST_CASE("directory rejects bad parameters with 400") {
  TestDaemon d;
  HttpClient c(d.port());
  for (const std::string query : {"page_size=101", "page_size=0", "page_size=abc", "page=0", "page=-1",
                            "page=1.5", "type=lawyer", "type=AGENCY"}) {
    CAPTURE(query);
    auto r = c.get(std::string("/directory?") + query);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "validation_failed");
    CHECK(r.body["error"]["fields"].is_object());
  }
  auto bad_type = c.get("/directory?type=lawyer");
  CHECK(bad_type.body["error"]["fields"].contains("type"));
  std::string long_q;
  for (int i = 0; i < 41; ++i) long_q += "专";
  auto too_long = c.get("/directory?q=" + url_escape(long_q));
  CHECK(too_long.status == 400);
  CHECK(too_long.body["error"]["fields"].contains("q"));
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "专";
  CHECK(c.get("/directory?q=" + url_escape(forty)).status == 200);
}

TEST_CASE("roster-only members are not listed") {
  TestDaemon d;  // the roster fixtures only: nobody has joined yet
  HttpClient c(d.port());
  auto all = c.get("/directory");
  REQUIRE(all.status == 200);
  CHECK(all.body["total"] == 0);
  CHECK(all.body["items"].empty());
  auto zhang = c.get("/directory?q=" + url_escape("张伟"));
  REQUIRE(zhang.status == 200);
  CHECK(zhang.body["total"] == 0);

  // Joining (active, numbered, paid up) puts 张伟 in the directory.
  exec_sql(d,
           "UPDATE members SET status = 'active', member_no = 'P2026000001', valid_until = '2099-12-31' "
           "WHERE login_id = ?",
           "1100001");
  auto joined = c.get("/directory?q=" + url_escape("张伟"));
  REQUIRE(joined.status == 200);
  CHECK(joined.body["total"] == 1);
  REQUIRE(joined.body["items"].size() == 1);
  CHECK(joined.body["items"][0]["name"] == "张伟");
  CHECK(joined.body["items"][0]["member_no"] == "P2026000001");
  CHECK(joined.body["items"][0]["type"] == "attorney");

  // Approved but unpaid members are not listed either.
  exec_sql(d,
           "UPDATE members SET status = 'approved_unpaid', member_no = 'P2026000002' WHERE login_id = ?",
           "1100002");
  CHECK(c.get("/directory?q=" + url_escape("王芳")).body["total"] == 0);
}

TEST_CASE("roster-only members are not listed among demo members") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  HttpClient c(d.port());
  // 张伟 is a common name: the demo data may hold listed namesakes, but not the roster's one.
  auto zhang = search_all(c, "q=" + url_escape("张伟"));
  CHECK(zhang.total == expected_matches(listed, "张伟"));
  auto all = search_all(c, "q=");
  for (const auto& item : all.items) CHECK_FALSE(item["member_no"].get<std::string>().empty());
}

TEST_CASE("directory follows member changes made on another connection") {
  TestDaemon d(demo());
  const auto listed = expected_listed(d);
  HttpClient c(d.port());
  const Listed& victim = listed.at(3);
  const Listed& lapsing = listed.at(7);
  CAPTURE(victim.member_no);

  // Warm the index first so the change has to be noticed, not just built fresh.
  auto before = c.get("/directory?q=" + victim.member_no);
  REQUIRE(before.status == 200);
  REQUIRE(before.body["total"] == 1);
  CHECK(c.get("/directory").body["total"] == listed.size());

  exec_sql(d, "UPDATE members SET status = 'withdrawn' WHERE member_no = ?", victim.member_no);
  auto after = c.get("/directory?q=" + victim.member_no);
  REQUIRE(after.status == 200);
  CHECK(after.body["total"] == 0);
  CHECK(c.get("/directory").body["total"] == listed.size() - 1);

  // Validity that has run out also removes a member.
  exec_sql(d, "UPDATE members SET valid_until = '2000-12-31' WHERE member_no = ?", lapsing.member_no);
  CHECK(c.get("/directory?q=" + lapsing.member_no).body["total"] == 0);
  CHECK(c.get("/directory").body["total"] == listed.size() - 2);

  // A name change shows at once.
  exec_sql(d, "UPDATE members SET name = '测试更名专利代理有限公司' WHERE member_no = ?", listed.at(0).member_no);
  auto renamed = c.get("/directory?q=" + url_escape("测试更名"));
  REQUIRE(renamed.body["total"] == 1);
  CHECK(renamed.body["items"][0]["member_no"] == listed.at(0).member_no);
  CHECK(c.get("/directory").body["total"] == expected_listed(d).size());
}
