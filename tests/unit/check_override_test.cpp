// Check-character overrides (SPEC §4): staff may accept a real 统一社会信用代码 or 身份证号 whose
// check character fails, with a reason; a malformed code is never overridable, and no other
// field can be overridden.
#include <doctest/doctest.h>

#include <string>

#include "domain/application_forms.h"
#include "domain/identifiers.h"
#include "domain/staff_reasons.h"

using namespace md::domain;

namespace {

const std::string kToday = "2026-11-27";

// The same first 17 characters with a wrong check character.
std::string wrong_check(const std::string& first17, char right) {
  return first17 + (right == '0' ? '1' : '0');
}

Values industry_org(const std::string& uscc) {
  return {{"org_name", "某市知识产权服务业协会"}, {"uscc", uscc},
          {"org_category", "知识产权服务业协会"},   {"address", "北京市东城区某路2号"},
          {"head_name", "孙三"},                     {"contact_name", "李四"},
          {"contact_mobile", "13900139000"},         {"email", "xh@example.com"}};
}

}  // namespace

TEST_CASE("only a check character failure is marked as overridable") {
  const std::string first17 = "91110000600037341";
  auto bad = check_uscc(wrong_check(first17, uscc_check_char(first17)));
  CHECK_FALSE(bad.ok);
  CHECK(bad.check_char_only);
  CHECK(bad.message == "统一社会信用代码校验位不正确");
  for (const char* malformed : {"9111000060003734", "91110000600037341I", "91ABCDEF600037341L", ""})
    CHECK_FALSE(check_uscc(malformed).check_char_only);
  CHECK_FALSE(check_uscc("91110000600037341L").check_char_only);

  const std::string id17 = "11010119900307123";
  auto bad_id = check_resident_id(wrong_check(id17, resident_id_check_char(id17)));
  CHECK(bad_id.check_char_only);
  // A birth date that does not exist is malformed, whatever the check digit.
  CHECK_FALSE(check_resident_id("110101199002301230").check_char_only);
  CHECK_FALSE(check_resident_id("11010119900307123A").check_char_only);
}

TEST_CASE("an override accepts a code that fails only its check character") {
  const auto& form = form_for(MemberType::kIndustryOrg);
  const std::string first17 = "51110000MJ0123456";
  const std::string code = wrong_check(first17, uscc_check_char(first17));
  Values out;
  CHECK(validate_form(form, industry_org(code), &out, kToday).count("uscc") == 1);
  CheckOverrides o;
  o.fields = {"uscc"};
  CHECK(validate_form(form, industry_org(code), &out, kToday, &o).empty());
  CHECK(out.at("uscc") == code);
  CHECK(o.used.count("uscc") == 1);
}

TEST_CASE("an override never accepts a malformed code") {
  const auto& form = form_for(MemberType::kIndustryOrg);
  CheckOverrides o;
  o.fields = {"uscc"};
  Values out;
  auto errors = validate_form(form, industry_org("51110000MJ012345"), &out, kToday, &o);
  CHECK(errors.at("uscc") == "统一社会信用代码应为18位，当前为16位");
  errors = validate_form(form, industry_org("51110000MJ0123456O"), &out, kToday, &o);
  CHECK(errors.count("uscc") == 1);
  CHECK(o.used.empty());
}

TEST_CASE("an override of a valid code is not used") {
  const auto& form = form_for(MemberType::kIndustryOrg);
  const std::string first17 = "51110000MJ0123456";
  CheckOverrides o;
  o.fields = {"uscc"};
  Values out;
  CHECK(validate_form(form, industry_org(first17 + uscc_check_char(first17)), &out, kToday, &o).empty());
  CHECK(o.used.empty());
}

TEST_CASE("override reasons are required and only for codes with a check character") {
  const auto& form = form_for(MemberType::kIndustryOrg);
  std::map<std::string, std::string> trimmed;
  CHECK(check_override_reasons(form, {{"uscc", "  "}}, &trimmed).at("uscc_override") ==
        "请填写越过校验位的理由");
  CHECK(check_override_reasons(form, {{"contact_mobile", "号码是真的"}}, &trimmed)
            .at("contact_mobile_override") == "只有统一社会信用代码和身份证号可以越过校验位检查");
  CHECK(check_override_reasons(form, {{"nope", "x"}}, &trimmed).count("nope_override") == 1);
  CHECK(check_override_reasons(form, {{"uscc", std::string(201 * 3, 'a')}}, &trimmed)
            .count("uscc_override") == 1);
  CHECK(trimmed.empty());
  CHECK(check_override_reasons(form, {{"uscc", " 营业执照原件核对无误 "}}, &trimmed).empty());
  CHECK(trimmed.at("uscc") == "营业执照原件核对无误");
}

TEST_CASE("a staff reason must say something and stay short") {
  CHECK(staff_reason_problem("", "变更理由") == "请填写变更理由");
  CHECK(staff_reason_problem(std::string(200, 'x'), "变更理由").empty());
  CHECK(staff_reason_problem(std::string(201, 'x'), "变更理由") == "变更理由不能超过200个字");
}
