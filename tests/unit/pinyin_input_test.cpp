// Pinyin input: dictionary parsing, syllable splitting and candidate ranking, first on small
// dictionaries whose weights the test chooses, then on Debian's rime-data-pinyin-simp (the
// dictionary the appliance ships with; README's test command installs it).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ime/domain_terms.h"
#include "ime/pinyin_dict.h"
#include "ime/pinyin_input.h"

using md::ime::candidates;
using md::ime::FieldKind;
using md::ime::normalize_input;
using md::ime::PinyinDict;
using md::ime::split_syllables;

namespace {

const char* kSmall =
    "# Rime dictionary\n---\nname: test\nsort: by_weight\n...\n\n"
    "专\tzhuan\t900\n转\tzhuan\t1200\n装\tzhuang\t800\n利\tli\t700\n里\tli\t1500\n"
    "代\tdai\t600\n理\tli\t650\n西\txi\t500\n安\tan\t400\n先\txian\t300\n"
    "专利\tzhuan li\t2476\n代理\tdai li\t3000\n西安\txi an\t100\n"
    "张\tzhang\t27300\n章\tzhang\t5608\n长\tzhang\t40000\n伟\twei\t2561\n为\twei\t90000\n"
    "broken line without tabs\n坏\tba1d\t3\n";

PinyinDict small() {
  auto d = PinyinDict::parse(kSmall);
  REQUIRE(d.ok());
  return std::move(d).value();
}

std::vector<std::string> syllables(const PinyinDict& d, const std::string& in) {
  std::vector<std::string> out;
  for (const auto& t : split_syllables(d, in)) out.push_back(t.full ? t.text : t.text + "*");
  return out;
}

std::vector<std::string> texts(const PinyinDict& d, const std::string& in,
                               FieldKind kind = FieldKind::kText, size_t limit = 20) {
  std::vector<std::string> out;
  for (const auto& c : candidates(d, in, kind, limit)) out.push_back(c.text);
  return out;
}

const std::string kDebianDict = "/usr/share/rime-data/pinyin_simp.dict.yaml";

}  // namespace

TEST_CASE("the dictionary keeps well-formed lines and skips the header and broken ones") {
  auto d = small();
  CHECK(d.entries().size() == 18);
  CHECK(d.is_syllable("zhuan"));
  CHECK_FALSE(d.is_syllable("zhua"));
  CHECK(d.is_syllable_prefix("zhua"));
  CHECK_FALSE(d.is_syllable_prefix("q"));
  CHECK(d.longest_syllable() == 6);
  CHECK(PinyinDict::parse("---\n...\nnothing here\n").error().code == "ime_dictionary_empty");
  CHECK(PinyinDict::load_file("/nonexistent/dict.yaml").error().code == "ime_dictionary_missing");
}

TEST_CASE("input is lowercased and only letters and the apostrophe pass") {
  CHECK(normalize_input("ZhuanLi") == std::string("zhuanli"));
  CHECK(normalize_input("xi'an") == std::string("xi'an"));
  CHECK_FALSE(normalize_input("zhuan li").has_value());
  CHECK_FALSE(normalize_input("zhuan1").has_value());
  CHECK_FALSE(normalize_input("专利").has_value());
}

TEST_CASE("splitting prefers whole syllables and the fewest of them") {
  auto d = small();
  CHECK(syllables(d, "zhuanlidaili") == std::vector<std::string>{"zhuan", "li", "dai", "li"});
  CHECK(syllables(d, "xian") == std::vector<std::string>{"xian"});
  CHECK(syllables(d, "xi'an") == std::vector<std::string>{"xi", "an"});
  // Still typing, or abbreviating: the last or every piece is the start of a syllable.
  CHECK(syllables(d, "zhuanl") == std::vector<std::string>{"zhuan", "l*"});
  CHECK(syllables(d, "zl") == std::vector<std::string>{"z*", "l*"});
  // A letter that starts no syllable: no split, no candidates.
  CHECK(syllables(d, "q").empty());
  CHECK(texts(d, "q").empty());
  // The apostrophe is consumed with the syllable before it.
  auto t = split_syllables(d, "xi'an");
  CHECK(t[0].end == 3);
  CHECK(t[1].end == 5);
}

TEST_CASE("a word of the whole input comes first then shorter leading parts") {
  auto d = small();
  auto z = texts(d, "zhuanli");
  REQUIRE(z.size() >= 3);
  CHECK(z[0] == "专利");
  // Then the characters of zhuan: heavier first; picking one leaves "li" to convert.
  CHECK(z[1] == "转");
  CHECK(z[2] == "专");
  auto c = candidates(d, "zhuanli", FieldKind::kText, 10);
  CHECK(c[0].consumed == 7);
  CHECK(c[1].consumed == 5);
}

TEST_CASE("a phrase no single word covers is put together from words") {
  auto d = small();
  auto z = texts(d, "zhuanlidaili");
  REQUIRE_FALSE(z.empty());
  CHECK(z[0] == "专利代理");
  CHECK(z[1] == "专利");  // the longest leading word next
  CHECK(texts(d, "zhuanlid")[0] == "专利代");
}

TEST_CASE("abbreviations and a syllable still being typed find words") {
  auto d = small();
  CHECK(texts(d, "zl")[0] == "专利");
  CHECK(texts(d, "dl")[0] == "代理");
  auto partial = texts(d, "zhua");
  // zhua* is zhuan or zhuang: 转 (1200), 专 (900), 装 (800).
  CHECK(partial == std::vector<std::string>{"转", "专", "装"});
}

