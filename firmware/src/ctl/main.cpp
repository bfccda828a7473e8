// memberdeskctl: the operator's tool on the appliance. Works on the database directly (WAL lets
// it run beside the daemon); every change it makes is audited as actor "ctl".
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "auth/passwords.h"
#include "certs/issuance.h"
#include "certs/print_reasons.h"
#include "certs/test_page.h"
#include "config/config.h"
#include "ctl/status_command.h"
#include "demo/demo_approve.h"
#include "demo/demo_member_center.h"
#include "demo/demo_seed.h"
#include "domain/member.h"
#include "domain/password_policy.h"
#include "domain/print_status.h"
#include "roster/roster_import.h"
#include "store/account_repo.h"
#include "store/audit_repo.h"
#include "store/backups.h"
#include "store/directory_cache.h"
#include "store/migrations.h"

namespace {

using md::Status;

constexpr const char* kUsage =
    "usage: memberdeskctl [--config PATH] COMMAND ...\n"
    "commands:\n"
    "  import-roster --agencies A.csv --attorneys B.csv   import the official roster\n"
    "  staff add LOGIN --name NAME --role admin|reviewer|finance|desk\n"
    "                                  add a staff account (password on stdin)\n"
    "  passwd LOGIN [--member] [--reset] set a staff (or, with --member, a member) password\n"
    "                                  from stdin; --reset restores a member's default password\n"
    "  demo-seed --members N           add N realistic demo members\n"
    "  demo-approve LOGIN...           demo/tests: mark roster members approved (as if their\n"
    "                                  application had been approved), ready to pay dues\n"
    "  demo-member-center              demo: a training class with 报名 and 成绩 of the demo\n"
    "                                  attorneys (1100001, 1100002, 3100003)\n"
    "  backup [PATH]                   consistent copy of the database (default: backup_dir,\n"
    "                                  keeping the newest store.backup_keep daily backups there)\n"
    "  restore BACKUP                  replace the database with a checked backup; the daemon\n"
    "                                  must be stopped (exit 3 if it runs, 4 if the backup is\n"
    "                                  refused); the replaced database is kept in backup_dir\n"
    "  issue-certificates [--year Y]   issue year Y's 会员证 (default: this year) to every member\n"
    "                                  whose dues for it are paid and who has none\n"
    "  print-test [--wait SECONDS]     print a test page on the configured CUPS queue and follow\n"
    "                                  it (default 60 s); exit 0 once it has printed\n"
    "  status [--json]                 设备状态: version, daemon uptime, database, last backup, disk,\n"
    "                                  printer, gateways and SMS, calendar, last errors; exit 3\n"
    "                                  when the daemon does not answer\n";

int fail(const std::string& msg) {
  std::fprintf(stderr, "memberdeskctl: %s\n", msg.c_str());
  return 1;
}

// Options of the form --name VALUE after the positional arguments.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::map<std::string, bool> flags;
};

