// The pinyin dictionary of the on-screen keyboard: Debian's rime-data-pinyin-simp
// (`/usr/share/rime-data/pinyin_simp.dict.yaml`, Apache-2.0): a YAML header ended by `...`,
// then `字词\tpin yin\tweight` lines (~17k characters, ~48k words). Loaded once at start and
// read-only afterwards, so lookups from many request threads need no lock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"

namespace md::ime {

struct Entry {
  std::string text;                    // 专利
  std::vector<std::string> syllables;  // {"zhuan", "li"}
  int64_t weight = 0;                  // how common (higher first)
};

class PinyinDict {
 public:
  // Parses the dictionary's text. Lines that are not `text\tpinyin[\tweight]` with pinyin of
  // a–z syllables are skipped (the file has a few); an empty result is an error.
  // `preferred` words (their weights ignored) are added when missing and weighted just above
  // the heaviest word of the same initials, so they come first for their spelling and for their
  // abbreviation (domain_terms: zl → 专利).
  static Result<PinyinDict> parse(std::string_view text, const std::vector<Entry>& preferred = {});
  static Result<PinyinDict> load_file(const std::string& path,
                                      const std::vector<Entry>& preferred = {});

  const std::vector<Entry>& entries() const { return entries_; }
  // Every syllable that occurs (zhuan, li, ...).
  bool is_syllable(std::string_view s) const { return syllables_.count(std::string(s)) > 0; }
  // True when some syllable starts with `prefix` (z, zh, zhua, ...).
  bool is_syllable_prefix(std::string_view prefix) const {
    return prefixes_.count(std::string(prefix)) > 0;
  }
  size_t longest_syllable() const { return longest_; }
  // Entries whose syllables are exactly `key` (syllables joined by ' '), heaviest first.
  const std::vector<uint32_t>& exact(const std::string& key) const;
  // Entries whose syllables start with the letters of `initials` (one letter per syllable,
  // e.g. "zl" for 专利), heaviest first: the candidates of abbreviated and partial input.
  const std::vector<uint32_t>& by_initials(const std::string& initials) const;
  // Sum of all weights (+1 each): the denominator when weights are read as frequencies.
  double total_weight() const { return total_weight_; }

 private:
  std::vector<Entry> entries_;
  std::unordered_set<std::string> syllables_;
  std::unordered_set<std::string> prefixes_;
  std::unordered_map<std::string, std::vector<uint32_t>> exact_;
  std::unordered_map<std::string, std::vector<uint32_t>> initials_;
  size_t longest_ = 0;
  double total_weight_ = 0;
};

}  // namespace md::ime
