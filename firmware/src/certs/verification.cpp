#include "certs/verification.h"

namespace md::certs {
namespace {

Verification conclude(const std::optional<store::CertificateRow>& row, bool signature_ok, bool matches,
                      const std::string& today) {
  std::optional<domain::CertificateRecord> record;
  if (row) record = domain::CertificateRecord{signature_ok, matches, row->status == "void", row->valid_until};
  Verification v;
  v.verdict = domain::judge(record, today);
  v.message = domain::verdict_message(v.verdict, row ? row->void_reason.value_or("") : "",
                                      row ? row->valid_until : "");
  if (v.verdict != domain::Verdict::kNotGenuine) v.certificate = row;
  return v;
}

}  // namespace

Result<Verification> verify_by_number(store::Db& db, const SigningKey& key, const std::string& cert_no,
                                      const std::string& today) {
  auto row = store::CertificateRepo(db).find_by_no(cert_no);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return conclude(std::nullopt, false, false, today);
  const auto& r = **row;
  // The stored row must still be what was signed (a row edited behind the daemon's back is not).
  auto facts = domain::parse_payload(r.payload);
  const bool consistent = facts && facts->cert_no == r.cert_no && facts->name == r.name &&
                          facts->member_no == r.member_no && facts->valid_until == r.valid_until &&
                          facts->version == r.version && facts->year == r.year;
  return conclude(*row, consistent && key.verify(r.payload, r.signature), true, today);
}

Result<Verification> verify_signed(store::Db& db, const SigningKey& key, std::string_view d, std::string_view s,
                                   const std::string& today) {
  auto payload = from_base64url(d);
  if (!payload.ok()) return conclude(std::nullopt, false, false, today);
  auto facts = domain::parse_payload(*payload);
  if (!facts || !key.verify(*payload, s)) return conclude(std::nullopt, false, false, today);
  auto row = store::CertificateRepo(db).find_by_no(facts->cert_no);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return conclude(std::nullopt, false, false, today);
  return conclude(*row, key.verify((*row)->payload, (*row)->signature), (*row)->payload == *payload, today);
}

Result<Verification> verify_text(store::Db& db, const SigningKey& key, std::string_view text,
                                 const std::string& today) {
  if (auto pair = domain::parse_verify_text(text)) return verify_signed(db, key, pair->d, pair->s, today);
  if (auto no = domain::normalize_cert_no(text)) return verify_by_number(db, key, *no, today);
  return conclude(std::nullopt, false, false, today);
}

}  // namespace md::certs
