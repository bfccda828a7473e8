// UTF-8 helpers for text typed at the kiosk and imported from rosters: validation, decoding to
// code points (length limits are counted in characters, not bytes), and trimming that also
// removes the full-width space a Chinese input method types.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace md::core {

inline constexpr char32_t kReplacementChar = U'\uFFFD';

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool utf8_valid(std::string_view text);

// Code points of `text`; each maximal ill-formed subsequence becomes one U+FFFD.
std::u32string utf8_decode(std::string_view text);

// UTF-8 of one code point; a surrogate or a value past U+10FFFF encodes as U+FFFD.
std::string utf8_encode(char32_t code_point);
std::string utf8_encode(std::u32string_view code_points);

// Number of code points, counting each ill-formed subsequence as one (as utf8_decode does).
size_t utf8_length(std::string_view text);

// `text` without leading and trailing ASCII whitespace and U+3000 ideographic spaces.
std::string trim(std::string_view text);

}  // namespace md::core
