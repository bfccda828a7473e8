#include "status/status_report.h"

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <ctime>
#include <filesystem>

#include "store/calendar_repo.h"
#include "store/directory_cache.h"

namespace md::status {
namespace {

namespace fs = std::filesystem;

std::string utc_iso(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

// The newest regular file in the backup directory (the ctl tool, the timer and the migration
// ladder all write there), or null.
nlohmann::json last_backup(const std::string& dir) {
  nlohmann::json best = nullptr;
  std::time_t best_time = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (best.is_null() || st.st_mtime > best_time) {
      best_time = st.st_mtime;
      best = {{"file", it->path().string()},
              {"at", utc_iso(st.st_mtime)},
              {"size_bytes", static_cast<int64_t>(st.st_size)}};
    }
  }
  return best;
}

nlohmann::json disk(const std::string& db_path) {
  const fs::path p(db_path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) != 0)
    return {{"path", dir}, {"free_bytes", nullptr}, {"total_bytes", nullptr}};
  return {{"path", dir},
          {"free_bytes", static_cast<int64_t>(vfs.f_bavail) * static_cast<int64_t>(vfs.f_frsize)},
          {"total_bytes", static_cast<int64_t>(vfs.f_blocks) * static_cast<int64_t>(vfs.f_frsize)}};
}

// Failed or retrying SMS, failed print jobs and payment attempts with an error, newest first.
Result<nlohmann::json> recent_errors(store::Db& db) {
  auto st = db.prepare(
      "SELECT at, source, subject, detail FROM ("
      " SELECT created_at AS at, 'sms' AS source,"
      "  event || '（' || CASE status WHEN 'failed' THEN '已放弃' ELSE '重试中' END || '）' AS "
      "subject,"
      "  last_error AS detail FROM sms_outbox WHERE last_error IS NOT NULL AND last_error <> ''"
      " UNION ALL"
      " SELECT updated_at, 'print', kind || ' #' || id || '（' || state || '）', detail"
      "  FROM print_jobs WHERE state IN ('aborted', 'failed')"
      " UNION ALL"
      " SELECT COALESCE(closed_at, last_query_at, created_at), 'payment', method || ' ' || "
      "out_trade_no,"
      "  error FROM payment_attempts WHERE error IS NOT NULL AND error <> ''"
      ") ORDER BY at DESC LIMIT ?");
  st.bind(1, kRecentErrors);
  nlohmann::json out = nlohmann::json::array();
  while (st.step()) {
    const std::string source = st.col_text(1);
    const char* label = source == "sms" ? "短信" : source == "print" ? "打印" : "支付";
    out.push_back({{"at", st.col_text(0)},
                   {"source", source},
                   {"source_label", label},
                   {"subject", st.col_text(2)},
                   {"detail", st.col_text(3)}});
  }
  if (!st.status().ok()) return st.status().error();
  return out;
}

}  // namespace

nlohmann::json probe_json(const ProbeResult& r) {
  return {{"key", r.key},
          {"label", r.label},
          {"state", r.state},
          {"detail", r.detail},
          {"url", r.url},
          {"checked_at", r.checked_at},
          {"elapsed_ms", r.elapsed_ms}};
}

nlohmann::json calendar_warning_json(const domain::WorkCalendar& cal, const std::string& today) {
  std::vector<int> missing;
  if (auto d = domain::parse_iso_date(today)) missing = domain::missing_calendar_years(cal, *d);
  return {{"missing_years", missing}, {"message", domain::missing_calendar_message(missing)}};
}

Result<nlohmann::json> status_report(const config::Config& cfg, store::Db& db,
                                     const LiveFacts& live) {
  const std::string db_path = cfg.str("store.database");
  const std::string backup_dir = cfg.str("store.backup_dir");
  auto cal = store::CalendarRepo(db).load();
  if (!cal.ok()) return cal.error();
  auto errors = recent_errors(db);
  if (!errors.ok()) return errors.error();
  nlohmann::json network = nlohmann::json::array();
  for (const auto& r : live.network) network.push_back(probe_json(r));
  return nlohmann::json{
      {"version", MEMBERDESK_VERSION},
      {"uptime_s", live.uptime_s ? nlohmann::json(*live.uptime_s) : nlohmann::json()},
      {"database",
       {{"path", db_path}, {"size_bytes", file_size(db_path) + file_size(db_path + "-wal")}}},
      {"backup", {{"dir", backup_dir}, {"last", last_backup(backup_dir)}}},
      {"disk", disk(db_path)},
      {"printer", live.printer},
      {"network", network},
      {"calendar", calendar_warning_json(*cal, store::today_shanghai())},
      {"errors", *errors}};
}

}  // namespace md::status
