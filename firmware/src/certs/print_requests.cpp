#include "certs/print_requests.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/audit_repo.h"

namespace md::certs {
namespace {

Result<int64_t> count_of(store::Db& db, const char* sql, int64_t member_id, const std::string& since) {
  auto st = db.prepare(sql);
  st.bind(1, member_id);
  if (!since.empty()) st.bind(2, since);
  if (!st.step()) {
    if (!st.status().ok()) return st.status().error();
    return int64_t{0};
  }
  return st.col_int(0);
}

}  // namespace

Result<store::PrintJobRow> request_print(store::Db& db, const PrintRequest& r) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  if (r.member_id) {
    auto open = count_of(db,
                         "SELECT COUNT(*) FROM print_jobs WHERE member_id = ? AND state NOT IN "
                         "('completed','canceled','aborted','failed')",
                         *r.member_id, "");
    if (!open.ok()) return open.error();
    if (*open > 0)
      return make_error(ErrorKind::kConflict, "print_in_progress", "上一份打印任务尚未完成，请稍候");
    auto today = count_of(db, "SELECT COUNT(*) FROM print_jobs WHERE member_id = ? AND created_at >= ?",
                          *r.member_id, core::unix_to_iso(core::now_unix() - 86400));
    if (!today.ok()) return today.error();
    if (*today >= kMemberPrintsPerDay)
      return make_error(ErrorKind::kRateLimited, "print_limit",
                        "24小时内最多打印" + std::to_string(kMemberPrintsPerDay) + "次，如需更多请联系工作人员");
  }
  store::PrintJobRepo repo(db);
  store::PrintJobRow row;
  row.kind = r.kind;
  row.certificate_id = r.certificate_id;
  row.member_id = r.member_id;
  row.requested_by = r.actor;
  row.queue = r.queue;
  row.reprint_of = r.reprint_of;
  auto id = repo.insert(row);
  if (!id.ok()) return id.error();
  auto job = repo.find(*id);
  if (!job.ok()) return job.error();
  nlohmann::json after = {{"kind", r.kind}, {"queue", r.queue}};
  if (r.certificate_id) after["certificate_id"] = *r.certificate_id;
  if ((*job)->cert_no) after["cert_no"] = *(*job)->cert_no;
  if (r.reprint_of) after["reprint_of"] = *r.reprint_of;
  const char* action = r.reprint_of ? "print.reprint" : r.kind == "test_page" ? "print.test_page" : "print.request";
  MD_TRY(store::append_audit(db, {r.actor, action, "print_job:" + std::to_string(*id), "", after.dump()}));
  MD_TRY(tx.commit());
  return **job;
}

Result<store::PrintJobRow> request_cancel(store::Db& db, int64_t job_id, const std::string& actor) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  store::PrintJobRepo repo(db);
  auto job = repo.find(job_id);
  if (!job.ok()) return job.error();
  if (!job->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "打印任务不存在");
  MD_TRY(repo.request_cancel(job_id));
  MD_TRY(store::append_audit(db, {actor, "print.cancel", "print_job:" + std::to_string(job_id),
                                  nlohmann::json{{"state", (*job)->state}}.dump(),
                                  nlohmann::json{{"cancel_requested", true}}.dump()}));
  MD_TRY(tx.commit());
  auto after = repo.find(job_id);
  if (!after.ok()) return after.error();
  return **after;
}

}  // namespace md::certs
