#include "certs/test_page.h"

#include <nlohmann/json.hpp>
#include <thread>

#include "certs/print_reasons.h"
#include "store/audit_repo.h"

namespace md::certs {
namespace {

std::string reasons_of(const printer::CupsTarget& t) {
  auto ps = printer::printer_status(t);
  return ps.ok() ? joined_reasons(ps->reasons) : "";
}

}  // namespace

Result<store::PrintJobRow> print_test_page(store::Db& db, const PrintSettings& settings, const DocumentSettings& docs,
                                           const std::string& actor, std::chrono::seconds wait,
                                           const std::function<void(const store::PrintJobRow&)>& progress) {
  auto pdf = test_page_pdf(docs, store::utc_now_iso());
  if (!pdf.ok()) return pdf.error();
  store::PrintJobRepo repo(db);
  int64_t id = 0;
  {
    store::Transaction tx(db);
    MD_TRY(tx.begun());
    store::PrintJobRow row;
    row.kind = "test_page";
    row.requested_by = actor;
    row.queue = settings.target.queue;
    auto inserted = repo.insert(row);
    if (!inserted.ok()) return inserted.error();
    id = *inserted;
    // Taken by this command, not by the daemon's worker: it is handed over below.
    MD_TRY(repo.update(id, {"pending", "", "", "memberdeskctl print-test", std::nullopt}));
    MD_TRY(store::append_audit(db, {actor, "print.test_page", "print_job:" + std::to_string(id), "",
                                    nlohmann::json{{"kind", "test_page"}, {"queue", settings.target.queue}}.dump()}));
    MD_TRY(tx.commit());
  }
  auto finish = [&](store::PrintJobUpdate u) -> Result<store::PrintJobRow> {
    MD_TRY(repo.update(id, u));
    if (store::print_state_done(u.state))
      MD_TRY(store::append_audit(db, {actor, "print.done", "print_job:" + std::to_string(id), "",
                                      nlohmann::json{{"state", u.state}, {"reasons", u.job_reasons}}.dump()}));
    auto row = repo.find(id);
    if (!row.ok()) return row.error();
    progress(**row);
    return **row;
  };
  auto cups_id = printer::submit_pdf(settings.target, "打印测试页", *pdf, "memberdesk");
  if (!cups_id.ok()) {
    return finish({"failed", handover_failure_reason(cups_id.error()), reasons_of(settings.target), cups_id.error().message, std::nullopt});
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  store::PrintJobUpdate last{"pending", "", "", "", static_cast<int64_t>(*cups_id)};
  auto current = finish(last);
  if (!current.ok()) return current.error();
  for (;;) {
    auto st = printer::job_status(settings.target, *cups_id);
    store::PrintJobUpdate u = last;
    if (st.ok()) {
      u = {printer::job_state_code(st->state), joined_reasons(st->reasons), reasons_of(settings.target), st->printer_message,
           std::nullopt};
    } else if (st.error().code == "job_missing") {
      u = {"failed", "job-missing", "", st.error().message, std::nullopt};
    }
    if (u.state != last.state || u.job_reasons != last.job_reasons || u.printer_reasons != last.printer_reasons) {
      current = finish(u);
      if (!current.ok()) return current.error();
      last = u;
    }
    if (store::print_state_done(u.state) || std::chrono::steady_clock::now() >= deadline) return current;
    std::this_thread::sleep_for(settings.poll);
  }
}

}  // namespace md::certs
