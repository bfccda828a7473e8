// Certificates (会员证): every issued version, valid or void. The signed facts of a row never
// change (the schema's triggers refuse it); voiding sets status and the void fields only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct CertificateRow {
  int64_t id = 0;
  std::string cert_no;
  int64_t member_id = 0;
  int year = 0;
  int version = 1;
  std::string member_no;
  std::string member_type;
  std::string name;
  std::string valid_until;
  std::string issued_on;
  std::string payload;
  std::string signature;
  std::string status = "valid";   // valid | void
  std::string issue_reason;       // dues_paid | staff | reissue
  std::string issued_by;
  std::optional<std::string> note;
  std::optional<int64_t> replaces_id;
  std::optional<std::string> void_reason;
  std::optional<std::string> voided_at;
  std::optional<std::string> voided_by;
  std::string created_at;
};

struct CertificatePage {
  int64_t total = 0;
  std::vector<CertificateRow> items;
};

class CertificateRepo {
 public:
  explicit CertificateRepo(Db& db) : db_(db) {}

  Result<std::optional<CertificateRow>> find(int64_t id);
  Result<std::optional<CertificateRow>> find_by_no(const std::string& cert_no);
  // The member's valid certificate of `year`, if any.
  Result<std::optional<CertificateRow>> valid_for(int64_t member_id, int year);
  // Every version the member was ever issued, newest first.
  Result<std::vector<CertificateRow>> for_member(int64_t member_id);
  // The next free 6-digit sequence of `year` (1 for the first); call inside the issuing
  // transaction so two issues cannot take the same number.
  Result<int> next_sequence(int year);
  // The highest version the member has for `year` (0 when none).
  Result<int> last_version(int64_t member_id, int year);
  Result<int64_t> insert(const CertificateRow& row);
  // valid → void; kConflict "already_void" when it was not valid.
  Status set_void(int64_t id, const std::string& reason, const std::string& by);
  // Members in good standing for `year` (active, numbered, valid to its end) who have no valid
  // certificate of that year: those who paid before the appliance kept certificates.
  Result<std::vector<int64_t>> paid_without_certificate(int year);
  // Valid certificates whose member's name or member number no longer matches what they state.
  Result<std::vector<int64_t>> stale_valid();
  // Staff search: q matches name, cert_no or member_no (substring); status "" = any.
  Result<CertificatePage> search(const std::string& q, const std::string& status, int page, int page_size);

 private:
  Db& db_;
};

}  // namespace md::store
