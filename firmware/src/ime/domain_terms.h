// The association's own words for the pinyin keyboard: what members type into its forms
// (专利代理师, 代理机构, 知识产权代理有限公司, 普通合伙, 会员证 ...). Debian's general dictionary
// lacks some of them and ranks others below everyday words (zl gives 这里 before 专利); these are
// added or lifted to the top of their spelling and abbreviation (PinyinDict::parse).
#pragma once

#include <vector>

#include "ime/pinyin_dict.h"

namespace md::ime {

// The words with their syllables ("zhuan li dai li shi"); weights are set by PinyinDict::parse.
const std::vector<Entry>& domain_terms();

}  // namespace md::ime
