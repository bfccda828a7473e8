// Certificates (会员证): the facts a certificate states, the exact text that is signed, the
// certificate number, and the verdict of a verification. Pure rules: no keys, no SQL.
//
//   Signed payload (UTF-8, '|' separated, no trailing newline):
//     MDC1|cert_no|version|year|member_no|member_type|name|valid_until|issued_on
//   e.g. MDC1|2026000001|1|2026|P2026000001|attorney|张伟|2026-12-31|2026-12-03
//
// Glossary: certificate 会员证 · certificate number 证书编号 · version 版本 (a re-issue after an
// approved change of 名称 / 资格证号) · void 作废 · verification 证书核验 · issue date 发证日期.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace md::domain {

inline constexpr char kPayloadTag[] = "MDC1";

struct CertificateFacts {
  std::string cert_no;
  int version = 1;
  int year = 0;
  std::string member_no;
  std::string member_type;  // MemberType code
  std::string name;
  std::string valid_until;  // YYYY-MM-DD
  std::string issued_on;    // YYYY-MM-DD (Asia/Shanghai)

  bool operator==(const CertificateFacts&) const = default;
};

// A name as it may appear in a payload: '|' (never in a real name, but typed data is data)
// becomes the full-width '｜', and line breaks become spaces.
std::string payload_safe(std::string_view text);

// The signed text. REQUIRES: fields already payload_safe.
std::string payload_of(const CertificateFacts& f);
// The facts back from a payload; nullopt unless it is exactly one well-formed MDC1 payload.
std::optional<CertificateFacts> parse_payload(std::string_view payload);

// 证书编号: the year and a 6-digit sequence, "2026000001". REQUIRES: 1 <= seq <= 999999.
std::string format_cert_no(int year, int seq);
// What a person typed → a certificate number: ASCII or full-width digits, spaces and '-'
// ignored; nullopt unless 10 digits remain.
std::optional<std::string> normalize_cert_no(std::string_view typed);

// The signed pair in a verification URL ".../#/verify?d=PAYLOAD&s=SIGNATURE" (base64url, no
// padding). Accepts the whole URL, or just its query; nullopt when d or s is missing.
struct SignedPair {
  std::string d;
  std::string s;
};
std::optional<SignedPair> parse_verify_text(std::string_view text);
std::string verify_url(std::string_view base_url, std::string_view d, std::string_view s);

enum class Verdict { kGenuine, kVoid, kExpired, kNotGenuine };
std::string_view to_code(Verdict v);  // genuine, void, expired, not_genuine

// What the appliance knows about a certificate when it is checked.
struct CertificateRecord {
  bool signature_ok = false;  // the stored (or presented) signature verifies over the payload
  bool matches = false;       // the presented payload is exactly the stored one
  bool is_void = false;
  std::string valid_until;
};

// The verdict: not genuine unless found, signed and matching; then void before expired.
// `today` is an ISO date.
Verdict judge(const std::optional<CertificateRecord>& record, std::string_view today);

// The zh-CN sentence shown for a verdict. `void_reason` and `valid_until` fill in the details.
std::string verdict_message(Verdict v, std::string_view void_reason, std::string_view valid_until);

// "2026-12-31" → "2026年12月31日" (as printed on the certificate); other text unchanged.
std::string chinese_date(std::string_view iso);

}  // namespace md::domain

namespace md::domain {

// The member type as printed on a certificate: 团体会员（专利代理机构）, 个人会员（专利代理师）,
// 团体会员（行业组织）, 个人会员（非执业会员）; the code itself for an unknown type.
std::string certificate_type_label(std::string_view member_type_code);

// A certificate of `year` is valid until the end of that year, as the membership it proves.
std::string certificate_valid_until(int year);

}  // namespace md::domain
