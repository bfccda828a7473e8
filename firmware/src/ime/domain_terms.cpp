#include "ime/domain_terms.h"

#include <string_view>
#include <utility>

namespace md::ime {
namespace {

// Word and pinyin (ü as v, as in the rime dictionary). Multi-syllable words only: a single
// character lifted to the top would push out every other character of its sound.
constexpr std::pair<std::string_view, std::string_view> kTerms[] = {
    {"专利", "zhuan li"},
    {"专利代理", "zhuan li dai li"},
    {"专利代理师", "zhuan li dai li shi"},
    {"专利代理机构", "zhuan li dai li ji gou"},
    {"专利权", "zhuan li quan"},
    {"专利申请", "zhuan li shen qing"},
    {"代理", "dai li"},
    {"代理师", "dai li shi"},
    {"代理机构", "dai li ji gou"},
    {"代理有限公司", "dai li you xian gong si"},
    {"知识产权", "zhi shi chan quan"},
    {"知识产权代理", "zhi shi chan quan dai li"},
    {"商标代理", "shang biao dai li"},
    {"有限公司", "you xian gong si"},
    {"有限责任公司", "you xian ze ren gong si"},
    {"事务所", "shi wu suo"},
    {"律师事务所", "lv shi shi wu suo"},
    {"合伙", "he huo"},
    {"普通合伙", "pu tong he huo"},
    {"特殊普通合伙", "te shu pu tong he huo"},
    {"协会", "xie hui"},
    {"会员", "hui yuan"},
    {"会员证", "hui yuan zheng"},
    {"会费", "hui fei"},
    {"入会", "ru hui"},
    {"执业证", "zhi ye zheng"},
    {"资格证", "zi ge zheng"},
    {"实用新型", "shi yong xin xing"},
    {"外观设计", "wai guan she ji"},
    {"发明人", "fa ming ren"},
    {"申请人", "shen qing ren"},
    {"集成电路", "ji cheng dian lu"},
    {"布图设计", "bu tu she ji"},
    {"继续教育", "ji xu jiao yu"},
    {"统一社会信用代码", "tong yi she hui xin yong dai ma"},
};

}  // namespace

const std::vector<Entry>& domain_terms() {
  static const std::vector<Entry> terms = [] {
    std::vector<Entry> out;
    for (const auto& [text, pinyin] : kTerms) {
      Entry e;
      e.text = std::string(text);
      size_t i = 0;
      while (i < pinyin.size()) {
        size_t j = pinyin.find(' ', i);
        if (j == std::string_view::npos) j = pinyin.size();
        e.syllables.emplace_back(pinyin.substr(i, j - i));
        i = j + 1;
      }
      out.push_back(std::move(e));
    }
    return out;
  }();
  return terms;
}

}  // namespace md::ime
