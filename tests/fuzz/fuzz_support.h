// Shared by the fuzz targets: splitting one input into parts, and stopping at once (a finding)
// when a rule the code promises does not hold.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// The input cut at each "\n--\n" line (how the seed corpora separate parts).
inline std::vector<std::string> split_parts(std::string_view data, size_t max_parts) {
  std::vector<std::string> parts;
  constexpr std::string_view kSep = "\n--\n";
  while (parts.size() + 1 < max_parts) {
    size_t at = data.find(kSep);
    if (at == std::string_view::npos) break;
    parts.emplace_back(data.substr(0, at));
    data.remove_prefix(at + kSep.size());
  }
  parts.emplace_back(data);
  parts.resize(max_parts);
  return parts;
}

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n", what.c_str());
  std::abort();
}

#define FUZZ_CHECK(cond, what) \
  do {                         \
    if (!(cond)) ::fuzz::finding(what); \
  } while (0)

}  // namespace fuzz
