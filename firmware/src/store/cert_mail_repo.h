// 会员证邮寄申请 as stored: the address a certificate goes to and what staff did with it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct CertMailRequest {
  int64_t id = 0;
  int64_t member_id = 0;
  int64_t certificate_id = 0;
  std::string recipient, phone, address;
  std::string status;  // pending | sent | cancelled
  std::string created_at;
  std::optional<std::string> handled_at, handled_by, courier, tracking_no, cancel_reason;
  // The member and the certificate, for lists.
  std::string member_type, member_login, member_name, cert_no;
  std::optional<std::string> member_no;
  int cert_year = 0;
};

struct CertMailPage {
  int64_t total = 0;
  std::vector<CertMailRequest> items;
};

class CertMailRepo {
 public:
  explicit CertMailRepo(Db& db) : db_(db) {}
  // kConflict already_pending when the member has a request not yet sent.
  Result<int64_t> create(int64_t member_id, int64_t certificate_id, const std::string& recipient,
                         const std::string& phone, const std::string& address);
  Result<std::optional<CertMailRequest>> find(int64_t id);
  Result<std::vector<CertMailRequest>> for_member(int64_t member_id, int limit);
  // Oldest first for pending (a queue), newest first otherwise; status "" = all.
  Result<CertMailPage> list(const std::string& status, int page, int page_size);
  // pending → sent; false when it was not pending any more.
  Result<bool> mark_sent(int64_t id, const std::string& by, const std::string& courier,
                         const std::string& tracking_no);
  // pending → cancelled; false when it was not pending any more.
  Result<bool> cancel(int64_t id, const std::string& by, const std::string& reason);

 private:
  Db& db_;
};

}  // namespace md::store
