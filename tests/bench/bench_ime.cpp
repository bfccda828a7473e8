// bench_ime: the on-screen keyboard's pinyin lookup, in process, over Debian's
// rime-data-pinyin-simp dictionary.
//
// 1. Loads the dictionary --loads times (default 5): median load time, and the resident memory
//    the loaded dictionary takes (VmRSS after the first load minus before).
// 2. Candidate lookups (md::ime::candidates, limit 100, as GET /ime answers) for inputs of 1 to 6
//    syllables, --queries per length (default 2000): whole syllables made from real dictionary
//    words and characters (zhuanlidaili…), a quarter with the last syllable still being typed
//    (zhuanlidail) and, from 2 syllables on, an eighth as initials only (zldl); person-name
//    ranking for a tenth. Prints p50 and p99 per length (goal p99 < 1 ms).
//
//   bench_ime [--dict PATH] [--loads N] [--queries N]
//
// Figures, not a test: exits 0 when a goal is missed (prints MISS), 1 only if set-up fails.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ime/pinyin_dict.h"
#include "ime/pinyin_input.h"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_ime: %s\n", what.c_str());
  std::exit(1);
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

long rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// Realistic input of `syllables` syllables: dictionary words (weighted towards common ones)
// put together, in one of the ways people type.
std::string make_input(const md::ime::PinyinDict& d, const std::vector<std::vector<uint32_t>>& by_len,
                       size_t syllables, std::mt19937_64& rng, bool& name) {
  std::vector<std::string> parts;
  while (parts.size() < syllables) {
    const size_t room = syllables - parts.size();
    const size_t len = 1 + rng() % std::min<size_t>(room, 4);
    const auto& pool = by_len[len];
    if (pool.empty()) continue;
    // The heavier half of the pool most of the time: people type common words.
    const size_t span = rng() % 4 == 0 ? pool.size() : std::max<size_t>(1, pool.size() / 2);
    for (const auto& s : d.entries()[pool[rng() % span]].syllables) parts.push_back(s);
  }
  const unsigned style = static_cast<unsigned>(rng() % 8);
  name = rng() % 10 == 0;
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (style == 0 && syllables > 1) out += parts[i].front();  // initials only
    else if (i + 1 == parts.size() && style <= 2) out += parts[i].substr(0, std::max<size_t>(1, parts[i].size() - 1));
    else out += parts[i];
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "/usr/share/rime-data/pinyin_simp.dict.yaml";
  int loads = 5;
  int queries = 2000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--dict") && i + 1 < argc) path = argv[++i];
    else if (!std::strcmp(argv[i], "--loads") && i + 1 < argc) loads = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) queries = std::max(10, std::atoi(argv[++i]));
    else die(std::string("unknown argument ") + argv[i]);
  }

  std::printf("== pinyin input (%s) ==\n", path.c_str());
  const long rss_before = rss_kb();
  std::vector<double> load_ms;
  md::ime::PinyinDict dict = [&] {
    auto t0 = Clock::now();
    auto d = md::ime::PinyinDict::load_file(path);
    load_ms.push_back(ms_since(t0));
    if (!d.ok()) die(d.error().message);
    return std::move(d).value();
  }();
  const long rss_after = rss_kb();
  for (int i = 1; i < loads; ++i) {
    auto t0 = Clock::now();
    auto d = md::ime::PinyinDict::load_file(path);
    load_ms.push_back(ms_since(t0));
    if (!d.ok()) die(d.error().message);
  }
  const double load_median = percentile(load_ms, 0.5);
  const double dict_mb = static_cast<double>(rss_after - rss_before) / 1024.0;
  std::printf("entries %zu  load median %.1f ms (of %d)  resident memory of the dictionary %.1f MB\n",
              dict.entries().size(), load_median, loads, dict_mb);

  std::vector<std::vector<uint32_t>> by_len(5);
  for (uint32_t id = 0; id < dict.entries().size(); ++id) {
    const size_t n = dict.entries()[id].syllables.size();
    if (n >= 1 && n <= 4) by_len[n].push_back(id);
  }
  for (auto& pool : by_len)
    std::stable_sort(pool.begin(), pool.end(), [&](uint32_t a, uint32_t b) {
      return dict.entries()[a].weight > dict.entries()[b].weight;
    });

  std::mt19937_64 rng(20261204);
  double worst_p99 = 0;
  std::string line;
  std::printf("%-10s %10s %10s %10s %12s\n", "syllables", "p50 ms", "p99 ms", "max ms", "candidates");
  for (size_t syl = 1; syl <= 6; ++syl) {
    std::vector<double> t;
    size_t total = 0;
    for (int q = 0; q < queries; ++q) {
      bool name = false;
      const std::string in = make_input(dict, by_len, syl, rng, name);
      const auto kind = name ? md::ime::FieldKind::kName : md::ime::FieldKind::kText;
      auto t0 = Clock::now();
      auto c = md::ime::candidates(dict, in, kind, 100);
      t.push_back(ms_since(t0));
      total += c.size();
    }
    const double p50 = percentile(t, 0.5);
    const double p99 = percentile(t, 0.99);
    worst_p99 = std::max(worst_p99, p99);
    std::printf("%-10zu %10.3f %10.3f %10.3f %12.1f\n", syl, p50, p99, percentile(t, 1.0),
                static_cast<double>(total) / queries);
    char buf[64];
    std::snprintf(buf, sizeof buf, " p99_%zu_ms=%.3f", syl, p99);
    line += buf;
  }
  std::printf("goal: lookup p99 < 1 ms for 1-6 syllables: %s (worst %.3f ms)\n",
              worst_p99 < 1.0 ? "OK" : "MISS", worst_p99);
  std::printf("RESULT ime_load_ms=%.1f ime_rss_mb=%.1f ime_p99_max_ms=%.3f%s\n", load_median, dict_mb,
              worst_p99, line.c_str());
  return 0;
}
