// Identifier checks of SPEC §4. Messages name the field and the exact problem because a kiosk
// user cannot ask anyone what "格式错误" means.
#include "domain/identifiers.h"

#include <array>
#include <cctype>

#include "core/utf8.h"

namespace md::domain {
namespace {

IdCheck pass(std::string normalized) {
  return IdCheck{true, std::move(normalized), {}};
}

IdCheck fail(std::string normalized, std::string message) {
  return IdCheck{false, std::move(normalized), std::move(message)};
}

IdCheck check_char_failure(std::string normalized, std::string message) {
  IdCheck c = fail(std::move(normalized), std::move(message));
  c.check_char_only = true;
  return c;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

int two_digits(std::string_view s) {
  return (s[0] - '0') * 10 + (s[1] - '0');
}

enum class Case { kUpper, kKeep };

// Trims and folds full-width ASCII (U+FF01–U+FF5E, U+3000) to half-width, because a Chinese
// input method left in full-width mode types "９１１１…" and the user cannot see the difference.
std::string fold(std::string_view input, Case letter_case) {
  std::string out;
  for (char32_t cp : core::utf8_decode(core::trim(input))) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp == 0x3000) cp = U' ';
    if (letter_case == Case::kUpper && cp >= U'a' && cp <= U'z') cp -= 0x20;
    out += core::utf8_encode(cp);
  }
  return out;
}

// 统一社会信用代码 alphabet: digits and capitals without I, O, Z, S, V.
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};

constexpr std::array<int, 17> kResidentIdWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                    3, 7, 9,  10, 5, 8, 4, 2};
constexpr std::string_view kResidentIdCheckChars = "10X98765432";

// Shared by the fixed-length numeric codes (机构代码, 资格证号, 执业证号).
enum class ProvincePrefix { kRequired, kNone };

