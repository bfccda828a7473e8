// Password rule. Checks run from "cannot be stored as typed" to "too weak", and the check against
// the login id comes early: it is the likeliest mistake on the forced first change.
#include "domain/password_policy.h"

#include <cctype>

#include "core/utf8.h"

namespace md::domain {
namespace {

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view login_id) {
  if (password.empty()) return "请填写密码";
  if (!core::utf8_valid(password)) return "密码含有无法识别的字符";
  const std::u32string code_points = core::utf8_decode(password);
  bool has_letter = false;
  bool has_digit = false;
  for (char32_t cp : code_points) {
    if (is_control(cp)) return "密码不能包含控制字符";
    has_letter |= (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
    has_digit |= cp >= U'0' && cp <= U'9';
  }
  if (!login_id.empty() && equals_ignoring_ascii_case(password, login_id)) {
    return "新密码不能与账号相同";
  }
  if (code_points.size() < kPasswordMinLength) return "密码至少需要8位";
  if (code_points.size() > kPasswordMaxLength) return "密码不能超过64位";
  if (!has_letter || !has_digit) return "密码需同时包含字母和数字";
  return std::nullopt;
}

}  // namespace md::domain
