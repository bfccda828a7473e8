#include "ctl/status_command.h"

#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "api/certificates_json.h"
#include "certs/print_worker.h"
#include "pay/http_client.h"
#include "status/status_report.h"
#include "store/db.h"

namespace md::ctl {
namespace {

using Json = nlohmann::json;

std::string bytes(const Json& v) {
  if (!v.is_number()) return "?";
  double b = v.get<double>();
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1024 && u < 4) {
    b /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
  return buf;
}

std::string duration(int64_t s) {
  char buf[48];
  if (s >= 86400)
    std::snprintf(buf, sizeof buf, "%lld d %lld h", static_cast<long long>(s / 86400),
                  static_cast<long long>(s % 86400 / 3600));
  else
    std::snprintf(buf, sizeof buf, "%lld h %02lld min", static_cast<long long>(s / 3600),
                  static_cast<long long>(s % 3600 / 60));
  return buf;
}

// The daemon's base URL from http.listen (a wildcard address is asked on loopback).
std::string daemon_url(const config::Config& cfg) {
  std::string listen = cfg.str("http.listen");
  if (listen.rfind("0.0.0.0:", 0) == 0) listen = "127.0.0.1:" + listen.substr(8);
  if (listen.find(':') == std::string::npos) listen = "127.0.0.1:" + listen;
  return "http://" + listen;
}

void print_text(const Json& r, bool running, const std::string& url) {
  auto s = [](const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); };
  std::printf("memberdesk %s\n", s(r["version"]).c_str());
  if (running)
    std::printf("daemon:      running, up %s (%s)\n",
                duration(r["uptime_s"].get<int64_t>()).c_str(), url.c_str());
  else
    std::printf("daemon:      daemon not running (no answer at %s/api/v1/health)\n", url.c_str());
  std::printf("database:    %s, %s\n", s(r["database"]["path"]).c_str(),
              bytes(r["database"]["size_bytes"]).c_str());
  const Json& last = r["backup"]["last"];
  if (last.is_null())
    std::printf("last backup: none in %s\n", s(r["backup"]["dir"]).c_str());
  else
    std::printf("last backup: %s %s, %s\n", s(last["at"]).c_str(), s(last["file"]).c_str(),
                bytes(last["size_bytes"]).c_str());
  std::printf("disk free:   %s of %s (%s)\n", bytes(r["disk"]["free_bytes"]).c_str(),
              bytes(r["disk"]["total_bytes"]).c_str(), s(r["disk"]["path"]).c_str());
  const Json& p = r["printer"];
  if (p.is_null())
    std::printf("printer:     unknown\n");
  else
    std::printf("printer:     %s: %s%s%s%s%s\n", s(p["queue"]).c_str(), s(p["state_label"]).c_str(),
                s(p["message"]).empty() ? "" : " — ", s(p["message"]).c_str(),
                s(p["detail"]).empty() ? "" : " — ", s(p["detail"]).c_str());
  for (const auto& n : r["network"]) {
    std::printf("%-12s %s", (s(n["key"]) + ":").c_str(), s(n["detail"]).c_str());
    if (n["state"] == "ok")
      std::printf(" (%s, %ld ms)", s(n["url"]).c_str(), n["elapsed_ms"].get<long>());
    std::printf("  [%s]\n", s(n["label"]).c_str());
  }
  const std::string warn = s(r["calendar"]["message"]);
  std::printf("calendar:    %s\n", warn.empty() ? "ok" : warn.c_str());
  if (r["errors"].empty()) {
    std::printf("last errors: none\n");
  } else {
    std::printf("last errors:\n");
    for (const auto& e : r["errors"])
      std::printf("  %s  %s  %s: %s\n", s(e["at"]).c_str(), s(e["source_label"]).c_str(),
                  s(e["subject"]).c_str(), s(e["detail"]).c_str());
  }
}

}  // namespace

int status_command(const config::Config& cfg, bool json) {
  const std::string db_path = cfg.str("store.database");
  struct stat st {};
  if (::stat(db_path.c_str(), &st) != 0) {
    std::fprintf(stderr, "memberdeskctl: no database at %s (has the daemon ever run?)\n",
                 db_path.c_str());
    return 1;
  }
  auto db = store::Db::open(db_path);
  if (!db.ok()) {
    std::fprintf(stderr, "memberdeskctl: %s\n", db.error().message.c_str());
    return 1;
  }
  status::LiveFacts live;
  const std::string url = daemon_url(cfg);
  pay::HttpRequest health;
  health.url = url + "/api/v1/health";
  health.timeout_s = 2;
  auto h = pay::http_send(health);
  bool running = false;
  if (h.ok() && h->status == 200) {
    auto body = Json::parse(h->body, nullptr, false);
    if (body.is_object() && body["uptime_s"].is_number_integer()) {
      running = true;
      live.uptime_s = body["uptime_s"].get<int64_t>();
    }
  }
  if (auto print = certs::print_settings(cfg); print.ok())
    live.printer =
        api::printer_json(certs::check_printer(print->target), print->target.queue, true);
  for (const auto& e : status::configured_endpoints(cfg))
    live.network.push_back(status::probe(e, std::chrono::milliseconds(2000)));
  auto report = status::status_report(cfg, **db, live);
  if (!report.ok()) {
    std::fprintf(stderr, "memberdeskctl: %s\n", report.error().message.c_str());
    return 1;
  }
  (*report)["daemon"] = {{"running", running}, {"url", url}};
  if (json)
    std::printf("%s\n", report->dump(2).c_str());
  else
    print_text(*report, running, url);
  return running ? 0 : 3;
}

}  // namespace md::ctl