IdCheck check_numeric_code(std::string_view input, std::string_view field, size_t length,
                           ProvincePrefix prefix) {
  std::string s = fold(input, Case::kKeep);
  const std::string name(field);
  if (s.empty()) return fail(s, "请填写" + name);
  if (!all_digits(s)) return fail(s, name + "只能包含数字");
  if (s.size() != length) {
    return fail(s, name + "应为" + std::to_string(length) + "位数字，当前为" +
                       std::to_string(s.size()) + "位");
  }
  if (prefix == ProvincePrefix::kRequired && !is_province_code(two_digits(s))) {
    return fail(s, name + "前两位应为省级行政区代码，" + s.substr(0, 2) + "不是有效的代码");
  }
  return pass(s);
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::chrono::year_month_day today_in_shanghai() {
  // China has kept UTC+8 without daylight saving since 1991, so no tz database is needed.
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(8);
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
}

bool is_email_local_char(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

bool is_valid_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

}  // namespace

bool is_province_code(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82;
}

char uscc_check_char(std::string_view first17) {
  if (first17.size() != kUsccWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < first17.size(); ++i) {
    const size_t value = kUsccAlphabet.find(first17[i]);
    if (value == std::string_view::npos) return '\0';
    sum += static_cast<int>(value) * kUsccWeights[i];
  }
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

IdCheck check_uscc(std::string_view input) {
  std::string s = fold(input, Case::kUpper);
  if (s.empty()) return fail(s, "请填写统一社会信用代码");
  const size_t length = core::utf8_length(s);
  if (length != 18) {
    return fail(s, "统一社会信用代码应为18位，当前为" + std::to_string(length) + "位");
  }
  for (char c : s) {
    if (kUsccAlphabet.find(c) == std::string_view::npos) {
      return fail(s, "统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）");
    }
  }
  if (!all_digits(std::string_view(s).substr(2, 6))) {
    return fail(s, "统一社会信用代码第3至8位应为数字（登记管理机关行政区划码）");
  }
  if (uscc_check_char(std::string_view(s).substr(0, 17)) != s[17]) {
    return check_char_failure(s, "统一社会信用代码校验位不正确");
  }
  return pass(s);
}

char resident_id_check_char(std::string_view first17) {
  if (first17.size() != kResidentIdWeights.size() || !all_digits(first17)) return '\0';
  int sum = 0;
  for (size_t i = 0; i < first17.size(); ++i) sum += (first17[i] - '0') * kResidentIdWeights[i];
  return kResidentIdCheckChars[sum % 11];
}

IdCheck check_resident_id(std::string_view input) {
  return check_resident_id(input, today_in_shanghai());
}

IdCheck check_resident_id(std::string_view input, std::chrono::year_month_day today) {
  std::string s = fold(input, Case::kUpper);
  if (s.empty()) return fail(s, "请填写身份证号");
  const size_t length = core::utf8_length(s);
  if (length != 18) {
    return fail(s, "身份证号应为18位，当前为" + std::to_string(length) + "位");
  }
  if (!all_digits(std::string_view(s).substr(0, 17)) || !(is_digit(s[17]) || s[17] == 'X')) {
    return fail(s, "身份证号前17位应为数字，最后一位为数字或X");
  }

  const int year = std::stoi(s.substr(6, 4));
  const int month = std::stoi(s.substr(10, 2));
  const int day = std::stoi(s.substr(12, 2));
  static constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30,
                                                       31, 31, 30, 31, 30, 31};
  const bool date_exists = month >= 1 && month <= 12 && day >= 1 &&
                           day <= kDaysInMonth[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
  if (!date_exists) return fail(s, "身份证号中的出生日期不存在");
  if (year < 1900) return fail(s, "身份证号中的出生日期不能早于1900年");
  const std::chrono::year_month_day birth{std::chrono::year(year),
                                          std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
  if (birth > today) return fail(s, "身份证号中的出生日期不能晚于今天");

  if (resident_id_check_char(std::string_view(s).substr(0, 17)) != s[17]) {
    return check_char_failure(s, "身份证号校验位不正确");
  }
  return pass(s);
}

IdCheck check_mobile(std::string_view input) {
  std::string s = fold(input, Case::kKeep);
  if (s.empty()) return fail(s, "请填写手机号");

  std::string_view rest = s;
  bool had_prefix = false;
  if (rest.starts_with("+86")) {
    rest.remove_prefix(3);
    had_prefix = true;
  } else if (rest.starts_with("+")) {
    return fail(s, "仅支持中国大陆手机号（+86）");
  } else if (rest.starts_with("0086")) {
    rest.remove_prefix(4);
    had_prefix = true;
  } else if (rest.starts_with("86") && rest.size() > 2 &&
             (rest[2] == ' ' || rest[2] == '-' || rest.size() == 13)) {
    // A bare "86" is only a prefix when a separator follows or it leaves exactly 11 digits:
    // no mobile number starts with 8, so this cannot swallow a real number.
    rest.remove_prefix(2);
    had_prefix = true;
  }
  if (had_prefix && !rest.empty() && (rest.front() == ' ' || rest.front() == '-')) {
    rest.remove_prefix(1);
  }

  const std::string number(rest);
  if (!all_digits(number)) return fail(number, "手机号只能包含数字");
  if (number.size() != 11) {
    return fail(number, "手机号应为11位数字，当前为" + std::to_string(number.size()) + "位");
  }
  if (number[0] != '1' || number[1] < '3') return fail(number, "手机号应以13至19开头");
  return pass(number);
}

IdCheck check_agency_code(std::string_view input) {
  return check_numeric_code(input, "机构代码", 5, ProvincePrefix::kRequired);
}

IdCheck check_qualification_no(std::string_view input) {
  return check_numeric_code(input, "资格证号", 7, ProvincePrefix::kRequired);
}

IdCheck check_practice_no(std::string_view input) {
  return check_numeric_code(input, "执业证号", 11, ProvincePrefix::kNone);
}

IdCheck check_email(std::string_view input) {
  std::string s = fold(input, Case::kKeep);
  if (s.empty()) return fail(s, "请填写电子邮箱");
  if (core::utf8_length(s) > 254) return fail(s, "电子邮箱不能超过254个字符");

  const size_t at = s.find('@');
  if (at == std::string::npos || s.find('@', at + 1) != std::string::npos) {
    return fail(s, "电子邮箱应包含且只包含一个@");
  }
  // Domains are case-insensitive; the local part is left as typed (RFC 5321 lets it matter).
  for (size_t i = at + 1; i < s.size(); ++i) {
    s[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  const std::string_view local = std::string_view(s).substr(0, at);
  const std::string_view domain = std::string_view(s).substr(at + 1);

  if (local.empty()) return fail(s, "电子邮箱@前的部分不能为空");
  if (core::utf8_length(local) > 64) return fail(s, "电子邮箱@前的部分不能超过64个字符");
  for (char c : local) {
    if (!is_email_local_char(c))
      return fail(s, "电子邮箱@前的部分只能包含英文字母、数字和常用符号");
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return fail(s, "电子邮箱@前的部分不能以点开头或结尾，也不能有连续的点");
  }

  if (domain.empty()) return fail(s, "电子邮箱@后应填写域名，如 example.com");
  if (domain.find('.') == std::string_view::npos) {
    return fail(s, "电子邮箱的域名应包含点，如 example.com");
  }
  size_t start = 0;
  std::string_view last_label;
  for (;;) {
    const size_t dot = domain.find('.', start);
    last_label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!is_valid_domain_label(last_label)) {
      return fail(s, "电子邮箱的域名不正确：只能由英文字母、数字和连字符组成，以点分隔");
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (all_digits(last_label)) return fail(s, "电子邮箱的域名不正确：最后一段不能全是数字");
  return pass(s);
}

}  // namespace md::domain
