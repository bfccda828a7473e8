#include "store/print_job_repo.h"

namespace md::store {
namespace {

constexpr const char* kSelect =
    "SELECT j.id, j.kind, j.certificate_id, c.cert_no, j.member_id, j.requested_by, j.queue, j.state, "
    "j.job_reasons, j.printer_reasons, j.detail, j.cups_job_id, j.cancel_requested, j.reprint_of, "
    "j.created_at, j.updated_at FROM print_jobs j LEFT JOIN certificates c ON c.id = j.certificate_id ";

PrintJobRow read_row(Statement& st) {
  PrintJobRow r;
  r.id = st.col_int(0);
  r.kind = st.col_text(1);
  if (!st.col_null(2)) r.certificate_id = st.col_int(2);
  r.cert_no = st.col_opt_text(3);
  if (!st.col_null(4)) r.member_id = st.col_int(4);
  r.requested_by = st.col_text(5);
  r.queue = st.col_text(6);
  r.state = st.col_text(7);
  r.job_reasons = st.col_text(8);
  r.printer_reasons = st.col_text(9);
  r.detail = st.col_text(10);
  if (!st.col_null(11)) r.cups_job_id = st.col_int(11);
  r.cancel_requested = st.col_int(12) != 0;
  if (!st.col_null(13)) r.reprint_of = st.col_int(13);
  r.created_at = st.col_text(14);
  r.updated_at = st.col_text(15);
  return r;
}

Result<std::vector<PrintJobRow>> all_rows(Statement& st) {
  std::vector<PrintJobRow> out;
  while (st.step()) out.push_back(read_row(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Statement& bind_opt(Statement& st, int i, const std::optional<int64_t>& v) {
  return v ? st.bind(i, *v) : st.bind(i, nullptr);
}

}  // namespace

bool print_state_done(const std::string& state) {
  return state == "completed" || state == "canceled" || state == "aborted" || state == "failed";
}

Result<int64_t> PrintJobRepo::insert(const PrintJobRow& r) {
  const std::string now = utc_now_iso();
  auto st = db_.prepare(
      "INSERT INTO print_jobs(kind, certificate_id, member_id, requested_by, queue, state, "
      "reprint_of, created_at, updated_at) VALUES (?,?,?,?,?,'queued',?,?,?)");
  st.bind(1, r.kind);
  bind_opt(st, 2, r.certificate_id);
  bind_opt(st, 3, r.member_id);
  st.bind(4, r.requested_by).bind(5, r.queue);
  bind_opt(st, 6, r.reprint_of);
  st.bind(7, now).bind(8, now);
  auto n = st.exec();
  if (!n.ok()) return n.error();
  return db_.last_insert_id();
}

Result<std::optional<PrintJobRow>> PrintJobRepo::find(int64_t id) {
  auto st = db_.prepare(std::string(kSelect) + "WHERE j.id = ?");
  st.bind(1, id);
  return first_row<PrintJobRow>(st, read_row);
}

Result<std::vector<PrintJobRow>> PrintJobRepo::recent(int limit) {
  auto st = db_.prepare(std::string(kSelect) + "ORDER BY j.id DESC LIMIT ?");
  st.bind(1, limit);
  return all_rows(st);
}

Result<std::vector<PrintJobRow>> PrintJobRepo::open_jobs() {
  auto st = db_.prepare(std::string(kSelect) +
                        "WHERE j.state NOT IN ('completed','canceled','aborted','failed') ORDER BY j.id");
  return all_rows(st);
}

Status PrintJobRepo::update(int64_t id, const PrintJobUpdate& u) {
  auto st = db_.prepare(
      "UPDATE print_jobs SET state = ?, job_reasons = ?, printer_reasons = ?, detail = ?, "
      "cups_job_id = COALESCE(?, cups_job_id), updated_at = ? WHERE id = ?");
  st.bind(1, u.state).bind(2, u.job_reasons).bind(3, u.printer_reasons).bind(4, u.detail);
  bind_opt(st, 5, u.cups_job_id);
  st.bind(6, utc_now_iso()).bind(7, id);
  auto n = st.exec();
  if (!n.ok()) return n.error();
  return Status::success();
}

Status PrintJobRepo::request_cancel(int64_t id) {
  auto st = db_.prepare(
      "UPDATE print_jobs SET cancel_requested = 1, updated_at = ? WHERE id = ? AND state NOT IN "
      "('completed','canceled','aborted','failed')");
  st.bind(1, utc_now_iso()).bind(2, id);
  auto n = st.exec();
  if (!n.ok()) return n.error();
  if (*n == 0) return make_error(ErrorKind::kConflict, "job_done", "该打印任务已结束，无法取消");
  return Status::success();
}

}  // namespace md::store
