// memberdesk: the appliance daemon. Reads the configuration, migrates the database, serves the
// API and web UI, and stops cleanly on SIGTERM/SIGINT. Under systemd it reports READY=1 and
// pings the watchdog from the main loop, so a wedged main loop gets the service restarted.
#include <malloc.h>
#include <signal.h>
#include <systemd/sd-daemon.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "app/app.h"
#include "config/config.h"
#include "store/backups.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/memberdesk/memberdesk.toml";

void usage() {
  std::puts(
      "usage: memberdesk [--config PATH] [--print-config]\n"
      "  --config PATH    configuration file (default /etc/memberdesk/memberdesk.toml;\n"
      "                   a missing default file means built-in defaults)\n"
      "  --print-config   print the documented default configuration and exit");
}

}  // namespace

int main(int argc, char** argv) {
  // Hundreds of connection threads (http.max_connections) would each get a glibc malloc arena
  // (up to 8 per core) that keeps freed memory; two arenas keep the daemon's RSS near what it
  // uses (issue 11: under 128 MB). The API handlers are few, so contention stays low.
  mallopt(M_ARENA_MAX, 2);
  std::string config_path = kDefaultConfig;
  bool explicit_config = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--print-config") {
      std::fputs(md::config::render_default_toml().c_str(), stdout);
      return 0;
    } else if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
      explicit_config = true;
    } else if (arg == "--help" || arg == "-h") {
      usage();
      return 0;
    } else if (arg == "--version") {
      std::puts("memberdesk " MEMBERDESK_VERSION);
      return 0;
    } else {
      usage();
      return 2;
    }
  }

  auto cfg = md::config::Config::load_file(config_path);
  if (!cfg.ok()) {
    if (cfg.error().code == "config_missing" && !explicit_config) {
      cfg = md::config::Config::defaults();
    } else {
      std::fprintf(stderr, "memberdesk: %s\n", cfg.error().message.c_str());
      return 1;
    }
  }

  // Block the stop signals before any thread starts, so only the main loop receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  // Held until exit: `memberdeskctl restore` refuses while it is, and so does a second daemon.
  auto db_lock = md::store::DatabaseLock::acquire(cfg->str("store.database"));
  if (!db_lock.ok()) {
    std::fprintf(stderr, "memberdesk: %s\n", db_lock.error().message.c_str());
    return 1;
  }
  auto app = md::app::App::create(*cfg);
  if (!app.ok()) {
    std::fprintf(stderr, "memberdesk: %s\n", app.error().message.c_str());
    return 1;
  }
  if (auto st = (*app)->start_http(); !st.ok()) {
    std::fprintf(stderr, "memberdesk: %s\n", st.error().message.c_str());
    return 1;
  }
  std::fprintf(stderr, "memberdesk %s: listening on %s (port %d), database %s\n",
               MEMBERDESK_VERSION, cfg->str("http.listen").c_str(), (*app)->port(),
               cfg->str("store.database").c_str());
  sd_notify(0, "READY=1\nSTATUS=serving");

  uint64_t watchdog_usec = 0;
  const bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0;
  // Wake at least twice per watchdog period, and once a second for housekeeping.
  long wake_ms = 1000;
  if (watchdog) wake_ms = std::min<long>(wake_ms, static_cast<long>(watchdog_usec / 2000));
  if (wake_ms < 10) wake_ms = 10;

  int housekeeping_tick = 0;
  for (;;) {
    timespec timeout{wake_ms / 1000, (wake_ms % 1000) * 1000000};
    int sig = sigtimedwait(&stop_signals, nullptr, &timeout);
    if (sig == SIGTERM || sig == SIGINT) {
      std::fprintf(stderr, "memberdesk: %s received, stopping\n", strsignal(sig));
      break;
    }
    if (watchdog) sd_notify(0, "WATCHDOG=1");
    if (++housekeeping_tick * wake_ms >= 60000) {
      housekeeping_tick = 0;
      (*app)->housekeeping();
    }
  }
  sd_notify(0, "STOPPING=1");
  (*app)->stop_http();
  return 0;
}
