// Tests for demo/chinese_names: determinism, validity of generated identifiers, name shapes.
#include "demo/chinese_names.h"

#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/utf8.h"
#include "domain/identifiers.h"

using md::demo::NameGenerator;

namespace {

bool is_cjk(char32_t cp) {
  return cp >= 0x4E00 && cp <= 0x9FFF;
}

bool all_cjk(const std::string& text) {
  for (char32_t cp : md::core::utf8_decode(text)) {
    if (!is_cjk(cp)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("chinese_names is deterministic for a seed") {
  NameGenerator a(42);
  NameGenerator b(42);
  NameGenerator c(43);
  bool any_difference = false;
  for (int i = 0; i < 50; ++i) {
    const std::string name = a.person_name();
    CHECK(name == b.person_name());
    any_difference |= name != c.person_name();
    CHECK(a.uscc() == b.uscc());
    CHECK(a.resident_id() == b.resident_id());
    CHECK(a.mobile() == b.mobile());
    CHECK(a.agency_name("北京") == b.agency_name("北京"));
  }
  CHECK(any_difference);
}

TEST_CASE("chinese_names a fixed seed gives fixed values on every platform") {
  // The generator avoids std distributions, so these values must not change with the compiler
  // or standard library; if they change, seeded demo databases and screenshots stop matching.
  NameGenerator gen(1);
  CHECK(gen.person_name() == "赵佳正");
  CHECK(gen.uscc() == "91310110858463778D");
  CHECK(gen.resident_id() == "440112198010228500");
  CHECK(gen.mobile() == "18787749700");
}

TEST_CASE("chinese_names person names are 2 to 4 CJK characters") {
  NameGenerator gen(7);
  std::map<size_t, int> by_length;
  std::set<std::string> distinct;
  for (int i = 0; i < 2000; ++i) {
    const std::string name = gen.person_name();
    const size_t length = md::core::utf8_length(name);
    CHECK(length >= 2);
    CHECK(length <= 4);
    CHECK(all_cjk(name));
    ++by_length[length];
    distinct.insert(name);
  }
  // About 70% have two-character given names, so three characters in all dominates.
  CHECK(by_length[3] > by_length[2]);
  CHECK(by_length[3] > 1200);
  CHECK(distinct.size() > 1500);
}

TEST_CASE("chinese_names surnames follow frequency") {
  NameGenerator gen(11);
  int wang = 0;
  int bi = 0;
  for (int i = 0; i < 5000; ++i) {
    const std::string name = gen.person_name();
    if (name.starts_with("王")) ++wang;
    if (name.starts_with("毕")) ++bi;
  }
  CHECK(wang > 200);  // about 7%
  CHECK(wang > 5 * bi);
}

TEST_CASE("chinese_names generated identifiers pass the validators") {
  NameGenerator gen(2026);
  for (int i = 0; i < 500; ++i) {
    const std::string uscc = gen.uscc();
    INFO(uscc);
    CHECK(md::domain::check_uscc(uscc).ok);
    const std::string social = gen.uscc(md::demo::UsccKind::kSocialOrganisation);
    CHECK(social.starts_with("51"));
    CHECK(md::domain::check_uscc(social).ok);
    const std::string id = gen.resident_id();
    INFO(id);
    CHECK(md::domain::check_resident_id(id).ok);
    const std::string mobile = gen.mobile();
    INFO(mobile);
    const md::domain::IdCheck m = md::domain::check_mobile(mobile);
    CHECK(m.ok);
    CHECK(m.normalized == mobile);
  }
}

TEST_CASE("chinese_names provinces cities and organisation names") {
  NameGenerator gen(5);
  std::map<int, int> counts;
  for (int i = 0; i < 5000; ++i) {
    const int code = gen.random_province();
    CHECK(md::domain::is_province_code(code));
    CHECK(code != 71);
    CHECK(code != 81);
    CHECK(code != 82);
    ++counts[code];
  }
  CHECK(counts[11] > counts[44]);
  CHECK(counts[44] > counts[37]);
  CHECK(counts[31] > counts[46]);

  for (int code = 10; code < 90; ++code) {
    CHECK(md::domain::is_province_code(code) == !md::demo::city_for_province(code).empty());
    CHECK(md::domain::is_province_code(code) == !md::demo::province_name(code).empty());
  }
  CHECK(md::demo::city_for_province(11) == "北京");
  CHECK(md::demo::city_for_province(33) == "杭州");
  CHECK(md::demo::city_for_province(44) == "广州");
  CHECK(md::demo::province_name(33) == "浙江省");

  const std::string agency = gen.agency_name("北京");
  CHECK(agency.starts_with("北京"));
  CHECK((agency.ends_with("公司") || agency.ends_with("合伙）")));
  const std::string city_org = gen.org_name("深圳");
  CHECK(city_org.starts_with("深圳市"));
  CHECK((city_org.ends_with("会")));
  const std::string province_org = gen.org_name(md::demo::province_name(33));
  CHECK(province_org.starts_with("浙江省"));
  CHECK_FALSE(province_org.starts_with("浙江省市"));
}
