// Realistic demo data for the seeder and for tests: Chinese personal names drawn by surname
// frequency, agency and industry-organisation names, and identifiers (统一社会信用代码,
// 身份证号, 手机号) that pass the validators of domain/identifiers.h. Deterministic: the same
// seed gives the same sequence on every platform (no std::*_distribution, whose output the
// standard leaves to each library).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace md::demo {

// 登记管理部门 + 机构类别, the first two characters of a 统一社会信用代码.
enum class UsccKind {
  kEnterprise,          // 91: 工商 / 企业 (agencies, companies)
  kSocialOrganisation,  // 51: 民政 / 社会团体 (associations)
};

class NameGenerator {
 public:
  explicit NameGenerator(uint64_t seed);

  // 2–4 characters: a surname by frequency (a few compound, e.g. 欧阳) and a 1–2 character
  // given name (about 70% two characters).
  std::string person_name();

  // City + 2-character brand + a firm suffix, e.g. "北京智诚专利代理事务所（普通合伙）".
  std::string agency_name(std::string_view city);

  // An industry organisation of `place`, e.g. "深圳市专利协会". A bare city name gets "市"; a
  // name already ending in 市/省/区 (see province_name) is used as is: "浙江省知识产权服务业协会".
  std::string org_name(std::string_view place);

  // A province code weighted towards where agencies are (Beijing, Guangdong, Jiangsu, Shanghai,
  // Zhejiang). Never 71, 81 or 82: their residents hold no mainland resident ID.
  int random_province();

  // A valid 18-character code, its division code inside a random province.
  std::string uscc(UsccKind kind = UsccKind::kEnterprise);

  // A valid 18-character ID of someone born 1960–2000.
  std::string resident_id();

  // 11 digits with a real carrier prefix.
  std::string mobile();

  std::mt19937_64& rng() { return rng_; }

  // A uniform integer in [0, n), n > 0. Public so the seeder draws from the same stream.
  uint64_t below(uint64_t n);

 private:
  std::string division_code(int province);

  std::mt19937_64 rng_;
};

// Capital (or main city) of a province code, e.g. 33 → "杭州", 11 → "北京"; "" if unknown.
std::string_view city_for_province(int province_code);

// Full name of a province-level division, e.g. 33 → "浙江省", 11 → "北京市"; "" if unknown.
std::string_view province_name(int province_code);

}  // namespace md::demo
