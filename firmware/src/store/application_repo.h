// 入会申请 records: one row per submission; a rejected one stays as history when the applicant
// submits a corrected one (previous_id links them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::store {

struct Application {
  int64_t id = 0;
  std::string member_type;
  std::string applicant_key;  // the future login id
  std::optional<int64_t> member_id;
  std::string status = "submitted";  // submitted / approved / rejected
  std::string form_json;
  std::string mobile;
  std::string submitted_at;
  std::string due_date;
  std::optional<std::string> decided_at, decided_by, reject_reason;
  std::optional<int64_t> previous_id;
  std::string name;  // from form_json, for lists
};

struct QueueFilter {
  std::optional<std::string> member_type;
  std::optional<std::string> status;        // nullopt = every status
  std::optional<std::string> overdue_today;  // set: only submitted ones due before this date
  int page = 1;
  int page_size = 20;
};

struct QueuePage {
  int64_t total = 0;
  std::vector<Application> items;
};

class ApplicationRepo {
 public:
  explicit ApplicationRepo(Db& db) : db_(db) {}
  Result<int64_t> insert(const Application& a);
  Result<std::optional<Application>> find(int64_t id);
  Result<std::optional<Application>> open_for(const std::string& applicant_key);
  Result<std::optional<Application>> latest_for(const std::string& applicant_key);
  Result<std::optional<Application>> latest_for_member(int64_t member_id);
  Result<std::vector<Application>> history(const std::string& applicant_key);
  // Oldest due first, so the queue reads as a to-do list.
  Result<QueuePage> queue(const QueueFilter& f);
  // Records a decision on a submitted application; kConflict if it was already decided.
  Status decide(int64_t id, const std::string& status, const std::string& by,
                const std::optional<std::string>& reason, std::optional<int64_t> member_id);
  // Applications still under review, oldest first.
  Result<std::vector<Application>> submitted();
  Status set_due_date(int64_t id, const std::string& due_date);

 private:
  Db& db_;
};

}  // namespace md::store
