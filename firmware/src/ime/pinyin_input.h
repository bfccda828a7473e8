// Pinyin input for the on-screen keyboard: what the letters typed so far mean (syllables) and
// which characters and words they may become (candidates), best first. Pure functions over a
// loaded dictionary: no I/O, unit-tested on small dictionaries and on Debian's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ime/pinyin_dict.h"

namespace md::ime {

// One piece of the input: a whole syllable ("zhuan") or the start of one ("zh", "l": an
// abbreviation, or the syllable still being typed).
struct Token {
  std::string text;
  bool full = false;
  size_t end = 0;  // input characters up to and including this token (apostrophes counted)
};

// A candidate and how many characters of the input it stands for (from the start): picking it
// leaves the rest of the input to be converted.
struct Candidate {
  std::string text;
  size_t consumed = 0;
};

// How the field's text is ranked. kName (姓名, 联系人, the field still empty): common surnames
// first, then common given-name characters above other characters of the same sound;
// kGivenName (a name field that has its surname already): given-name characters first;
// kText: the dictionary's weights only.
enum class FieldKind { kText, kName, kGivenName };

std::optional<FieldKind> field_kind_from_code(std::string_view code);  // text, name, given_name

// The input lowercased, or nullopt when it holds anything but letters and apostrophes (the
// syllable separator, as in xi'an).
std::optional<std::string> normalize_input(std::string_view raw);

// Splits normalized input into the fewest tokens, whole syllables preferred over partial ones,
// and the longer first syllable on a tie (xian → xian, not xi an). Empty when no split exists
// (a letter that starts no syllable, such as a leading "i").
std::vector<Token> split_syllables(const PinyinDict& dict, std::string_view input);

// Candidates for normalized input, at most `limit`, without repeats: the best conversion of
// the whole input (专利代理 for zhuanlidaili, composed from words when no single word covers
// it), the words of the whole input, then the words and characters of ever shorter leading
// parts (专利 for zhuanlid…, then 专, 转, …).
std::vector<Candidate> candidates(const PinyinDict& dict, std::string_view input, FieldKind kind,
                                  size_t limit);

}  // namespace md::ime
