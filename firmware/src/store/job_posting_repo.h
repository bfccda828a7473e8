// 招聘信息 as stored: an agency's postings and what the reviewer decided.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/job_posting.h"
#include "store/db.h"

namespace md::store {

struct JobPosting {
  int64_t id = 0;
  int64_t agency_id = 0;
  domain::JobFields fields;
  std::string status;  // pending | approved | rejected | closed
  std::optional<std::string> reject_reason, reviewed_by, reviewed_at;
  std::string created_at, updated_at;
  // The agency, for lists.
  std::string agency_login, agency_name;
  std::optional<std::string> agency_member_no;
};

struct JobPostingPage {
  int64_t total = 0;
  std::vector<JobPosting> items;
};

class JobPostingRepo {
 public:
  explicit JobPostingRepo(Db& db) : db_(db) {}
  Result<int64_t> create(int64_t agency_id, const domain::JobFields& f);
  Result<std::optional<JobPosting>> find(int64_t id);
  // The agency's own, newest first.
  Result<std::vector<JobPosting>> for_agency(int64_t agency_id, int limit);
  // Approved and valid through `today`, newest approval first.
  Result<JobPostingPage> list_public(const std::string& today, int page, int page_size);
  // Oldest first for pending (a queue), newest first otherwise; status "" = all.
  Result<JobPostingPage> list(const std::string& status, int page, int page_size);
  // New fields; back to pending (the reject reason goes, the audit log keeps it). False when it
  // was closed meanwhile.
  Result<bool> update(int64_t id, const domain::JobFields& f);
  // `from` → `to` by `by` (staff login for approve / reject, "" for close), with the reason of a
  // rejection; false when the posting was not in a state of `from` any more.
  Result<bool> move(int64_t id, const std::vector<std::string>& from, const std::string& to,
                    const std::string& by, const std::optional<std::string>& reason);

 private:
  Db& db_;
};

}  // namespace md::store
