// UTF-8 decoding follows the Unicode "maximal subpart" rule so that a broken byte sequence
// turns into the same number of U+FFFD as browsers show.
#include "core/utf8.h"

namespace md::core {
namespace {

struct Step {
  char32_t code_point;
  size_t length;  // bytes consumed, >= 1
  bool ok;
};

// Decodes the sequence starting at text[pos] (pos < text.size()).
Step decode_one(std::string_view text, size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1, true};

  size_t trailing = 0;
  char32_t cp = 0;
  // The first continuation byte has a narrower range for some leads: that is what excludes
  // overlong forms (E0, F0), surrogates (ED) and values past U+10FFFF (F4).
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    trailing = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    trailing = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    trailing = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {kReplacementChar, 1, false};
  }

  for (size_t k = 1; k <= trailing; ++k) {
    if (pos + k >= text.size()) return {kReplacementChar, k, false};
    const auto byte = static_cast<unsigned char>(text[pos + k]);
    if (byte < low || byte > high) return {kReplacementChar, k, false};
    low = 0x80;
    high = 0xBF;
    cp = (cp << 6) | (byte & 0x3F);
  }
  return {cp, trailing + 1, true};
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

}  // namespace

bool utf8_valid(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const Step step = decode_one(text, pos);
    if (!step.ok) return false;
    pos += step.length;
  }
  return true;
}

std::u32string utf8_decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    const Step step = decode_one(text, pos);
    out.push_back(step.code_point);
    pos += step.length;
  }
  return out;
}

std::string utf8_encode(char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

std::string utf8_encode(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size() * 3);
  for (char32_t cp : code_points) out += utf8_encode(cp);
  return out;
}

size_t utf8_length(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) pos += decode_one(text, pos).length;
  return count;
}

std::string trim(std::string_view text) {
  for (;;) {
    if (!text.empty() && is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return std::string(text);
}

}  // namespace md::core
