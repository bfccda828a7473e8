// Tests for domain/identifiers: every validator's accepted forms, normalisation and each refusal
// with its exact message.
#include "domain/identifiers.h"

#include <doctest/doctest.h>

#include <string>

using namespace md::domain;
using namespace std::chrono;

namespace {
const year_month_day kToday{year(2026), month(3), day(15)};
}  // namespace

TEST_CASE("identifiers province codes") {
  for (int code : {11, 15, 21, 23, 31, 37, 41, 46, 50, 54, 61, 65, 71, 81, 82}) {
    CHECK(is_province_code(code));
  }
  for (int code : {0, 10, 16, 20, 24, 30, 38, 40, 47, 49, 55, 60, 66, 70, 72, 80, 83, 99}) {
    CHECK_FALSE(is_province_code(code));
  }
}

TEST_CASE("identifiers uscc accepts the spec examples") {
  for (const char* code : {"91110000600037341L", "91110000101623741K", "911101066976941872"}) {
    const IdCheck r = check_uscc(code);
    CHECK(r.ok);
    CHECK(r.normalized == code);
    CHECK(r.message.empty());
  }
  CHECK(uscc_check_char("91110000600037341") == 'L');
  CHECK(uscc_check_char("91110000101623741") == 'K');
  CHECK(uscc_check_char("91110106697694187") == '2');
  CHECK(uscc_check_char("9111000060003734") == '\0');
  CHECK(uscc_check_char("9111000060003734I") == '\0');
}

TEST_CASE("identifiers uscc normalizes case and width and trims") {
  const IdCheck lower = check_uscc("  91110000600037341l\u3000");
  CHECK(lower.ok);
  CHECK(lower.normalized == "91110000600037341L");
  const IdCheck wide = check_uscc("９１１１００００６０００３７３４１Ｌ");
  CHECK(wide.ok);
  CHECK(wide.normalized == "91110000600037341L");
}

TEST_CASE("identifiers uscc refusals") {
  CHECK(check_uscc("").message == "请填写统一社会信用代码");
  CHECK(check_uscc("  ").message == "请填写统一社会信用代码");
  CHECK(check_uscc("9111000060003734").message == "统一社会信用代码应为18位，当前为16位");
  CHECK(check_uscc("91110000600037341LL").message == "统一社会信用代码应为18位，当前为19位");
  CHECK(check_uscc("9111000060003734IL").message ==
        "统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）");
  CHECK(check_uscc("9111000060003734中L").message ==
        "统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）");
  CHECK(check_uscc("91A10000600037341L").message ==
        "统一社会信用代码第3至8位应为数字（登记管理机关行政区划码）");
  const IdCheck wrong = check_uscc("91110000600037341K");
  CHECK_FALSE(wrong.ok);
  CHECK(wrong.message == "统一社会信用代码校验位不正确");
  CHECK(wrong.normalized == "91110000600037341K");
  CHECK(check_uscc("911101066976941873").message == "统一社会信用代码校验位不正确");
}

TEST_CASE("identifiers resident id accepts valid numbers including X") {
  const IdCheck x = check_resident_id("11010519491231002X", kToday);
  CHECK(x.ok);
  CHECK(x.normalized == "11010519491231002X");
  const IdCheck lower_x = check_resident_id(" 44030419900307123x ", kToday);
  CHECK(lower_x.ok);
  CHECK(lower_x.normalized == "44030419900307123X");
  CHECK(check_resident_id("320102200002290013", kToday).ok);  // 29 Feb of a leap year
  CHECK(check_resident_id("11010519000101001X", kToday).ok);  // earliest allowed year
  CHECK(resident_id_check_char("11010519491231002") == 'X');
  CHECK(resident_id_check_char("3201022000022900") == '\0');
  CHECK(resident_id_check_char("3201022000022900A") == '\0');
}

TEST_CASE("identifiers resident id refusals") {
  CHECK(check_resident_id("", kToday).message == "请填写身份证号");
  CHECK(check_resident_id("11010519491231002", kToday).message == "身份证号应为18位，当前为17位");
  CHECK(check_resident_id("110105194912310", kToday).message == "身份证号应为18位，当前为15位");
  CHECK(check_resident_id("1101051949123100XX", kToday).message ==
        "身份证号前17位应为数字，最后一位为数字或X");
  CHECK(check_resident_id("11010519491231002Y", kToday).message ==
        "身份证号前17位应为数字，最后一位为数字或X");
  CHECK(check_resident_id("110105199102300017", kToday).message == "身份证号中的出生日期不存在");
  CHECK(check_resident_id("110105199113010015", kToday).message == "身份证号中的出生日期不存在");
  CHECK(check_resident_id("110105199002290010", kToday).message == "身份证号中的出生日期不存在");
  CHECK(check_resident_id("440524188001010014", kToday).message ==
        "身份证号中的出生日期不能早于1900年");
  CHECK(check_resident_id("110105209912310010", kToday).message ==
        "身份证号中的出生日期不能晚于今天");
  CHECK(check_resident_id("110105194912310021", kToday).message == "身份证号校验位不正确");
}

TEST_CASE("identifiers resident id uses the real date without an explicit today") {
  CHECK(check_resident_id("11010519491231002X").ok);
  CHECK(check_resident_id("110105209912310010").message == "身份证号中的出生日期不能晚于今天");
}

