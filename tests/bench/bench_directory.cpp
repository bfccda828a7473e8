// bench_directory: the 会员名录 search path in process, over a freshly seeded database.
//
// Seeds N members (default 100,000; Chinese names from the demo seeder) into a temporary
// database, then times what GET /api/v1/directory does per request — DirectoryCache::current()
// (the directory_rev check) followed by DirectoryIndex::search() — over a realistic query mix
// drawn from the seeded data. Also times the response body the API would build from the result,
// and a plain SQLite LIKE '%q%' scan as the reference the index replaced. Wall-clock figures
// come with the same path's thread CPU time: on a busy machine, preemption inflates the wall
// p99 but not the CPU time. Prints figures only: it is a benchmark, not a test, and always exits
// 0 unless the set-up itself fails.
//
//   bench_directory [--members N] [--queries N] [--like-queries N] [--paths-out FILE]
//
// --paths-out writes the same query mix as URL paths (one per line, UTF-8 percent-encoded) for
// the wrk run in run.sh; `memberdeskctl demo-seed` uses the same default seed, so the queries
// hit the daemon's data as they hit ours.
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "demo/demo_seed.h"
#include "domain/directory_index.h"
#include "domain/member.h"
#include "http/message.h"
#include "store/db.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"
#include "store/migrations.h"

namespace {

using Clock = std::chrono::steady_clock;
using md::domain::DirectoryEntry;
using md::domain::DirectoryQuery;

double ms_since(Clock::time_point t0, Clock::time_point t1) {
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

// CPU time of this thread in ms: unlike wall time, not inflated when a busy machine preempts us.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_directory: %s\n", what.c_str());
  std::exit(1);
}

// "VmHWM" or "VmRSS" from /proc/self/status, in MiB.
double proc_status_mib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(key);
  while (std::getline(in, line)) {
    if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':')
      return std::atof(line.c_str() + n + 1) / 1024.0;  // kB
  }
  return 0;
}

struct Stats {
  double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
  size_t n = 0;
};

Stats stats_of(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double p) {
    size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
  };
  s.p50 = at(0.50);
  s.p90 = at(0.90);
  s.p99 = at(0.99);
  s.max = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  s.n = v.size();
  return s;
}

void print_header() {
  std::printf("  %-34s %7s %9s %9s %9s %9s %9s\n", "", "n", "median", "p90", "p99", "max", "mean");
}
void print_row(const char* label, const Stats& s) {
  std::printf("  %-34s %7zu %6.3f ms %6.3f ms %6.3f ms %6.3f ms %6.3f ms\n", label, s.n, s.p50,
              s.p90, s.p99, s.max, s.mean);
}

// ---- The query mix -------------------------------------------------------------------------

enum Kind { kSurname, kNameBigram, kFullName, kNumberFragment, kOrgFragment, kKinds };
const char* kind_label(int k) {
  switch (k) {
    case kSurname: return "1-char surname (王)";
    case kNameBigram: return "2-char name substring";
    case kFullName: return "3-char full name";
    case kNumberFragment: return "member-number fragment";
    case kOrgFragment: return "agency/org name fragment";
  }
  return "";
}
// Rough share of each kind at a kiosk: people look for a person by surname or name far more
// often than by number or firm.
constexpr int kKindWeights[kKinds] = {25, 25, 20, 15, 15};

struct BenchQuery {
  Kind kind;
  DirectoryQuery q;
};

bool is_person(const DirectoryEntry& e) { return e.type == "attorney" || e.type == "non_practicing"; }

// `len` code points of `text` starting at a random position (the whole text if shorter).
std::string window(const std::u32string& text, size_t len, std::mt19937_64& rng) {
  if (text.size() <= len) return md::core::utf8_encode(text);
  const size_t start = rng() % (text.size() - len + 1);
  return md::core::utf8_encode(text.substr(start, len));
}

