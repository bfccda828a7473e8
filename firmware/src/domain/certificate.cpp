#include "domain/certificate.h"

#include <charconv>
#include <vector>

namespace md::domain {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::optional<int> parse_int(std::string_view s, size_t max_digits) {
  if (s.empty() || s.size() > max_digits || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// The value of `name=` in an &-separated query.
std::optional<std::string> query_value(std::string_view query, std::string_view name) {
  for (auto part : split(query, '&')) {
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
  }
  return std::nullopt;
}

bool is_base64url(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

}  // namespace

std::string payload_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '|') out += "｜";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  return out;
}

std::string payload_of(const CertificateFacts& f) {
  std::string p = kPayloadTag;
  for (const std::string& v : {f.cert_no, std::to_string(f.version), std::to_string(f.year), f.member_no,
                               f.member_type, f.name, f.valid_until, f.issued_on}) {
    p += '|';
    p += v;
  }
  return p;
}

std::optional<CertificateFacts> parse_payload(std::string_view payload) {
  auto parts = split(payload, '|');
  if (parts.size() != 9 || parts[0] != kPayloadTag) return std::nullopt;
  CertificateFacts f;
  f.cert_no = std::string(parts[1]);
  auto version = parse_int(parts[2], 4);
  auto year = parse_int(parts[3], 4);
  if (!normalize_cert_no(f.cert_no) || *normalize_cert_no(f.cert_no) != f.cert_no || !version || *version < 1 ||
      !year || parts[4].empty() || parts[5].empty() || parts[6].empty() || !is_iso_date(parts[7]) ||
      !is_iso_date(parts[8]))
    return std::nullopt;
  f.version = *version;
  f.year = *year;
  f.member_no = std::string(parts[4]);
  f.member_type = std::string(parts[5]);
  f.name = std::string(parts[6]);
  f.valid_until = std::string(parts[7]);
  f.issued_on = std::string(parts[8]);
  return f;
}

std::string format_cert_no(int year, int seq) {
  std::string s = std::to_string(seq);
  return std::to_string(year) + std::string(6 - std::min<size_t>(6, s.size()), '0') + s;
}

std::optional<std::string> normalize_cert_no(std::string_view typed) {
  std::string digits;
  for (size_t i = 0; i < typed.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(typed[i]);
    if (c >= '0' && c <= '9') {
      digits += static_cast<char>(c);
    } else if (c == ' ' || c == '-') {
      continue;
    } else if (c == 0xEF && i + 2 < typed.size() && static_cast<unsigned char>(typed[i + 1]) == 0xBC &&
               static_cast<unsigned char>(typed[i + 2]) >= 0x90 && static_cast<unsigned char>(typed[i + 2]) <= 0x99) {
      digits += static_cast<char>('0' + (static_cast<unsigned char>(typed[i + 2]) - 0x90));  // ０-９
      i += 2;
    } else if (c == 0xE3 && i + 2 < typed.size() && static_cast<unsigned char>(typed[i + 1]) == 0x80 &&
               static_cast<unsigned char>(typed[i + 2]) == 0x80) {
      i += 2;  // ideographic space
    } else {
      return std::nullopt;
    }
    if (digits.size() > 10) return std::nullopt;
  }
  if (digits.size() != 10) return std::nullopt;
  return digits;
}

std::optional<SignedPair> parse_verify_text(std::string_view text) {
  // Trim whitespace a scanner or a paste may add.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  size_t q = text.find('?');
  std::string_view query = q == std::string_view::npos ? text : text.substr(q + 1);
  auto d = query_value(query, "d");
  auto s = query_value(query, "s");
  if (!d || !s || !is_base64url(*d) || !is_base64url(*s)) return std::nullopt;
  return SignedPair{*d, *s};
}

std::string verify_url(std::string_view base_url, std::string_view d, std::string_view s) {
  std::string base(base_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/#/verify?d=" + std::string(d) + "&s=" + std::string(s);
}

std::string_view to_code(Verdict v) {
  switch (v) {
    case Verdict::kGenuine: return "genuine";
    case Verdict::kVoid: return "void";
    case Verdict::kExpired: return "expired";
    case Verdict::kNotGenuine: return "not_genuine";
  }
  return "not_genuine";
}

Verdict judge(const std::optional<CertificateRecord>& record, std::string_view today) {
  if (!record || !record->signature_ok || !record->matches) return Verdict::kNotGenuine;
  if (record->is_void) return Verdict::kVoid;
  if (record->valid_until < today) return Verdict::kExpired;
  return Verdict::kGenuine;
}

std::string verdict_message(Verdict v, std::string_view void_reason, std::string_view valid_until) {
  switch (v) {
    case Verdict::kGenuine: return "证书真实有效";
    case Verdict::kVoid:
      return "证书真实，但已作废" + (void_reason.empty() ? std::string() : "（" + std::string(void_reason) + "）");
    case Verdict::kExpired: return "证书真实，但已过有效期（有效期至" + chinese_date(valid_until) + "）";
    case Verdict::kNotGenuine: return "未能核验：证书不存在或内容被篡改";
  }
  return "";
}

std::string chinese_date(std::string_view iso) {
  if (!is_iso_date(iso)) return std::string(iso);
  auto strip = [](std::string_view two) { return std::string(two[0] == '0' ? two.substr(1) : two); };
  return std::string(iso.substr(0, 4)) + "年" + strip(iso.substr(5, 2)) + "月" + strip(iso.substr(8, 2)) + "日";
}

}  // namespace md::domain

namespace md::domain {

std::string certificate_type_label(std::string_view code) {
  if (code == "agency") return "团体会员（专利代理机构）";
  if (code == "industry_org") return "团体会员（行业组织）";
  if (code == "attorney") return "个人会员（专利代理师）";
  if (code == "non_practicing") return "个人会员（非执业会员）";
  return std::string(code);
}

std::string certificate_valid_until(int year) { return std::to_string(year) + "-12-31"; }

}  // namespace md::domain
