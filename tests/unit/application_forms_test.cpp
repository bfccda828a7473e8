// 入会申请表 validation: required fields, identifier checks, normalisation, choices, lengths,
// dates and unknown keys — one definition per member type.
#include <doctest/doctest.h>

#include <string>

#include "domain/application_forms.h"
#include "domain/identifiers.h"

using md::domain::FieldErrors;
using md::domain::FieldKind;
using md::domain::FieldSource;
using md::domain::form_for;
using md::domain::MemberType;
using md::domain::validate_form;
using md::domain::Values;

namespace {

const std::string kToday = "2026-11-27";

std::string uscc(const std::string& first17) {
  return first17 + md::domain::uscc_check_char(first17);
}
std::string resident_id(const std::string& first17) {
  return first17 + md::domain::resident_id_check_char(first17);
}

Values valid(MemberType t) {
  switch (t) {
    case MemberType::kAgency:
      return {{"org_name", "北京智诚专利代理事务所（普通合伙）"},
              {"agency_code", "11001"},
              {"uscc", uscc("91110108MA01ABCDE")},
              {"org_form", "合伙"},
              {"founded_on", "2010-05-01"},
              {"registered_address", "北京市海淀区中关村大街1号"},
              {"office_address", "北京市海淀区中关村大街1号"},
              {"head_name", "赵一"},
              {"head_mobile", "13800138000"},
              {"contact_name", "钱二"},
              {"contact_mobile", "13900139000"},
              {"email", "office@zhicheng.example.com"},
              {"attorney_count", "12"}};
    case MemberType::kAttorney:
      return {{"name", "张伟"},
              {"qualification_no", "1100001"},
              {"gender", "男"},
              {"id_number", resident_id("11010119900307123")},
              {"agency_name", "北京智诚专利代理事务所（普通合伙）"},
              {"mobile", "13800138001"},
              {"email", "zhangwei@example.com"},
              {"education", "大学本科"},
              {"major", "电子工程"}};
    case MemberType::kIndustryOrg:
      return {{"org_name", "某市知识产权服务业协会"},
              {"uscc", uscc("51110000MJ0123456")},
              {"org_category", "知识产权服务业协会"},
              {"address", "北京市东城区某路2号"},
              {"head_name", "孙三"},
              {"contact_name", "李四"},
              {"contact_mobile", "13700137000"},
              {"email", "assoc@example.org"}};
    case MemberType::kNonPracticing:
      return {{"name", "周五"},
              {"id_number", resident_id("11010519850512321")},
              {"qualification_no", "1100099"},
              {"mobile", "13600136000"},
              {"employer", "某科技有限公司"},
              {"email", "zhouwu@example.com"}};
  }
  return {};
}

FieldErrors check(MemberType t, const Values& v, Values* out = nullptr) {
  Values tmp;
  return validate_form(form_for(t), v, out ? out : &tmp, kToday);
}

const MemberType kAll[] = {MemberType::kAgency, MemberType::kAttorney, MemberType::kIndustryOrg,
                           MemberType::kNonPracticing};

}  // namespace

TEST_CASE("a complete form of each type passes") {
  for (auto t : kAll) {
    CAPTURE(static_cast<int>(t));
    Values out;
    auto errors = check(t, valid(t), &out);
    CHECK(errors.empty());
    if (!errors.empty()) MESSAGE(errors.begin()->first << ": " << errors.begin()->second);
    CHECK(out.size() == valid(t).size());
  }
}

TEST_CASE("each required field of each type is asked for by its label") {
  for (auto t : kAll) {
    const auto& form = form_for(t);
    for (const auto& f : form.fields) {
      if (!f.required) continue;
      CAPTURE(form.title);
      CAPTURE(f.key);
      Values v = valid(t);
      v.erase(f.key);
      auto errors = check(t, v);
      REQUIRE(errors.count(f.key) == 1);
      const std::string expected = (f.kind == FieldKind::kChoice ? "请选择" : "请填写") + f.label;
      CHECK(errors.at(f.key) == expected);
      CHECK(errors.size() == 1);
      // Blank (spaces only) is the same as absent.
      v[f.key] = "   ";
      errors = check(t, v);
      REQUIRE(errors.count(f.key) == 1);
      CHECK(errors.at(f.key) == expected);
    }
  }
}

