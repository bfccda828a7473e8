// 证书核验: is a certificate genuine and in force? By its number (typed), or by the signed
// payload its QR code carries (scanned or opened as a URL). The signature is checked with the
// appliance's public key, and the presented payload must be exactly the stored one, so a
// certificate whose number or any other fact was changed is not genuine.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "certs/signing_key.h"
#include "core/result.h"
#include "domain/certificate.h"
#include "store/certificate_repo.h"
#include "store/db.h"

namespace md::certs {

struct Verification {
  domain::Verdict verdict = domain::Verdict::kNotGenuine;
  std::string message;                          // zh-CN
  std::optional<store::CertificateRow> certificate;  // for genuine, void, expired
};

// `cert_no` already normalised (domain::normalize_cert_no).
Result<Verification> verify_by_number(store::Db& db, const SigningKey& key, const std::string& cert_no,
                                      const std::string& today);
// d: the payload in base64url; s: the signature in base64url.
Result<Verification> verify_signed(store::Db& db, const SigningKey& key, std::string_view d, std::string_view s,
                                   const std::string& today);
// Whatever a QR code held: a verification URL (or its query), or a bare certificate number.
Result<Verification> verify_text(store::Db& db, const SigningKey& key, std::string_view text,
                                 const std::string& today);

}  // namespace md::certs
