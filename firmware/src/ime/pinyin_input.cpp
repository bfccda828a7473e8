#include "ime/pinyin_input.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "ime/name_chars.h"

namespace md::ime {
namespace {

// Split costs: a whole syllable costs 1, a partial one more, so "zhuanli" is zhuan li and not
// zhu an li, and "zhuanl" is zhuan + l.
constexpr double kFullCost = 1.0;
constexpr double kPartialCost = 1.6;
// Longest word the whole-input conversion puts together (syllables).
constexpr size_t kMaxWordSyllables = 8;
// Ranking bonuses of name fields, in natural-log units of frequency (e^8 ≈ 3000 times: 伟 is 80 times rarer than 为).
constexpr double kSurnameBonus = 8.0;
constexpr double kGivenNameBonus = 8.0;
// Equally cheap splits tried for the whole-input conversion.
constexpr size_t kMaxSplits = 6;

bool is_single_char(const std::string& s) {
  if (s.empty()) return false;
  const auto lead = static_cast<unsigned char>(s[0]);
  const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return s.size() == len;
}

// Does the entry's i-th syllable fit the token (equal, or starting with a partial token)?
bool fits(const Token& t, const std::string& syllable) {
  return t.full ? syllable == t.text : syllable.compare(0, t.text.size(), t.text) == 0;
}

// Calls fn(id) for the entries that spell tokens [a, b), heaviest first, until fn returns
// false. Whole syllables look the key up; partial ones filter the entries of the same initials.
template <typename Fn>
void for_each_in_span(const PinyinDict& dict, const std::vector<Token>& tokens, size_t a,
                      size_t b, Fn&& fn) {
  bool all_full = true;
  std::string key;
  std::string initials;
  for (size_t i = a; i < b; ++i) {
    all_full = all_full && tokens[i].full;
    if (!key.empty()) key += ' ';
    key += tokens[i].text;
    initials += tokens[i].text.front();
  }
  if (all_full) {
    for (uint32_t id : dict.exact(key))
      if (!fn(id)) return;
    return;
  }
  for (uint32_t id : dict.by_initials(initials)) {
    const auto& syl = dict.entries()[id].syllables;
    bool ok = true;
    for (size_t i = a; i < b && ok; ++i) ok = fits(tokens[i], syl[i - a]);
    if (ok && !fn(id)) return;
  }
}

std::vector<uint32_t> span_words(const PinyinDict& dict, const std::vector<Token>& tokens,
                                 size_t a, size_t b) {
  std::vector<uint32_t> out;
  for_each_in_span(dict, tokens, a, b, [&](uint32_t id) {
    out.push_back(id);
    return true;
  });
  return out;
}

// How likely the entry is at token position `pos` of the input, as a log frequency.
double score(const PinyinDict& dict, const Entry& e, size_t pos, FieldKind kind) {
  double s = std::log((static_cast<double>(e.weight) + 1) / dict.total_weight());
  if (kind == FieldKind::kText || !is_single_char(e.text)) return s;
  if (kind == FieldKind::kName && pos == 0) return is_common_surname(e.text) ? s + kSurnameBonus : s;
  return is_common_given_name_char(e.text) ? s + kGivenNameBonus : s;
}

// Orders ids by score (heaviest first within equal bonus); text fields keep the weight order.
// (Each score is computed once: a syllable such as "shi" has hundreds of characters.)
void rank(const PinyinDict& dict, std::vector<uint32_t>& ids, size_t pos, FieldKind kind) {
  if (kind == FieldKind::kText) return;
  std::vector<std::pair<double, uint32_t>> scored;
  scored.reserve(ids.size());
  for (uint32_t id : ids) scored.emplace_back(score(dict, dict.entries()[id], pos, kind), id);
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = scored[i].second;
}

// The best conversion of all tokens, composed word by word (most probable path); empty when
// some part has no word.
struct Conversion {
  std::string text;
  double score = 0;
};

Conversion whole_input(const PinyinDict& dict, const std::vector<Token>& tokens,
                       FieldKind kind) {
  const size_t n = tokens.size();
  const double none = -std::numeric_limits<double>::infinity();
  std::vector<double> best(n + 1, none);
  std::vector<size_t> from(n + 1, 0);
  std::vector<uint32_t> word(n + 1, 0);
  best[0] = 0;
  for (size_t j = 1; j <= n; ++j) {
    for (size_t i = (j > kMaxWordSyllables ? j - kMaxWordSyllables : 0); i < j; ++i) {
      if (best[i] == none) continue;
      // Text fields: the heaviest entry is the first; names: the best score over all of them.
      bool found = false;
      uint32_t top = 0;
      double top_score = 0;
      for_each_in_span(dict, tokens, i, j, [&](uint32_t id) {
        const double sc = score(dict, dict.entries()[id], i, kind);
        if (!found || sc > top_score) top = id, top_score = sc;
        found = true;
        return kind != FieldKind::kText;
      });
      if (!found) continue;
      if (best[i] + top_score > best[j]) {
        best[j] = best[i] + top_score;
        from[j] = i;
        word[j] = top;
      }
    }
  }
  if (best[n] == none) return {};
  std::vector<uint32_t> path;
  for (size_t j = n; j > 0; j = from[j]) path.push_back(word[j]);
  Conversion out{"", best[n]};
  for (auto it = path.rbegin(); it != path.rend(); ++it) out.text += dict.entries()[*it].text;
  return out;
}

}  // namespace

std::optional<FieldKind> field_kind_from_code(std::string_view code) {
  if (code.empty() || code == "text") return FieldKind::kText;
  if (code == "name") return FieldKind::kName;
  if (code == "given_name") return FieldKind::kGivenName;
  return std::nullopt;
}

std::optional<std::string> normalize_input(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c < 'a' || c > 'z') && c != '\'') return std::nullopt;
    out += c;
  }
  return out;
}

