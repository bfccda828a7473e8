#include "ime/pinyin_dict.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace md::ime {
namespace {

bool lower_letters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "zhuan li" → {"zhuan", "li"}; empty when any part is not a–z letters.
std::vector<std::string> split_syllables(std::string_view pinyin) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < pinyin.size()) {
    size_t j = pinyin.find(' ', i);
    if (j == std::string_view::npos) j = pinyin.size();
    auto part = pinyin.substr(i, j - i);
    if (!part.empty()) {
      if (!lower_letters(part)) return {};
      out.emplace_back(part);
    }
    i = j + 1;
  }
  return out;
}

const std::vector<uint32_t> kNone;

std::string initials_of(const std::vector<std::string>& syllables) {
  std::string initials;
  for (const auto& s : syllables) initials += s.front();
  return initials;
}

// Lifts (or adds) each preferred word above the heaviest entry of its initials. The heaviest
// weights are taken before any lifting, so the preferred words keep their list's order only
// where they share initials, and never inflate one another.
void prefer(std::vector<Entry>& entries, const std::vector<Entry>& preferred) {
  if (preferred.empty()) return;
  std::unordered_map<std::string, int64_t> heaviest;
  for (const auto& e : entries) {
    auto& w = heaviest[initials_of(e.syllables)];
    w = std::max(w, e.weight);
  }
  for (const auto& p : preferred) {
    if (p.syllables.size() < 2 || !std::all_of(p.syllables.begin(), p.syllables.end(), lower_letters))
      continue;
    const int64_t weight = heaviest[initials_of(p.syllables)] + 1;
    auto same = std::find_if(entries.begin(), entries.end(), [&p](const Entry& e) {
      return e.text == p.text && e.syllables == p.syllables;
    });
    if (same != entries.end())
      same->weight = std::max(same->weight, weight);
    else
      entries.push_back(Entry{p.text, p.syllables, weight});
  }
}

}  // namespace

Result<PinyinDict> PinyinDict::parse(std::string_view text, const std::vector<Entry>& preferred) {
  PinyinDict d;
  size_t pos = 0;
  // The YAML header ends with a line "..."; a file without one is all entries.
  if (auto end = text.find("\n...\n"); end != std::string_view::npos) pos = end + 5;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t t1 = line.find('\t');
    if (t1 == std::string_view::npos || t1 == 0) continue;
    const size_t t2 = line.find('\t', t1 + 1);
    auto word = line.substr(0, t1);
    auto pinyin = line.substr(t1 + 1, (t2 == std::string_view::npos ? line.size() : t2) - t1 - 1);
    int64_t weight = 0;
    if (t2 != std::string_view::npos) {
      for (char c : line.substr(t2 + 1)) {
        if (c < '0' || c > '9') break;
        weight = std::min<int64_t>(weight * 10 + (c - '0'), int64_t{1} << 40);
      }
    }
    auto syllables = split_syllables(pinyin);
    if (syllables.empty()) continue;
    d.entries_.push_back(Entry{std::string(word), std::move(syllables), weight});
  }
  if (d.entries_.empty())
    return make_error(ErrorKind::kInvalidArgument, "ime_dictionary_empty",
                      "the pinyin dictionary has no `text<TAB>pinyin<TAB>weight` lines");
  prefer(d.entries_, preferred);
  if (d.entries_.size() > UINT32_MAX)
    return make_error(ErrorKind::kInvalidArgument, "ime_dictionary_too_large",
                      "the pinyin dictionary has too many lines");

  for (uint32_t i = 0; i < d.entries_.size(); ++i) {
    const auto& e = d.entries_[i];
    std::string key;
    std::string initials;
    for (const auto& s : e.syllables) {
      if (!key.empty()) key += ' ';
      key += s;
      initials += s.front();
      if (d.syllables_.insert(s).second) {
        d.longest_ = std::max(d.longest_, s.size());
        for (size_t n = 1; n <= s.size(); ++n) d.prefixes_.insert(s.substr(0, n));
      }
    }
    d.exact_[key].push_back(i);
    d.initials_[initials].push_back(i);
    d.total_weight_ += static_cast<double>(e.weight) + 1;
  }
  auto heaviest_first = [&d](std::vector<uint32_t>& ids) {
    std::stable_sort(ids.begin(), ids.end(), [&d](uint32_t a, uint32_t b) {
      return d.entries_[a].weight > d.entries_[b].weight;
    });
  };
  for (auto& [key, ids] : d.exact_) heaviest_first(ids);
  for (auto& [key, ids] : d.initials_) heaviest_first(ids);
  return d;
}

Result<PinyinDict> PinyinDict::load_file(const std::string& path,
                                         const std::vector<Entry>& preferred) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error(ErrorKind::kUnavailable, "ime_dictionary_missing",
                      "cannot read the pinyin dictionary " + path +
                          " (install rime-data-pinyin-simp or set ime.dictionary)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), preferred);
}

const std::vector<uint32_t>& PinyinDict::exact(const std::string& key) const {
  auto it = exact_.find(key);
  return it == exact_.end() ? kNone : it->second;
}

const std::vector<uint32_t>& PinyinDict::by_initials(const std::string& initials) const {
  auto it = initials_.find(initials);
  return it == initials_.end() ? kNone : it->second;
}

}  // namespace md::ime
