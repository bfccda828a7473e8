// Tests for domain/password_policy: each refusal and its message.
#include "domain/password_policy.h"

#include <doctest/doctest.h>

#include <string>

using md::domain::password_problem;

TEST_CASE("password_policy accepts a letter-and-digit password of 8 to 64 characters") {
  CHECK_FALSE(password_problem("abc12345", "1100001").has_value());
  CHECK_FALSE(password_problem("专利代理abc123", "1100001").has_value());
  CHECK_FALSE(password_problem(std::string(63, 'a') + "1", "11001").has_value());
}

TEST_CASE("password_policy refuses short and long passwords counting characters") {
  CHECK(password_problem("", "11001") == "请填写密码");
  CHECK(password_problem("abc1234", "11001") == "密码至少需要8位");
  // Six CJK characters are 18 bytes but only 6 characters.
  CHECK(password_problem("会员中心a1", "11001") == "密码至少需要8位");
  CHECK(password_problem(std::string(64, 'a') + "1", "11001") == "密码不能超过64位");
}

TEST_CASE("password_policy requires an ASCII letter and a digit") {
  CHECK(password_problem("abcdefgh", "11001") == "密码需同时包含字母和数字");
  CHECK(password_problem("12345678", "11001") == "密码需同时包含字母和数字");
  CHECK(password_problem("会员中心会员中心1", "11001") == "密码需同时包含字母和数字");
}

TEST_CASE("password_policy refuses the login id ignoring case") {
  CHECK(password_problem("91110000600037341L", "91110000600037341L") == "新密码不能与账号相同");
  CHECK(password_problem("91110000600037341l", "91110000600037341L") == "新密码不能与账号相同");
  CHECK(password_problem("13800138000", "13800138000") == "新密码不能与账号相同");
}

TEST_CASE("password_policy refuses control characters and broken UTF-8") {
  CHECK(password_problem("abc\t12345", "11001") == "密码不能包含控制字符");
  CHECK(password_problem(std::string("abc\0"
                                     "12345",
                                     9),
                         "11001") == "密码不能包含控制字符");
  CHECK(password_problem("abc12345\x7F", "11001") == "密码不能包含控制字符");
  CHECK(password_problem("abc12345\xC2\x85", "11001") == "密码不能包含控制字符");  // U+0085
  CHECK(password_problem("abc12345\xFF", "11001") == "密码含有无法识别的字符");
}