TEST_CASE("an empty form lists every required field and nothing optional") {
  for (auto t : kAll) {
    const auto& form = form_for(t);
    auto errors = check(t, {});
    size_t required = 0;
    for (const auto& f : form.fields) {
      CAPTURE(f.key);
      if (f.required) {
        ++required;
        CHECK(errors.count(f.key) == 1);
      } else {
        CHECK(errors.count(f.key) == 0);
      }
    }
    CHECK(errors.size() == required);
  }
}

TEST_CASE("forms name their key name and mobile fields and mark login and roster fields") {
  CHECK(form_for(MemberType::kAgency).key_field == "agency_code");
  CHECK(form_for(MemberType::kAttorney).key_field == "qualification_no");
  CHECK(form_for(MemberType::kIndustryOrg).key_field == "uscc");
  CHECK(form_for(MemberType::kNonPracticing).key_field == "mobile");
  auto source_of = [](MemberType t, const std::string& key) {
    for (const auto& f : form_for(t).fields)
      if (f.key == key) return f.source;
    FAIL("no field " << key);
    return FieldSource::kApplicant;
  };
  CHECK(source_of(MemberType::kAgency, "agency_code") == FieldSource::kLogin);
  CHECK(source_of(MemberType::kAttorney, "qualification_no") == FieldSource::kLogin);
  CHECK(source_of(MemberType::kAttorney, "agency_name") == FieldSource::kRoster);
  CHECK(source_of(MemberType::kIndustryOrg, "uscc") == FieldSource::kApplicant);
  CHECK(source_of(MemberType::kNonPracticing, "qualification_no") == FieldSource::kApplicant);
}

TEST_CASE("identifier fields refuse with the identifier check's own message") {
  struct Case {
    MemberType type;
    std::string key;
    std::string bad;
    std::string message;
  };
  const std::string good17 = "91110108MA01ABCDE";
  char wrong_check = md::domain::uscc_check_char(good17) == '0' ? '1' : '0';
  const Case cases[] = {
      {MemberType::kIndustryOrg, "uscc", "9111010812345", "统一社会信用代码应为18位，当前为13位"},
      {MemberType::kIndustryOrg, "uscc", good17 + wrong_check, "统一社会信用代码校验位不正确"},
      {MemberType::kNonPracticing, "id_number", "11010119900307", "身份证号应为18位，当前为14位"},
      {MemberType::kNonPracticing, "id_number", resident_id("11010119900230123"),
       "身份证号中的出生日期不存在"},
      {MemberType::kNonPracticing, "mobile", "1380013800", "手机号应为11位数字，当前为10位"},
      {MemberType::kNonPracticing, "mobile", "12800138000", "手机号应以13至19开头"},
      {MemberType::kNonPracticing, "mobile", "+1 4155550100", "仅支持中国大陆手机号（+86）"},
      {MemberType::kNonPracticing, "email", "zhouwu.example.com", "电子邮箱应包含且只包含一个@"},
      {MemberType::kNonPracticing, "qualification_no", "110009", "资格证号应为7位数字，当前为6位"},
      {MemberType::kAgency, "agency_code", "99001", "机构代码前两位应为省级行政区代码，99不是有效的代码"},
      {MemberType::kAttorney, "practice_no", "1100120200", "执业证号应为11位数字，当前为10位"},
      {MemberType::kAgency, "postcode", "10008", "邮政编码应为6位数字"},
      {MemberType::kAgency, "office_phone", "12ab", "请填写正确的电话号码，如 010-12345678"},
      {MemberType::kAgency, "website", "not a url", "请填写正确的网址，如 www.example.com"},
      {MemberType::kAgency, "attorney_count", "十二", "执业专利代理师人数应为整数"},
      {MemberType::kAgency, "founded_on", "2026-02-30", "请填写正确的日期（年-月-日）"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.key);
    CAPTURE(c.bad);
    Values v = valid(c.type);
    v[c.key] = c.bad;
    auto errors = check(c.type, v);
    REQUIRE(errors.count(c.key) == 1);
    CHECK(errors.at(c.key) == c.message);
    CHECK(errors.size() == 1);
  }
}