TEST_CASE("name fields rank common surnames and given-name characters first") {
  auto d = small();
  // By weight alone 长 comes before 张 and 为 before 伟.
  CHECK(texts(d, "zhang")[0] == "长");
  CHECK(texts(d, "zhangwei")[0] == "长为");
  auto name = texts(d, "zhang", FieldKind::kName);
  REQUIRE(name.size() == 3);
  CHECK(name[0] == "张");
  CHECK(name[1] == "章");
  CHECK(texts(d, "zhangwei", FieldKind::kName)[0] == "张伟");
  // After the surname is in the field, the given name is looked up on its own.
  CHECK(texts(d, "wei", FieldKind::kGivenName)[0] == "伟");
  CHECK(texts(d, "wei", FieldKind::kText)[0] == "为");
}

TEST_CASE("the limit bounds the candidates and none repeats") {
  auto d = small();
  CHECK(texts(d, "li", FieldKind::kText, 2).size() == 2);
  auto all = texts(d, "zhuanli", FieldKind::kText, 100);
  auto sorted = all;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("Debian's pinyin dictionary converts the association's words and names") {
  REQUIRE_MESSAGE(std::filesystem::exists(kDebianDict),
                  "install rime-data-pinyin-simp (packaging/install-deps.sh does)");
  auto loaded = PinyinDict::load_file(kDebianDict);
  REQUIRE(loaded.ok());
  const auto& d = *loaded;
  CHECK(d.entries().size() > 60000);
  CHECK(texts(d, "zhuanli")[0] == "专利");
  CHECK(texts(d, "zhuanlidaili")[0] == "专利代理");
  CHECK(syllables(d, "zhuanlidailishi") ==
        std::vector<std::string>{"zhuan", "li", "dai", "li", "shi"});
  CHECK(texts(d, "zhonghuaquanguo")[0] == "中华全国");
  // Abbreviated, or still typing: without the association's words, 这里 and 质量 are commoner
  // than 专利 as zl; zhuanl is 专利.
  auto zl = texts(d, "zl", FieldKind::kText, 40);
  CHECK(zl[0] != "专利");
  CHECK(std::find(zl.begin(), zl.end(), "专利") != zl.end());
  CHECK(texts(d, "zhuanl")[0] == "专利");
  auto zhang = texts(d, "zhang", FieldKind::kName, 8);
  CHECK(zhang[0] == "张");
  CHECK(std::find(zhang.begin(), zhang.end(), "章") != zhang.end());
  CHECK(texts(d, "zhangwei", FieldKind::kName)[0] == "张伟");
  CHECK(texts(d, "wangfang", FieldKind::kName)[0] == "王芳");
  CHECK(texts(d, "lina", FieldKind::kName)[0] == "李娜");
  auto given = texts(d, "wei", FieldKind::kGivenName, 8);
  CHECK(given[0] == "伟");
  CHECK(texts(d, "beijing")[0] == "北京");
}

TEST_CASE("Preferred words are added or lifted above the heaviest word of their initials") {
  std::vector<md::ime::Entry> preferred = {
      {"专利", {"zhuan", "li"}, 0},                          // in the dictionary: lifted
      {"专利代理师", {"zhuan", "li", "dai", "li", "shi"}, 0},  // not in it: added
      {"坏", {"huai"}, 0},                                   // one syllable: ignored
      {"错", {"Cuo", "wu"}, 0},                              // not a-z: ignored
  };
  auto base = PinyinDict::parse(kSmall);
  REQUIRE(base.ok());
  auto d = PinyinDict::parse(kSmall, preferred);
  REQUIRE(d.ok());
  CHECK(d->entries().size() == base->entries().size() + 1);
  // zl: 专利 comes first, and zldls gives the added word.
  CHECK(texts(*d, "zl")[0] == "专利");
  CHECK(texts(*d, "zhuanlidailishi")[0] == "专利代理师");
  CHECK(texts(*base, "zhuanlidailishi").empty());  // the small dictionary has no shi
  CHECK(texts(*d, "zldls")[0] == "专利代理师");
  CHECK(texts(*d, "huai").empty());
}

TEST_CASE("The association's words come first on Debian's dictionary") {
  REQUIRE(std::filesystem::exists(kDebianDict));
  auto loaded = PinyinDict::load_file(kDebianDict, md::ime::domain_terms());
  REQUIRE(loaded.ok());
  const auto& d = *loaded;
  CHECK(texts(d, "zl")[0] == "专利");
  CHECK(texts(d, "zhuanlidailishi")[0] == "专利代理师");
  CHECK(texts(d, "zldls")[0] == "专利代理师");
  CHECK(texts(d, "dljg")[0] == "代理机构");
  CHECK(texts(d, "zscq")[0] == "知识产权");
  CHECK(texts(d, "yxgs")[0] == "有限公司");
  CHECK(texts(d, "putonghehuo")[0] == "普通合伙");
  CHECK(texts(d, "huiyuanzheng")[0] == "会员证");
  CHECK(texts(d, "lvshishiwusuo")[0] == "律师事务所");
  // Every term converts from its full pinyin to itself first.
  for (const auto& e : md::ime::domain_terms()) {
    std::string in;
    for (const auto& s : e.syllables) in += s;
    CAPTURE(in);
    CHECK(texts(d, in)[0] == e.text);
  }
  // Names are unaffected: single characters are never lifted.
  CHECK(texts(d, "zhang", FieldKind::kName, 8)[0] == "张");
  CHECK(texts(d, "zhangwei", FieldKind::kName)[0] == "张伟");
}