Args parse(int argc, char** argv, int from, const std::vector<std::string>& flag_names) {
  Args a;
  for (int i = from; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      std::string name = s.substr(2);
      bool is_flag = false;
      for (const auto& f : flag_names) is_flag = is_flag || f == name;
      if (is_flag) a.flags[name] = true;
      else if (i + 1 < argc) a.options[name] = argv[++i];
      else a.options[name] = "";
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string read_password_from_stdin() {
  if (isatty(STDIN_FILENO)) std::fprintf(stderr, "password: ");
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The certificate signing key as the daemon finds it. Made here if the daemon never ran; when
// root runs this, the new file is given to the database's owner (the daemon's user).
md::Result<md::certs::SigningKey> signing_key(const md::config::Config& cfg) {
  const std::string path = md::app::signing_key_path(cfg);
  struct stat before {};
  const bool existed = ::stat(path.c_str(), &before) == 0;
  auto key = md::certs::SigningKey::load_or_create(path);
  struct stat db {};
  if (key.ok() && !existed && geteuid() == 0 && ::stat(cfg.str("store.database").c_str(), &db) == 0 &&
      ::chown(path.c_str(), db.st_uid, db.st_gid) != 0)
    std::fprintf(stderr, "memberdeskctl: could not give %s to the database's owner\n", path.c_str());
  return key;
}

int import_roster(md::store::Db& db, const md::config::Config& cfg, const Args& a) {
  if (!a.options.count("agencies") || !a.options.count("attorneys"))
    return fail("import-roster needs --agencies FILE and --attorneys FILE");
  auto report = md::roster::import_roster(db, a.options.at("agencies"), a.options.at("attorneys"), "ctl");
  if (!report.ok()) return fail(report.error().message);
  if (!report->problems.empty()) {
    for (const auto& p : report->problems)
      std::fprintf(stderr, "%s:%d: %s\n", p.file.c_str(), p.line, p.message.c_str());
    return fail(std::to_string(report->problems.size()) + " problem(s): nothing was imported");
  }
  auto line = [](const char* what, const md::roster::RosterCounts& c) {
    std::printf("%s: %d created, %d updated, %d unchanged\n", what, c.created, c.updated, c.unchanged);
  };
  line("agencies", report->agencies);
  line("attorneys", report->attorneys);
  // A renamed member's certificate no longer states the name: re-issue it (the old one void).
  auto any = db.prepare("SELECT COUNT(*) FROM certificates WHERE status = 'valid'");
  if (any.step() && any.col_int(0) > 0) {
    auto key = signing_key(cfg);
    if (!key.ok()) return fail(key.error().message);
    auto re = md::certs::reissue_stale(db, *key, "ctl", "名册更新", md::store::today_shanghai());
    if (!re.ok()) return fail(re.error().message);
    if (!re->empty()) std::printf("certificates re-issued after a change of name: %zu\n", re->size());
  }
  return 0;
}

int staff_add(md::store::Db& db, const Args& a) {
  if (a.positional.size() != 1 || !a.options.count("name") || !a.options.count("role"))
    return fail("usage: staff add LOGIN --name NAME --role ROLE");
  const std::string login = a.positional[0];
  if (login.empty() || login.size() > 32) return fail("login must be 1-32 characters");
  if (!md::domain::staff_role_from_code(a.options.at("role")))
    return fail("role must be admin, reviewer, finance or desk");
  const std::string pw = read_password_from_stdin();
  if (auto problem = md::domain::password_problem(pw, login)) return fail(*problem);
  auto hash = md::auth::hash_password(pw);
  if (!hash.ok()) return fail(hash.error().message);
  md::store::Transaction tx(db);
  if (!tx.begun().ok()) return fail(tx.begun().error().message);
  auto id = md::store::AccountRepo(db).create_staff(login, a.options.at("name"), a.options.at("role"), *hash);
  if (!id.ok())
    return fail(id.error().kind == md::ErrorKind::kConflict ? "staff login '" + login + "' exists"
                                                           : id.error().message);
  auto st = md::store::append_audit(db, {"ctl", "staff.create", "account:" + std::to_string(*id), "",
                                        "{\"role\":\"" + a.options.at("role") + "\"}"});
  if (!st.ok()) return fail(st.error().message);
  if (auto c = tx.commit(); !c.ok()) return fail(c.error().message);
  std::printf("staff account '%s' created\n", login.c_str());
  return 0;
}

int passwd(md::store::Db& db, const Args& a) {
  if (a.positional.size() != 1) return fail("usage: passwd LOGIN [--member] [--reset]");
  const bool member = a.flags.count("member") > 0;
  const bool reset = a.flags.count("reset") > 0;
  if (reset && !member) return fail("--reset applies to member accounts (with --member)");
  md::store::AccountRepo accounts(db);
  auto kind = member ? md::store::AccountKind::kMember : md::store::AccountKind::kStaff;
  auto acc = accounts.find(kind, a.positional[0]);
  if (!acc.ok()) return fail(acc.error().message);
  if (!acc->has_value()) return fail("no such " + std::string(member ? "member" : "staff") + " login");
  std::optional<std::string> hash;
  if (!reset) {
    const std::string pw = read_password_from_stdin();
    if (auto problem = md::domain::password_problem(pw, (*acc)->login_id)) return fail(*problem);
    auto h = md::auth::hash_password(pw);
    if (!h.ok()) return fail(h.error().message);
    hash = *h;
  }
  md::store::Transaction tx(db);
  if (!tx.begun().ok()) return fail(tx.begun().error().message);
  if (auto st = accounts.set_password_hash((*acc)->id, hash); !st.ok()) return fail(st.error().message);
  auto st = md::store::append_audit(db, {"ctl", reset ? "account.password_reset" : "account.password_set",
                                        "account:" + std::to_string((*acc)->id), "", ""});
  if (!st.ok()) return fail(st.error().message);
  if (auto c = tx.commit(); !c.ok()) return fail(c.error().message);
  std::printf(reset ? "password reset to the default\n" : "password changed\n");
  return 0;
}

int demo_seed(md::store::Db& db, const Args& a) {
  int n = 0;
  try {
    n = std::stoi(a.options.count("members") ? a.options.at("members") : "");
  } catch (...) {
  }
  if (n < 1 || n > 1000000) return fail("demo-seed needs --members N (1-1000000)");
  auto counts = md::demo::seed_demo(db, n);
  if (!counts.ok()) return fail(counts.error().message);
  std::printf("seeded %d members: %d agencies, %d attorneys, %d industry orgs, %d non-practicing; "
              "%d listed in the directory\n",
              counts->total(), counts->agencies, counts->attorneys, counts->industry_orgs,
              counts->non_practicing, counts->listed);
  return 0;
}

int demo_approve(md::store::Db& db, const Args& a) {
  if (a.positional.empty()) return fail("usage: demo-approve LOGIN...");
  for (const auto& login : a.positional) {
    auto no = md::demo::approve_for_demo(db, login);
    if (!no.ok()) return fail(no.error().message);
    std::printf("%s approved: %s\n", login.c_str(), no->c_str());
  }
  return 0;
}

int demo_member_center(md::store::Db& db) {
  auto counts = md::demo::seed_member_center(db);
  if (!counts.ok()) return fail(counts.error().message);
  std::printf("member center demo data: %d class, %d registrations, %d scores\n", counts->classes,
              counts->registrations, counts->scores);
  return 0;
}

int backup(md::store::Db& db, const md::config::Config& cfg, const Args& a) {
  std::string path;
  if (!a.positional.empty()) {
    path = a.positional[0];
  } else {
    path = cfg.str("store.backup_dir") + "/" + md::store::daily_backup_name(md::store::utc_now_iso());
  }
  if (auto st = md::store::backup_to(db, path); !st.ok()) return fail(st.error().message);
  // Only the timer's kind of backup (no PATH) is rotated; a backup to a chosen path is the operator's.
  if (a.positional.empty()) {
    auto removed = md::store::rotate_backups(cfg.str("store.backup_dir"), static_cast<int>(cfg.integer("store.backup_keep")));
    if (!removed.ok()) return fail(removed.error().message);
    for (const auto& r : *removed) std::fprintf(stderr, "memberdeskctl: removed old backup %s\n", r.c_str());
  }
  std::printf("%s\n", path.c_str());
  return 0;
}

// Exit codes of restore besides 0 and 1 (usage and I/O errors), so scripts can tell them apart.
constexpr int kExitDaemonRunning = 3;
constexpr int kExitBackupRefused = 4;

// Runs before the database is opened: it must not migrate (or create) the file it replaces.
int restore(const md::config::Config& cfg, const Args& a) {
  if (a.positional.size() != 1) return fail("usage: restore BACKUP");
  const std::string db_path = cfg.str("store.database");
  auto lock = md::store::DatabaseLock::acquire(db_path);
  if (!lock.ok()) {
    if (lock.error().code != "database_in_use") return fail(lock.error().message);
    fail(lock.error().message + ": stop it first (systemctl stop memberdesk), then restore");
    return kExitDaemonRunning;
  }
  auto report = md::store::restore_backup(a.positional[0], db_path, cfg.str("store.backup_dir"));
  if (!report.ok()) {
    fail("restore refused: " + report.error().message + "; the database was not changed");
    return report.error().code == "backup_refused" ? kExitBackupRefused : 1;
  }
  std::printf("restored %s (schema v%d) to %s\n", a.positional[0].c_str(), report->schema_version, db_path.c_str());
  if (!report->previous_copy.empty())
    std::printf("the database it replaced is kept as %s\n", report->previous_copy.c_str());
  if (report->schema_version < md::store::latest_schema_version())
    std::printf("the daemon migrates it from v%d to v%d at its next start\n", report->schema_version,
                md::store::latest_schema_version());
  return 0;
}

int issue_certificates(md::store::Db& db, const md::config::Config& cfg, const Args& a) {
  const std::string today = md::store::today_shanghai();
  int year = std::stoi(today.substr(0, 4));
  if (auto it = a.options.find("year"); it != a.options.end()) {
    year = std::atoi(it->second.c_str());
    if (year < 2000 || year > 2100) return fail("--year must be a year between 2000 and 2100");
  }
  auto key = signing_key(cfg);
  if (!key.ok()) return fail(key.error().message);
  auto n = md::certs::issue_for_paid_members(db, *key, year, "ctl", today);
  if (!n.ok()) return fail(n.error().message);
  std::printf("issued %d certificate(s) for %d\n", *n, year);
  return 0;
}

int print_test(md::store::Db& db, const md::config::Config& cfg, const Args& a) {
  int wait_s = 60;
  if (auto it = a.options.find("wait"); it != a.options.end()) {
    wait_s = std::atoi(it->second.c_str());
    if (wait_s < 1 || wait_s > 3600) return fail("--wait must be 1..3600 seconds");
  }
  auto docs = md::certs::document_settings(cfg);
  if (!docs.ok()) return fail(docs.error().message);
  auto settings = md::certs::print_settings(cfg);
  if (!settings.ok()) return fail(settings.error().message);
  std::printf("打印测试页 → CUPS queue '%s'%s%s\n", settings->target.queue.c_str(),
              settings->target.server.empty() ? "" : " on ", settings->target.server.c_str());
  auto job = md::certs::print_test_page(
      db, *settings, *docs, "ctl", std::chrono::seconds(wait_s), [](const md::store::PrintJobRow& j) {
        auto d = md::domain::describe_job(j.state, md::certs::split_reasons(j.job_reasons), md::certs::split_reasons(j.printer_reasons));
        std::printf("%s  %s：%s%s%s\n", j.updated_at.c_str(), d.label.c_str(), d.message.c_str(),
                    j.detail.empty() ? "" : "  — ", j.detail.c_str());
        std::fflush(stdout);
      });
  if (!job.ok()) return fail(job.error().message);
  if (job->state == "completed") return 0;
  if (!md::store::print_state_done(job->state))
    std::fprintf(stderr, "memberdeskctl: the test page has not printed after %d s (state %s)\n", wait_s,
                 job->state.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path = "/etc/memberdesk/memberdesk.toml";
  bool explicit_config = false;
  int i = 1;
  if (i + 1 < argc && std::string(argv[i]) == "--config") {
    config_path = argv[i + 1];
    explicit_config = true;
    i += 2;
  }
  if (i >= argc || std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
    std::fputs(kUsage, i >= argc ? stderr : stdout);
    return i >= argc ? 2 : 0;
  }
  auto cfg = md::config::Config::load_file(config_path);
  if (!cfg.ok()) {
    if (cfg.error().code == "config_missing" && !explicit_config)
      cfg = md::config::Config::defaults();
    else
      return fail(cfg.error().message);
  }
  const std::string command = argv[i++];
  std::string sub;
  if (command == "staff") {
    if (i >= argc || std::string(argv[i]) != "add") return fail("usage: staff add LOGIN --name NAME --role ROLE");
    ++i;
  }
  // Reads only: no migration, and no database made where there is none.
  if (command == "status") return md::ctl::status_command(*cfg, parse(argc, argv, i, {"json"}).flags.count("json") > 0);
  if (command != "import-roster" && command != "staff" && command != "passwd" &&
      command != "demo-seed" && command != "demo-approve" && command != "backup" &&
      command != "demo-member-center" && command != "restore" &&
      command != "print-test" && command != "issue-certificates") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (command == "restore") return restore(*cfg, parse(argc, argv, i, {}));
  if (auto st = md::app::open_and_migrate(*cfg); !st.ok()) return fail(st.error().message);
  auto db = md::store::Db::open(cfg->str("store.database"));
  if (!db.ok()) return fail(db.error().message);
  const Args args = parse(argc, argv, i, {"member", "reset"});
  if (command == "import-roster") return import_roster(**db, *cfg, args);
  if (command == "staff") return staff_add(**db, args);
  if (command == "passwd") return passwd(**db, args);
  if (command == "demo-seed") return demo_seed(**db, args);
  if (command == "demo-approve") return demo_approve(**db, args);
  if (command == "demo-member-center") return demo_member_center(**db);
  if (command == "print-test") return print_test(**db, *cfg, args);
  if (command == "issue-certificates") return issue_certificates(**db, *cfg, args);
  return backup(**db, *cfg, args);
}
