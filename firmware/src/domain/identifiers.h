// Validators for the identifiers on membership forms and rosters (SPEC §4): 统一社会信用代码,
// 身份证号, 手机号, 机构代码, 资格证号, 执业证号 and 电子邮箱. Each check says precisely what is
// wrong, in zh-CN, so the form can show it next to the field. The check-character generators are
// exported for the demo seeder, which must produce codes that pass these checks.
//
// Whether a field is required is the caller's business: an optional field that is empty is
// simply not checked (every check_* refuses an empty input with "请填写…").
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace md::domain {

struct IdCheck {
  bool ok = false;
  // The input as it should be stored: trimmed, full-width ASCII folded to half-width, letters
  // upper-cased (e-mail: domain lower-cased), +86 stripped from mobiles. Filled even when !ok.
  std::string normalized;
  std::string message;  // zh-CN, empty when ok
  // The code is well-formed (length, alphabet, structure, birth date) and only its check
  // character disagrees: the one failure staff may override (SPEC §4).
  bool check_char_only = false;
};

// 省级行政区划代码 (first two digits of GB/T 2260): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65,
// 71, 81, 82.
bool is_province_code(int code);

// 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9A-HJ-NPQRTUWXY, positions 3–8 digits,
// last character the check character.
IdCheck check_uscc(std::string_view input);

// The GB 32100 check character for the first 17 characters; '\0' if `first17` is not 17
// characters of the code's alphabet.
char uscc_check_char(std::string_view first17);

// 居民身份证号 (GB 11643): 17 digits + check digit or X; the birth date must exist, be no earlier
// than 1900-01-01 and no later than `today` (the one-argument form uses today in Asia/Shanghai).
IdCheck check_resident_id(std::string_view input);
IdCheck check_resident_id(std::string_view input, std::chrono::year_month_day today);

// The GB 11643 check character ('0'–'9' or 'X') for 17 digits; '\0' if `first17` is not 17
// digits.
char resident_id_check_char(std::string_view first17);

// 手机号: 1[3-9] + 9 digits, optionally after +86 / 0086 / 86 with or without a space or hyphen.
IdCheck check_mobile(std::string_view input);

// 机构代码: 5 digits, the first two a province code.
IdCheck check_agency_code(std::string_view input);

// 专利代理师资格证号: 7 digits, the first two a province code.
IdCheck check_qualification_no(std::string_view input);

// 执业证号: 11 digits.
IdCheck check_practice_no(std::string_view input);

// 电子邮箱: one @, local part 1–64 characters, a dotted domain of letter/digit/hyphen labels,
// at most 254 characters in all. Deliberately plain ASCII: SMS/e-mail providers reject more.
IdCheck check_email(std::string_view input);

}  // namespace md::domain