std::vector<BenchQuery> make_queries(const std::vector<DirectoryEntry>& entries, size_t count,
                                     uint64_t seed) {
  std::vector<const DirectoryEntry*> people, three_char, orgs;
  for (const auto& e : entries) {
    if (is_person(e)) {
      people.push_back(&e);
      if (md::core::utf8_length(e.name) == 3) three_char.push_back(&e);
    } else {
      orgs.push_back(&e);
    }
  }
  if (people.empty() || three_char.empty() || orgs.empty()) die("seeded data lacks people or organisations");
  std::mt19937_64 rng(seed);
  auto pick = [&](const std::vector<const DirectoryEntry*>& from) { return from[rng() % from.size()]; };
  int weight_sum = 0;
  for (int w : kKindWeights) weight_sum += w;

  std::vector<BenchQuery> out;
  out.reserve(count);
  while (out.size() < count) {
    int roll = static_cast<int>(rng() % static_cast<uint64_t>(weight_sum));
    int kind = 0;
    while (roll >= kKindWeights[kind]) roll -= kKindWeights[kind++];
    BenchQuery bq{static_cast<Kind>(kind), {}};
    const DirectoryEntry* src = nullptr;
    switch (bq.kind) {
      case kSurname: {
        src = pick(people);  // frequency-weighted by the data itself: 王, 李, 张 come up most
        bq.q.text = window(md::core::utf8_decode(src->name).substr(0, 1), 1, rng);
        break;
      }
      case kNameBigram: {
        src = pick(people);
        bq.q.text = window(md::core::utf8_decode(src->name), 2, rng);
        break;
      }
      case kFullName: {
        src = pick(three_char);
        bq.q.text = src->name;
        break;
      }
      case kNumberFragment: {
        src = &entries[rng() % entries.size()];
        const std::string& no = src->member_no;  // e.g. P2019000123
        const auto r = rng() % 10;
        if (r < 4) bq.q.text = no.substr(0, 5);        // type letter + year: "P2019"
        else if (r < 8) bq.q.text = no.substr(5);      // sequence: "000123"
        else bq.q.text = no;                           // the whole number, typed from a card
        break;
      }
      case kOrgFragment: {
        src = pick(orgs);  // "北京", "知识产权", "专利代理", a firm's brand
        bq.q.text = window(md::core::utf8_decode(src->name), 2 + rng() % 3, rng);
        break;
      }
      case kKinds: break;
    }
    // A third of searches narrow by type from the kiosk's drop-down (the source's own type).
    if (rng() % 3 == 0) bq.q.type = src->type;
    bq.q.page = rng() % 10 == 0 ? 2 : 1;  // now and then the next page
    bq.q.page_size = 20;
    out.push_back(std::move(bq));
  }
  return out;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string url_path(const DirectoryQuery& q) {
  std::string p = "/api/v1/directory?q=" + url_encode(q.text);
  if (q.type) p += "&type=" + *q.type;
  if (q.page != 1) p += "&page=" + std::to_string(q.page);
  p += "&page_size=" + std::to_string(q.page_size);
  return p;
}

// The body GET /api/v1/directory sends for a result (as directory_api.cpp and server.cpp build it).
std::string api_body(const DirectoryQuery& q, const md::domain::DirectoryPage& result) {
  md::http::Json items = md::http::Json::array();
  for (const auto* e : result.items) {
    auto type = md::domain::member_type_from_code(e->type);
    items.push_back({{"name", e->name},
                     {"member_no", e->member_no},
                     {"type", e->type},
                     {"type_label", type ? std::string(md::domain::label(*type)) : e->type},
                     {"valid_until", e->valid_until}});
  }
  md::http::Json body = {
      {"total", result.total}, {"page", q.page}, {"page_size", q.page_size}, {"items", items}};
  return body.dump(-1, ' ', false, md::http::Json::error_handler_t::replace);
}

// ---- main ----------------------------------------------------------------------------------

struct Options {
  int members = 100000;
  size_t queries = 5000;
  size_t like_queries = 300;
  std::string paths_out;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--members") o.members = std::stoi(next());
    else if (a == "--queries") o.queries = std::stoul(next());
    else if (a == "--like-queries") o.like_queries = std::stoul(next());
    else if (a == "--paths-out") o.paths_out = next();
    else if (a == "--help" || a == "-h") {
      std::puts("usage: bench_directory [--members N] [--queries N] [--like-queries N] [--paths-out FILE]");
      std::exit(0);
    } else {
      die("unknown argument " + a);
    }
  }
  if (o.members < 100 || o.queries < 10) die("--members must be >= 100 and --queries >= 10");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);

  char dir_template[] = "/tmp/md-bench-XXXXXX";
  if (!mkdtemp(dir_template)) die("mkdtemp failed");
  const std::filesystem::path dir = dir_template;
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  } cleanup{dir};

  auto opened = md::store::Db::open((dir / "bench.db").string());
  if (!opened.ok()) die(opened.error().message);
  md::store::Db& db = *opened.value();
  if (auto st = md::store::migrate(db, (dir / "backups").string()); !st.ok()) die(st.error().message);

  std::printf("== In-process directory search (%d members) ==\n", opt.members);
  auto t0 = Clock::now();
  auto seeded = md::demo::seed_demo(db, opt.members);
  if (!seeded.ok()) die(seeded.error().message);
  const auto& counts = seeded.value();
  std::printf("seeding:            %.2f s (%d members: %d agencies, %d attorneys, %d industry orgs, "
              "%d non-practicing; %d listed)\n",
              ms_since(t0, Clock::now()) / 1000, counts.total(), counts.agencies, counts.attorneys,
              counts.industry_orgs, counts.non_practicing, counts.listed);

  // What the cache will load, read once more for the query mix and a standalone index build.
  const std::string today = md::store::today_shanghai();
  std::vector<DirectoryEntry> entries;
  md::store::MemberRepo repo(db);
  t0 = Clock::now();
  auto st = repo.for_each_listed([&](const std::string& name, const std::string& no,
                                     const std::string& type, const std::string& until) {
    if (until >= today) entries.push_back({name, no, type, until});
  });
  if (!st.ok()) die(st.error().message);
  const double read_ms = ms_since(t0, Clock::now());
  {
    auto copy = entries;
    t0 = Clock::now();
    md::domain::DirectoryIndex standalone(std::move(copy));
    const double build_ms = ms_since(t0, Clock::now());
    std::printf("index build:        %.1f ms (read %zu listed rows %.1f ms + DirectoryIndex %.1f ms)\n",
                read_ms + build_ms, entries.size(), read_ms, build_ms);
  }

  md::store::DirectoryCache cache;
  t0 = Clock::now();
  auto cold = cache.current(db);
  if (!cold.ok()) die(cold.error().message);
  std::printf("cold cache:         %.1f ms (first DirectoryCache::current, %zu entries)\n",
              ms_since(t0, Clock::now()), cold.value()->size());

  const size_t warmup = std::max<size_t>(opt.queries / 10, 100);
  const auto queries = make_queries(entries, warmup + opt.queries, 20261127);
  int kind_counts[kKinds] = {};
  for (const auto& bq : queries) ++kind_counts[bq.kind];

  if (!opt.paths_out.empty()) {
    std::ofstream out(opt.paths_out);
    for (size_t i = 0; i < std::min<size_t>(queries.size(), 2000); ++i) out << url_path(queries[i].q) << '\n';
    if (!out) die("cannot write " + opt.paths_out);
  }

  // Warm-up, then the timed run: per query, the rev check, the search and the body.
  size_t sink = 0;
  for (size_t i = 0; i < warmup; ++i) {
    auto idx = cache.current(db);
    if (!idx.ok()) die(idx.error().message);
    sink += api_body(queries[i].q, idx.value()->search(queries[i].q)).size();
  }
  std::vector<double> rev_ms, search_ms, path_ms, body_ms, api_ms, cpu_ms, by_kind[kKinds];
  int64_t total_hits = 0;
  size_t zero_hits = 0, body_bytes = 0;
  for (size_t i = warmup; i < queries.size(); ++i) {
    const auto& bq = queries[i];
    const double cpu0 = thread_cpu_ms();
    const auto a = Clock::now();
    auto idx = cache.current(db);
    if (!idx.ok()) die(idx.error().message);
    const auto b = Clock::now();
    const auto page = idx.value()->search(bq.q);
    const auto c = Clock::now();
    cpu_ms.push_back(thread_cpu_ms() - cpu0);
    const std::string body = api_body(bq.q, page);
    const auto d = Clock::now();
    rev_ms.push_back(ms_since(a, b));
    search_ms.push_back(ms_since(b, c));
    path_ms.push_back(ms_since(a, c));
    body_ms.push_back(ms_since(c, d));
    api_ms.push_back(ms_since(a, d));
    by_kind[bq.kind].push_back(ms_since(a, c));
    total_hits += page.total;
    zero_hits += page.total == 0;
    body_bytes += body.size();
    sink += body.size();
  }
  const size_t n = opt.queries;
  std::printf("query mix:          %zu timed after %zu warm-up; %zu%% with a type filter; "
              "mean total %.0f hits, %.1f%% with none; mean body %zu bytes\n",
              n, warmup,
              static_cast<size_t>(std::count_if(queries.begin(), queries.end(),
                                                [](const BenchQuery& q) { return q.q.type.has_value(); }) *
                                  100 / queries.size()),
              static_cast<double>(total_hits) / static_cast<double>(n),
              100.0 * static_cast<double>(zero_hits) / static_cast<double>(n), body_bytes / n);
  std::printf("  kinds:");
  for (int k = 0; k < kKinds; ++k) std::printf(" %s %d%s", kind_label(k), kind_counts[k] * 100 / static_cast<int>(queries.size()), k + 1 < kKinds ? "%," : "%\n");
  std::printf("  examples:");
  for (size_t i = 0; i < 8; ++i)
    std::printf(" \"%s\"%s", queries[warmup + i].q.text.c_str(),
                queries[warmup + i].q.type ? ("[" + *queries[warmup + i].q.type + "]").c_str() : "");
  std::printf("\n\n");

  print_header();
  const Stats path = stats_of(path_ms);
  print_row("search path (current + search)", path);
  print_row("  same, thread CPU time", stats_of(cpu_ms));
  print_row("  DirectoryCache::current (rev)", stats_of(rev_ms));
  print_row("  DirectoryIndex::search", stats_of(search_ms));
  print_row("JSON body (build + dump)", stats_of(body_ms));
  print_row("handler work (path + body)", stats_of(api_ms));
  std::printf("  by kind (search path):\n");
  for (int k = 0; k < kKinds; ++k) print_row((std::string("    ") + kind_label(k)).c_str(), stats_of(by_kind[k]));

  // Reference: what a plain SQL scan costs for the same queries (total + one page), as the
  // directory would have done it without the in-memory index.
  constexpr const char* kLikeSql =
      "SELECT name, member_no, type, valid_until, COUNT(*) OVER () FROM members "
      "WHERE status = 'active' AND member_no IS NOT NULL AND valid_until >= ?1 "
      "AND (name LIKE ?2 ESCAPE '\\' OR member_no LIKE ?2 ESCAPE '\\') "
      "AND (?3 IS NULL OR type = ?3) ORDER BY member_no LIMIT ?4 OFFSET ?5";
  auto run_like = [&](const DirectoryQuery& q) -> int64_t {
    std::string pattern = "%";
    for (char ch : q.text) {
      if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
      pattern += ch;
    }
    pattern += '%';
    auto like = db.prepare(kLikeSql);  // cached; reset when this Statement goes
    like.bind(1, today).bind(2, pattern).bind(3, q.type).bind(4, q.page_size)
        .bind(5, (q.page - 1) * q.page_size);
    int64_t total = 0;
    while (like.step()) total = like.col_int(4);
    if (!like.status().ok()) die(like.status().error().message);
    return total;
  };
  const size_t like_n = std::min(opt.like_queries, n);
  for (size_t i = 0; i < std::min<size_t>(like_n / 10 + 1, warmup); ++i) sink += static_cast<size_t>(run_like(queries[i].q));
  std::vector<double> like_ms;
  const auto like_start = Clock::now();
  for (size_t i = warmup; i < warmup + like_n; ++i) {
    if (ms_since(like_start, Clock::now()) > 10000) break;  // a reference, not worth minutes
    const auto a = Clock::now();
    sink += static_cast<size_t>(run_like(queries[i].q));
    like_ms.push_back(ms_since(a, Clock::now()));
  }
  print_row("reference: SQLite LIKE '%q%' scan", stats_of(like_ms));
  std::printf("\n");

  std::printf("memory:             peak RSS (VmHWM) %.1f MiB, current RSS %.1f MiB\n",
              proc_status_mib("VmHWM"), proc_status_mib("VmRSS"));
  std::printf("GOAL search median < 2 ms: %.3f ms  %s\n", path.p50, path.p50 < 2.0 ? "PASS" : "MISS");
  // Machine-readable line for run.sh's summary table.
  std::printf("RESULT search_median_ms=%.4f search_p99_ms=%.4f like_median_ms=%.4f sink=%zu\n",
              path.p50, path.p99, stats_of(like_ms).p50, sink % 10);
  return 0;
}
