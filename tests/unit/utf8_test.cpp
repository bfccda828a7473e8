// Tests for core/utf8: validation, decoding with replacement, encoding, length and trimming.
#include "core/utf8.h"

#include <doctest/doctest.h>

using namespace md::core;

TEST_CASE("utf8_valid accepts ASCII and CJK and rejects malformed input") {
  CHECK(utf8_valid(""));
  CHECK(utf8_valid("abc"));
  CHECK(utf8_valid("专利代理师"));
  CHECK(utf8_valid("\xF0\x9F\x98\x80"));  // U+1F600, four bytes
  CHECK_FALSE(utf8_valid("\xFF"));
  CHECK_FALSE(utf8_valid("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(utf8_valid("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(utf8_valid("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(utf8_valid("\xE4\xB8"));          // truncated 中
  CHECK_FALSE(utf8_valid("a\x80z"));            // stray continuation byte
}

TEST_CASE("utf8_decode gives code points and U+FFFD for bad bytes") {
  CHECK(utf8_decode("a中") == U"a中");
  CHECK(utf8_decode("\xF0\x9F\x98\x80") == U"\U0001F600");
  CHECK(utf8_decode("a\xFFz") == U"a\uFFFDz");
  // A truncated sequence is one replacement, then decoding resumes at the next lead byte.
  CHECK(utf8_decode("\xE4\xB8"
                    "a") == U"\uFFFDa");
  CHECK(utf8_decode("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");
}

TEST_CASE("utf8_encode round-trips and replaces impossible code points") {
  CHECK(utf8_encode(U'A') == "A");
  CHECK(utf8_encode(U'\u00E9') == "\xC3\xA9");
  CHECK(utf8_encode(U'中') == "中");
  CHECK(utf8_encode(U'\U0001F600') == "\xF0\x9F\x98\x80");
  CHECK(utf8_encode(static_cast<char32_t>(0xD800)) == "\xEF\xBF\xBD");
  CHECK(utf8_encode(static_cast<char32_t>(0x110000)) == "\xEF\xBF\xBD");
  const std::string text = "会员 Desk ✓ \U0001F600";
  CHECK(utf8_encode(utf8_decode(text)) == text);
}

TEST_CASE("utf8_length counts code points") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("abc") == 3);
  CHECK(utf8_length("中华全国专利代理师协会") == 11);
  CHECK(utf8_length("a\xFFz") == 3);
}

TEST_CASE("trim removes ASCII whitespace and the ideographic space") {
  CHECK(trim("  abc \t\n") == "abc");
  CHECK(trim("\u3000\u3000王伟\u3000") == "王伟");
  CHECK(trim(" \u3000 a b \u3000 ") == "a b");
  CHECK(trim("   ") == "");
  CHECK(trim("") == "");
  CHECK(trim("中　文") == "中　文");  // inner full-width space stays
}
