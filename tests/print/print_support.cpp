#include "print_support.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "memberdesk/printer/test_page.h"

namespace fs = std::filesystem;
using md::printer::CupsTarget;
using md::printer::JobState;
using md::printer::JobStatus;

namespace print_test {

const std::map<std::string, std::string>& fixture_env() {
  static const std::map<std::string, std::string> vars = [] {
    std::map<std::string, std::string> m;
    const char* path = std::getenv("MD_CUPS_ENV");
    REQUIRE_MESSAGE(path != nullptr, "MD_CUPS_ENV is not set: run through ctest (fixture cups)");
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "no cups fixture env file at " << path);
    std::string line;
    while (std::getline(in, line)) {
      size_t eq = line.find('=');
      if (eq != std::string::npos) m[line.substr(0, eq)] = line.substr(eq + 1);
    }
    m["MD_CUPS_ENV"] = path;
    return m;
  }();
  return vars;
}

std::string env(const std::string& key) {
  auto it = fixture_env().find(key);
  REQUIRE_MESSAGE(it != fixture_env().end(), "the cups fixture env has no " << key);
  return it->second;
}

CupsTarget shared_target(int timeout_ms) {
  return CupsTarget{env("CUPS_SERVER"), env("MD_CUPS_QUEUE"), timeout_ms};
}

int sh(const std::string& command, std::string* out) {
  std::string full = "set -a; . '" + env("MD_CUPS_ENV") + "'; set +a; " + command + " 2>&1";
  FILE* p = popen(full.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int rc = pclose(p);
  if (out) *out = text;
  int code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  if (code != 0) MESSAGE("`" << command << "` exited " << code << ": " << text);
  return code;
}

ScratchQueue::ScratchQueue(const std::string& prefix, Kind kind)
    : name_(prefix + "-" + std::to_string(getpid())) {
  std::string out;
  if (kind == Kind::kSharedPrinter) {
    REQUIRE(sh("bash \"$MD_CUPS_FIXTURE\" add-queue \"$MD_CUPS_DIR\" " + name_) == 0);
    return;
  }
  REQUIRE(sh("bash \"$MD_CUPS_FIXTURE\" add-printer \"$MD_CUPS_DIR\" " + name_, &out) == 0);
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("MD_PRINTER_PORT=", 0) == 0) printer_port = std::stoi(line.substr(16));
    if (line.rfind("MD_PRINTER_PID=", 0) == 0) printer_pid = std::stoi(line.substr(15));
    if (line.rfind("MD_PRINTER_SPOOL=", 0) == 0) printer_spool = line.substr(17);
  }
  REQUIRE(printer_port > 0);
  REQUIRE(printer_pid > 0);
}

ScratchQueue::~ScratchQueue() {
  sh("bash \"$MD_CUPS_FIXTURE\" remove \"$MD_CUPS_DIR\" " + name_);
}

CupsTarget ScratchQueue::target(int timeout_ms) const {
  return CupsTarget{env("CUPS_SERVER"), name_, timeout_ms};
}

const std::string& test_pdf() {
  static const std::string pdf = [] {
    fs::path path =
        fs::temp_directory_path() / ("mdtest-page-" + std::to_string(getpid()) + ".pdf");
    md::printer::TestPage page;
    page.date = "2026-01-01";
    auto st = md::printer::render_test_page_pdf(path.string(), page);
    REQUIRE_MESSAGE(st.ok(), st.error().message);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fs::remove(path);
    REQUIRE(bytes.rfind("%PDF", 0) == 0);
    return bytes;
  }();
  return pdf;
}

std::string unique_title(const std::string& what) {
  return "mdtest-" + std::to_string(getpid()) + "-" + what;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

JobStatus wait_for_job(const CupsTarget& t, int job_id, JobState state,
                       std::chrono::milliseconds limit) {
  JobStatus last;
  eventually(
      [&] {
        auto st = md::printer::job_status(t, job_id);
        REQUIRE_MESSAGE(st.ok(), st.error().code << ": " << st.error().message);
        last = *st;
        return last.state == state;
      },
      limit);
  return last;
}

namespace {

// A TCP socket bound to 127.0.0.1 on a port the kernel picks.
int bound_socket(int* port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  *port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

std::string closed_port_server() {
  int port = 0;
  close(bound_socket(&port));
  return "127.0.0.1:" + std::to_string(port);
}

BlackHole::BlackHole() {
  fd_ = bound_socket(&port_);
  REQUIRE(listen(fd_, 16) == 0);
}

BlackHole::~BlackHole() {
  close(fd_);
}

std::string BlackHole::server() const {
  return "127.0.0.1:" + std::to_string(port_);
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : " ") + x;
  return s.empty() ? "(none)" : s;
}

bool contains_prefix(const std::vector<std::string>& v, const std::string& prefix) {
  for (const std::string& x : v)
    if (x.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace print_test
