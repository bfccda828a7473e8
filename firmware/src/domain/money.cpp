#include "domain/money.h"

namespace md::domain {

std::string format_yuan(Fen fen) {
  const bool negative = fen < 0;
  const uint64_t abs = negative ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
  // Appended piece by piece: GCC 12 reports a false -Wrestrict on const char* + std::string.
  std::string out;
  if (negative) out.push_back('-');
  out.append(std::to_string(abs / 100));
  out.push_back('.');
  const uint64_t cents = abs % 100;
  out.push_back(static_cast<char>('0' + cents / 10));
  out.push_back(static_cast<char>('0' + cents % 10));
  return out;
}

std::string format_yuan_grouped(Fen fen) {
  const std::string plain = format_yuan(fen);
  const size_t sign = plain[0] == '-' ? 1 : 0;
  const size_t dot = plain.find('.');
  std::string out = plain.substr(0, sign);
  for (size_t i = sign; i < dot; ++i) {
    if (i > sign && (dot - i) % 3 == 0) out.push_back(',');
    out.push_back(plain[i]);
  }
  out.append(plain, dot, std::string::npos);
  return out;
}

std::optional<Fen> parse_yuan(std::string_view text, AllowGrouping grouping) {
  constexpr Fen kMaxFen = 1000000000000;  // 10^12 fen = 10 billion yuan
  if (text.empty()) return std::nullopt;
  Fen whole = 0;
  size_t i = 0;
  size_t digits = 0;
  size_t since_comma = 0;
  bool grouped = false;
  for (; i < text.size() && text[i] != '.'; ++i) {
    const char c = text[i];
    if (c == ',' && grouping == AllowGrouping::kYes && digits > 0 && (!grouped || since_comma == 3) &&
        (grouped || digits <= 3)) {
      grouped = true;
      since_comma = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    whole = whole * 10 + (c - '0');
    if (whole > kMaxFen) return std::nullopt;
    ++digits;
    ++since_comma;
  }
  if (digits == 0 || (grouped && since_comma != 3)) return std::nullopt;
  Fen cents = 0;
  if (i < text.size()) {  // text[i] == '.'
    const std::string_view frac = text.substr(i + 1);
    if (frac.empty() || frac.size() > 2) return std::nullopt;
    for (char c : frac)
      if (c < '0' || c > '9') return std::nullopt;
    cents = (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
  }
  const Fen total = whole * 100 + cents;
  if (total > kMaxFen) return std::nullopt;
  return total;
}

}  // namespace md::domain
