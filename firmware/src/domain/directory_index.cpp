#include "domain/directory_index.h"

#include <algorithm>

#include "core/utf8.h"

namespace md::domain {
namespace {

// One code point is at most 21 bits: a bigram packs two, a unigram sets a marker bit.
constexpr uint64_t kUnigram = uint64_t{1} << 63;
uint64_t unigram(char32_t a) {
  return kUnigram | a;
}
uint64_t bigram(char32_t a, char32_t b) {
  return (uint64_t{a} << 21) | b;
}

char32_t fold(char32_t c) {
  return (c >= U'a' && c <= U'z') ? c - 32 : c;
}

std::u32string folded(std::string_view utf8) {
  std::u32string s = core::utf8_decode(core::trim(utf8));
  for (auto& c : s) c = fold(c);
  return s;
}

}  // namespace

DirectoryIndex::DirectoryIndex(std::vector<DirectoryEntry> entries) : entries_(std::move(entries)) {
  names_.reserve(entries_.size());
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    names_.push_back(folded(entries_[i].name));
    add_grams(names_.back(), i);
    add_grams(folded(entries_[i].member_no), i);
  }
}

void DirectoryIndex::add_grams(const std::u32string& text, uint32_t entry) {
  auto push = [&](uint64_t gram) {
    auto& list = grams_[gram];
    if (list.empty() || list.back() != entry) list.push_back(entry);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    push(unigram(text[i]));
    if (i + 1 < text.size()) push(bigram(text[i], text[i + 1]));
  }
}

const std::vector<uint32_t>* DirectoryIndex::postings(uint64_t gram) const {
  auto it = grams_.find(gram);
  return it == grams_.end() ? nullptr : &it->second;
}

DirectoryPage DirectoryIndex::search(const DirectoryQuery& q) const {
  DirectoryPage page;
  const std::u32string needle = folded(q.text);
  const size_t first =
      static_cast<size_t>(std::max(q.page, 1) - 1) * static_cast<size_t>(std::max(q.page_size, 1));
  const size_t limit = static_cast<size_t>(std::max(q.page_size, 1));

  auto take = [&](uint32_t i) {
    if (q.type && entries_[i].type != *q.type) return;
    if (static_cast<size_t>(page.total) >= first && page.items.size() < limit)
      page.items.push_back(&entries_[i]);
    ++page.total;
  };

  if (needle.empty()) {
    for (uint32_t i = 0; i < entries_.size(); ++i) take(i);
    return page;
  }

  // The two rarest grams of the query bound the candidates.
  const std::vector<uint32_t>* best = nullptr;
  const std::vector<uint32_t>* second = nullptr;
  auto consider = [&](uint64_t gram) -> bool {
    const auto* list = postings(gram);
    if (!list) return false;
    if (!best || list->size() < best->size()) {
      second = best;
      best = list;
    } else if (list != best && (!second || list->size() < second->size()))
      second = list;
    return true;
  };
  if (needle.size() == 1) {
    if (!consider(unigram(needle[0]))) return page;
  } else {
    for (size_t i = 0; i + 1 < needle.size(); ++i)
      if (!consider(bigram(needle[i], needle[i + 1]))) return page;
  }
  // Member numbers are ASCII and stored upper-case: match them as bytes, no decoding.
  bool ascii = true;
  for (char32_t c : needle) ascii = ascii && c < 0x80;
  const std::string needle_bytes = ascii ? core::utf8_encode(needle) : std::string();
  auto confirm = [&](uint32_t i) {
    if (needle.size() <= 2) return true;
    if (names_[i].find(needle) != std::u32string::npos) return true;
    return ascii &&
           std::string_view(entries_[i].member_no).find(needle_bytes) != std::string_view::npos;
  };
  if (!second) {
    for (uint32_t i : *best)
      if (confirm(i)) take(i);
    return page;
  }
  auto it = second->begin();
  for (uint32_t i : *best) {
    it = std::lower_bound(it, second->end(), i);
    if (it == second->end()) break;
    if (*it == i && confirm(i)) take(i);
  }
  return page;
}

}  // namespace md::domain
