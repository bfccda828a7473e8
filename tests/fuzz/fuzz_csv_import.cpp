// CSV imports: the RFC 4180 reader (core/csv.h), the 报名 / 成绩 checks of a training file
// (domain/training.h) and the roster import (roster/roster_import.h) against a real database.
// The input is up to three parts separated by "\n--\n": a training file (checked as both kinds),
// agencies.csv, attorneys.csv. Rules checked besides crashes and sanitizer reports: every
// reported line exists in the file, good rows never come with problems, and an import that
// reports problems wrote nothing.
#include <stdlib.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "core/csv.h"
#include "domain/training.h"
#include "fuzz_support.h"
#include "roster/roster_import.h"
#include "store/db.h"
#include "store/migrations.h"

namespace {

struct RosterWorld {
  std::string dir;
  std::unique_ptr<md::store::Db> db;
};

RosterWorld& roster_world() {
  static RosterWorld* w = [] {
    auto* out = new RosterWorld;
    char tmpl[] = "/tmp/md-fuzz-csv-XXXXXX";
    out->dir = mkdtemp(tmpl);
    auto db = md::store::Db::open(out->dir + "/memberdesk.db");
    if (!db.ok()) fuzz::finding("open db");
    out->db = std::move(db).value();
    if (!md::store::migrate(*out->db, out->dir + "/b").ok()) fuzz::finding("migrate");
    return out;
  }();
  return *w;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
}

int count_lines(const std::string& text) {
  int n = 1;
  for (char c : text) n += c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto parts =
      fuzz::split_parts(std::string_view(reinterpret_cast<const char*>(data), size), 3);

  auto rows = md::core::parse_csv(parts[0]);
  if (rows.ok()) {
    for (const auto& r : *rows)
      FUZZ_CHECK(r.line >= 1 && r.line <= count_lines(parts[0]), "csv row line out of range");
  }

  const md::domain::MemberLookup lookup = [](const std::string& login_id)
      -> std::optional<md::domain::KnownMember> {
    if (login_id.size() == 7 && login_id[0] == '1') return md::domain::KnownMember{1, "attorney", "张伟"};
    return std::nullopt;
  };
  for (auto kind : {md::domain::TrainingFile::kRegistrations, md::domain::TrainingFile::kScores}) {
    auto check = md::domain::check_training_csv(kind, parts[0], lookup);
    for (const auto& p : check.problems)
      FUZZ_CHECK(p.line >= 0 && p.line <= count_lines(parts[0]) + 1, "problem line out of range");
  }

  RosterWorld& w = roster_world();
  write_file(w.dir + "/agencies.csv", parts[1]);
  write_file(w.dir + "/attorneys.csv", parts[2]);
  auto report = md::roster::import_roster(*w.db, w.dir + "/agencies.csv", w.dir + "/attorneys.csv", "fuzz");
  if (report.ok() && !report->problems.empty()) {
    const auto& c = *report;
    FUZZ_CHECK(c.agencies.created == 0 && c.agencies.updated == 0 && c.attorneys.created == 0 &&
                   c.attorneys.updated == 0,
               "roster import reported problems and changes");
  }
  return 0;
}