TEST_CASE("values are trimmed and normalised") {
  Values v = valid(MemberType::kIndustryOrg);
  std::string code = uscc("51110000MJ0123456");
  std::string lower = code;
  for (auto& ch : lower)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  v["uscc"] = "  " + lower + " ";
  v["contact_mobile"] = "+86 13700137000";
  v["org_name"] = "  某市知识产权服务业协会  ";
  Values out;
  auto errors = check(MemberType::kIndustryOrg, v, &out);
  CHECK(errors.empty());
  CHECK(out.at("uscc") == code);
  CHECK(out.at("contact_mobile") == "13700137000");
  CHECK(out.at("org_name") == "某市知识产权服务业协会");

  Values n = valid(MemberType::kNonPracticing);
  n["mobile"] = "+8613600136000";
  n["email"] = "ZhouWu@Example.COM";
  Values nout;
  CHECK(check(MemberType::kNonPracticing, n, &nout).empty());
  CHECK(nout.at("mobile") == "13600136000");
  CHECK(nout.at("email").substr(nout.at("email").find('@')) == "@example.com");

  Values a = valid(MemberType::kAgency);
  a["attorney_count"] = "007";
  Values aout;
  CHECK(check(MemberType::kAgency, a, &aout).empty());
  CHECK(aout.at("attorney_count") == "7");
}

TEST_CASE("a choice outside the list is refused") {
  Values v = valid(MemberType::kAttorney);
  v["gender"] = "未知";
  auto errors = check(MemberType::kAttorney, v);
  REQUIRE(errors.count("gender") == 1);
  CHECK(errors.at("gender") == "请选择性别");

  Values o = valid(MemberType::kIndustryOrg);
  o["org_category"] = "地方专利代理师协会 ";  // trimmed: valid
  CHECK(check(MemberType::kIndustryOrg, o).empty());
  o["org_category"] = "协会";
  errors = check(MemberType::kIndustryOrg, o);
  REQUIRE(errors.count("org_category") == 1);
  CHECK(errors.at("org_category") == "请选择组织类别");

  Values a = valid(MemberType::kAgency);
  a["org_form"] = "股份有限公司";
  CHECK(check(MemberType::kAgency, a).at("org_form") == "请选择组织形式");
}

TEST_CASE("text longer than the field's maximum is refused counting characters not bytes") {
  Values v = valid(MemberType::kAgency);
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "字";
  v["org_name"] = hundred;  // 100 characters, 300 bytes: fine
  CHECK(check(MemberType::kAgency, v).empty());
  v["org_name"] = hundred + "字";
  auto errors = check(MemberType::kAgency, v);
  REQUIRE(errors.count("org_name") == 1);
  CHECK(errors.at("org_name") == "机构名称不能超过100个字");

  Values n = valid(MemberType::kNonPracticing);
  n["name"] = std::string(51, 'x');
  CHECK(check(MemberType::kNonPracticing, n).at("name") == "姓名不能超过50个字");

  Values i = valid(MemberType::kIndustryOrg);
  i["intro"] = std::string(2001, 'x');
  CHECK(check(MemberType::kIndustryOrg, i).at("intro") == "简介不能超过2000个字");
  i["intro"] = "第一段\n第二段";  // newlines are fine in a textarea
  CHECK(check(MemberType::kIndustryOrg, i).empty());
  i["org_name"] = "协会\n名称";  // but not in a one-line text
  CHECK(check(MemberType::kIndustryOrg, i).at("org_name") == "组织名称含有无效字符");
}

TEST_CASE("dates after today are refused") {
  Values v = valid(MemberType::kAgency);
  v["founded_on"] = kToday;
  CHECK(check(MemberType::kAgency, v).empty());
  v["founded_on"] = "2026-11-28";
  auto errors = check(MemberType::kAgency, v);
  REQUIRE(errors.count("founded_on") == 1);
  CHECK(errors.at("founded_on") == "成立日期不能晚于今天");
  v["founded_on"] = "2026/01/01";
  CHECK(check(MemberType::kAgency, v).at("founded_on") == "请填写正确的日期（年-月-日）");
}

TEST_CASE("unknown keys are ignored and dropped") {
  Values v = valid(MemberType::kNonPracticing);
  v["is_admin"] = "1";
  v["member_no"] = "N2026000001";
  Values out;
  auto errors = check(MemberType::kNonPracticing, v, &out);
  CHECK(errors.empty());
  CHECK(out.count("is_admin") == 0);
  CHECK(out.count("member_no") == 0);
}

TEST_CASE("optional fields may be left empty but are checked when filled") {
  Values v = valid(MemberType::kAgency);
  v["postcode"] = "";
  v["website"] = "";
  Values out;
  CHECK(check(MemberType::kAgency, v, &out).empty());
  CHECK(out.count("postcode") == 0);
  v["postcode"] = "100080";
  v["website"] = "www.zhicheng.example.com";
  v["office_phone"] = "010-62345678";
  CHECK(check(MemberType::kAgency, v, &out).empty());
  CHECK(out.at("postcode") == "100080");
}