TEST_CASE("identifiers mobile accepts the +86 forms and normalizes") {
  for (const char* input : {"13800138000", "+8613800138000", "+86 13800138000", "+86-13800138000",
                            "8613800138000", "86 13800138000", "86-13800138000", "008613800138000",
                            " 13800138000\u3000", "１３８００１３８０００"}) {
    INFO(input);
    const IdCheck r = check_mobile(input);
    CHECK(r.ok);
    CHECK(r.normalized == "13800138000");
  }
  CHECK(check_mobile("19912345678").ok);
}

TEST_CASE("identifiers mobile refusals") {
  CHECK(check_mobile("").message == "请填写手机号");
  CHECK(check_mobile("138-0013-8000").message == "手机号只能包含数字");
  CHECK(check_mobile("1380013800a").message == "手机号只能包含数字");
  CHECK(check_mobile("+1 4155550100").message == "仅支持中国大陆手机号（+86）");
  CHECK(check_mobile("1380013800").message == "手机号应为11位数字，当前为10位");
  CHECK(check_mobile("861380013800").message == "手机号应为11位数字，当前为12位");
  CHECK(check_mobile("+86").message == "手机号应为11位数字，当前为0位");
  CHECK(check_mobile("12800138000").message == "手机号应以13至19开头");
  CHECK(check_mobile("23800138000").message == "手机号应以13至19开头");
}

TEST_CASE("identifiers agency code") {
  CHECK(check_agency_code("11001").ok);
  CHECK(check_agency_code(" 44100 ").normalized == "44100");
  CHECK(check_agency_code("").message == "请填写机构代码");
  CHECK(check_agency_code("1100A").message == "机构代码只能包含数字");
  CHECK(check_agency_code("1100").message == "机构代码应为5位数字，当前为4位");
  CHECK(check_agency_code("99001").message == "机构代码前两位应为省级行政区代码，99不是有效的代码");
}

TEST_CASE("identifiers qualification number") {
  CHECK(check_qualification_no("1100001").ok);
  CHECK(check_qualification_no("8200123").ok);
  CHECK(check_qualification_no("").message == "请填写资格证号");
  CHECK(check_qualification_no("11-0001").message == "资格证号只能包含数字");
  CHECK(check_qualification_no("11000011").message == "资格证号应为7位数字，当前为8位");
  CHECK(check_qualification_no("1000001").message ==
        "资格证号前两位应为省级行政区代码，10不是有效的代码");
}

TEST_CASE("identifiers practice number") {
  CHECK(check_practice_no("11101234567").ok);
  CHECK(check_practice_no("99101234567").ok);  // no province rule for 执业证号
  CHECK(check_practice_no("").message == "请填写执业证号");
  CHECK(check_practice_no("1110123456X").message == "执业证号只能包含数字");
  CHECK(check_practice_no("1110123456").message == "执业证号应为11位数字，当前为10位");
}

TEST_CASE("identifiers email accepts sane addresses and lower-cases the domain") {
  CHECK(check_email("zhang.wei@example.com").ok);
  CHECK(check_email("a+tag@mail.acpaa.cn").ok);
  const IdCheck r = check_email("  Zhang.Wei@Example.COM ");
  CHECK(r.ok);
  CHECK(r.normalized == "Zhang.Wei@example.com");
  CHECK(check_email(std::string(64, 'a') + "@example.com").ok);
}

TEST_CASE("identifiers email refusals") {
  CHECK(check_email("").message == "请填写电子邮箱");
  CHECK(check_email("a@" + std::string(250, 'b') + ".cn").message == "电子邮箱不能超过254个字符");
  CHECK(check_email("example.com").message == "电子邮箱应包含且只包含一个@");
  CHECK(check_email("a@b@example.com").message == "电子邮箱应包含且只包含一个@");
  CHECK(check_email("@example.com").message == "电子邮箱@前的部分不能为空");
  CHECK(check_email(std::string(65, 'a') + "@example.com").message ==
        "电子邮箱@前的部分不能超过64个字符");
  CHECK(check_email("zhang wei@example.com").message ==
        "电子邮箱@前的部分只能包含英文字母、数字和常用符号");
  CHECK(check_email("张伟@example.com").message ==
        "电子邮箱@前的部分只能包含英文字母、数字和常用符号");
  CHECK(check_email(".zw@example.com").message ==
        "电子邮箱@前的部分不能以点开头或结尾，也不能有连续的点");
  CHECK(check_email("z..w@example.com").message ==
        "电子邮箱@前的部分不能以点开头或结尾，也不能有连续的点");
  CHECK(check_email("zw@").message == "电子邮箱@后应填写域名，如 example.com");
  CHECK(check_email("zw@localhost").message == "电子邮箱的域名应包含点，如 example.com");
  const std::string bad_domain = "电子邮箱的域名不正确：只能由英文字母、数字和连字符组成，以点分隔";
  CHECK(check_email("zw@example..com").message == bad_domain);
  CHECK(check_email("zw@.example.com").message == bad_domain);
  CHECK(check_email("zw@example.com.").message == bad_domain);
  CHECK(check_email("zw@-example.com").message == bad_domain);
  CHECK(check_email("zw@exa_mple.com").message == bad_domain);
  CHECK(check_email("zw@例子.中国").message == bad_domain);
  CHECK(check_email("zw@" + std::string(64, 'a') + ".com").message == bad_domain);
  CHECK(check_email("zw@10.0.0.1").message == "电子邮箱的域名不正确：最后一段不能全是数字");
}