namespace {

// Suffix costs of the cheapest split: best[i] for input[i..]; infinity where none exists.
std::vector<double> split_costs(const PinyinDict& dict, std::string_view input) {
  const size_t n = input.size();
  std::vector<double> best(n + 1, std::numeric_limits<double>::infinity());
  best[n] = 0;
  for (size_t i = n; i-- > 0;) {
    if (input[i] == '\'') {
      best[i] = best[i + 1];
      continue;
    }
    size_t run = 0;
    while (i + run < n && input[i + run] != '\'' && run < dict.longest_syllable()) ++run;
    for (size_t l = run; l >= 1; --l) {
      auto piece = input.substr(i, l);
      const bool whole = dict.is_syllable(piece);
      if (!whole && !dict.is_syllable_prefix(piece)) continue;
      best[i] = std::min(best[i], (whole ? kFullCost : kPartialCost) + best[i + l]);
    }
  }
  return best;
}

// Every cheapest split (at most `max`), the one with the longer first syllables first.
void cheapest_splits(const PinyinDict& dict, std::string_view input,
                     const std::vector<double>& best, size_t i, std::vector<Token>& path,
                     std::vector<std::vector<Token>>& out, size_t max) {
  if (out.size() >= max) return;
  const size_t n = input.size();
  if (i == n) {
    out.push_back(path);
    return;
  }
  if (input[i] == '\'') {
    if (!path.empty()) path.back().end = i + 1;  // the separator belongs to the token before it
    cheapest_splits(dict, input, best, i + 1, path, out, max);
    if (!path.empty()) path.back().end = i;
    return;
  }
  size_t run = 0;
  while (i + run < n && input[i + run] != '\'' && run < dict.longest_syllable()) ++run;
  for (size_t l = run; l >= 1 && out.size() < max; --l) {
    auto piece = input.substr(i, l);
    const bool whole = dict.is_syllable(piece);
    if (!whole && !dict.is_syllable_prefix(piece)) continue;
    if (std::abs((whole ? kFullCost : kPartialCost) + best[i + l] - best[i]) > 1e-9) continue;
    path.push_back(Token{std::string(piece), whole, i + l});
    cheapest_splits(dict, input, best, i + l, path, out, max);
    path.pop_back();
  }
}

std::vector<std::vector<Token>> split_all(const PinyinDict& dict, std::string_view input,
                                          size_t max) {
  std::vector<std::vector<Token>> out;
  auto best = split_costs(dict, input);
  if (input.empty() || best[0] == std::numeric_limits<double>::infinity()) return out;
  std::vector<Token> path;
  cheapest_splits(dict, input, best, 0, path, out, max);
  return out;
}

}  // namespace

std::vector<Token> split_syllables(const PinyinDict& dict, std::string_view input) {
  auto all = split_all(dict, input, 1);
  return all.empty() ? std::vector<Token>{} : all.front();
}

std::vector<Candidate> candidates(const PinyinDict& dict, std::string_view input, FieldKind kind,
                                  size_t limit) {
  std::vector<Candidate> out;
  // Equally cheap splits (lina: lin a / li na) each get their conversion; the likelier wins.
  auto splits = split_all(dict, input, kMaxSplits);
  if (splits.empty() || limit == 0) return out;
  const auto& tokens = splits.front();
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& text, size_t consumed) {
    if (out.size() < limit && !text.empty() && seen.insert(text).second)
      out.push_back(Candidate{text, consumed});
  };
  Conversion whole;
  for (const auto& split : splits) {
    if (split.size() < 2) continue;
    auto c = whole_input(dict, split, kind);
    if (!c.text.empty() && (whole.text.empty() || c.score > whole.score)) whole = std::move(c);
  }
  add(whole.text, input.size());
  for (size_t k = tokens.size(); k >= 1 && out.size() < limit; --k) {
    const size_t consumed = k == tokens.size() ? input.size() : tokens[k - 1].end;
    if (kind == FieldKind::kText) {  // already heaviest first: stop once the list is full
      for_each_in_span(dict, tokens, 0, k, [&](uint32_t id) {
        add(dict.entries()[id].text, consumed);
        return out.size() < limit;
      });
      continue;
    }
    auto ids = span_words(dict, tokens, 0, k);
    rank(dict, ids, 0, kind);
    for (uint32_t id : ids) {
      if (out.size() >= limit) break;
      add(dict.entries()[id].text, consumed);
    }
  }
  return out;
}

}  // namespace md::ime
