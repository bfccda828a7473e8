#include "certs/print_worker.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "certs/print_reasons.h"
#include "store/audit_repo.h"
#include "store/certificate_repo.h"

namespace md::certs {

Result<PrintSettings> print_settings(const config::Config& cfg) {
  PrintSettings s;
  s.target.server = cfg.str("printer.cups_server");
  s.target.queue = cfg.str("printer.queue");
  s.target.timeout_ms = static_cast<int>(cfg.integer("printer.timeout_ms"));
  s.poll = std::chrono::milliseconds(cfg.integer("printer.poll_interval_ms"));
  s.status_every = std::chrono::seconds(cfg.integer("printer.status_interval_s"));
  return s;
}

Status PrintWorker::start() {
  auto db = store::Db::open(db_path_);
  if (!db.ok()) return db.error();
  db_ = std::move(db).value();
  thread_ = std::thread([this] { run(); });
  return Status::success();
}

void PrintWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PrintWorker::wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

PrinterSnapshot PrintWorker::printer() const {
  std::lock_guard<std::mutex> lock(mu_);
  return snapshot_;
}

void PrintWorker::run() {
  auto last_check = std::chrono::steady_clock::time_point{};
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const bool woken = woken_;
    woken_ = false;
    lock.unlock();
    auto jobs = store::PrintJobRepo(*db_).open_jobs();
    const bool busy = jobs.ok() && !jobs->empty();
    const auto now = std::chrono::steady_clock::now();
    if (woken || busy || now - last_check >= settings_.status_every) {
      refresh_printer();
      last_check = now;
    }
    if (jobs.ok()) {
      for (auto& job : *jobs) {
        if (job.cancel_requested) cancel(job);
        else if (job.state == "queued") hand_over(job);
        else follow(job);
      }
    } else {
      std::fprintf(stderr, "memberdesk: print worker: %s\n", jobs.error().message.c_str());
    }
    lock.lock();
    if (stopping_) break;
    auto still_open = busy ? settings_.poll : std::chrono::duration_cast<std::chrono::milliseconds>(settings_.status_every);
    cv_.wait_for(lock, still_open, [this] { return stopping_ || woken_; });
  }
}

PrinterSnapshot check_printer(const printer::CupsTarget& target) {
  PrinterSnapshot s;
  s.checked = true;
  s.checked_at = store::utc_now_iso();
  auto st = printer::printer_status(target);
  if (st.ok()) {
    s.state = printer::printer_state_code(st->state);
    s.accepting = st->accepting;
    s.reasons = st->reasons;
    s.detail = st->message;
  } else {
    s.state = st.error().code == "printer_missing" ? "missing" : "unreachable";
    s.detail = st.error().message;
  }
  return s;
}

void PrintWorker::refresh_printer() {
  PrinterSnapshot s = check_printer(settings_.target);
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_ = std::move(s);
}

void PrintWorker::record(store::PrintJobRow& job, store::PrintJobUpdate u) {
  const bool changed = u.state != job.state || u.job_reasons != job.job_reasons ||
                       u.printer_reasons != job.printer_reasons || u.detail != job.detail ||
                       (u.cups_job_id && u.cups_job_id != job.cups_job_id);
  if (!changed) return;
  store::Transaction tx(*db_);
  if (!tx.begun().ok()) return;
  if (!store::PrintJobRepo(*db_).update(job.id, u).ok()) return;
  if (u.state != job.state && store::print_state_done(u.state)) {
    nlohmann::json after = {{"state", u.state}, {"reasons", u.job_reasons}, {"printer_reasons", u.printer_reasons}};
    if (u.cups_job_id) after["cups_job_id"] = *u.cups_job_id;
    if (!u.detail.empty()) after["detail"] = u.detail;
    if (!store::append_audit(*db_, {"system", "print.done", "print_job:" + std::to_string(job.id),
                                    nlohmann::json{{"state", job.state}}.dump(), after.dump()})
             .ok())
      return;
  }
  if (!tx.commit().ok()) return;
  job.state = u.state;
  job.job_reasons = u.job_reasons;
  job.printer_reasons = u.printer_reasons;
  job.detail = u.detail;
  if (u.cups_job_id) job.cups_job_id = u.cups_job_id;
}

void PrintWorker::hand_over(store::PrintJobRow& job) {
  Result<std::string> pdf = make_error(ErrorKind::kInternal, "no_document", "no document");
  std::string title;
  if (job.kind == "certificate" && job.certificate_id) {
    auto c = store::CertificateRepo(*db_).find(*job.certificate_id);
    if (c.ok() && c->has_value()) {
      pdf = certificate_pdf(**c, docs_, docs_.print);
      title = "会员证 " + (*c)->cert_no;
    }
  } else if (job.kind == "test_page") {
    pdf = test_page_pdf(docs_, store::utc_now_iso());
    title = "打印测试页 " + std::to_string(job.id);
  }
  const std::string printer_reasons = joined_reasons(printer().reasons);
  if (!pdf.ok()) {
    record(job, {"failed", "document-unavailable", printer_reasons, pdf.error().message, std::nullopt});
    return;
  }
  auto id = printer::submit_pdf(settings_.target, title, *pdf, "memberdesk");
  if (!id.ok()) {
    refresh_printer();
    record(job, {"failed", handover_failure_reason(id.error()), joined_reasons(printer().reasons), id.error().message, std::nullopt});
    return;
  }
  record(job, {"pending", "", printer_reasons, "", static_cast<int64_t>(*id)});
  follow(job);
}

void PrintWorker::follow(store::PrintJobRow& job) {
  if (!job.cups_job_id) return;
  auto st = printer::job_status(settings_.target, static_cast<int>(*job.cups_job_id));
  const std::string printer_reasons = joined_reasons(printer().reasons);
  if (!st.ok()) {
    if (st.error().code == "job_missing")  // CUPS forgot it (history purged, queue deleted)
      record(job, {"failed", "job-missing", printer_reasons, st.error().message, std::nullopt});
    else  // scheduler unreachable: keep the state, say why
      record(job, {job.state, job.job_reasons, printer_reasons, st.error().message, std::nullopt});
    return;
  }
  record(job, {printer::job_state_code(st->state), joined_reasons(st->reasons), printer_reasons, st->printer_message,
               std::nullopt});
}

void PrintWorker::cancel(store::PrintJobRow& job) {
  if (!job.cups_job_id) {
    record(job, {"canceled", "job-canceled-by-user", joined_reasons(printer().reasons), "", std::nullopt});
    return;
  }
  auto r = printer::cancel_job(settings_.target, static_cast<int>(*job.cups_job_id));
  if (!r.ok() && r.error().code != "job_finished" && r.error().code != "job_missing") {
    record(job, {job.state, job.job_reasons, joined_reasons(printer().reasons), r.error().message, std::nullopt});
    return;  // tried again at the next poll
  }
  if (r.ok() || r.error().code == "job_finished") {
    follow(job);  // CUPS may take a moment to say canceled; the next poll asks again
    return;
  }
  record(job, {"canceled", "job-canceled-by-user", joined_reasons(printer().reasons), "", std::nullopt});
}

}  // namespace md::certs
