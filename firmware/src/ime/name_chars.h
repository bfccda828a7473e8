// Characters that people's names are commonly made of, for ranking pinyin candidates in name
// fields: the common surnames (百家姓, by how many people bear them) and common given-name
// characters. Public knowledge, kept short; the dictionary still supplies every other character.
#pragma once

#include <string_view>

namespace md::ime {

bool is_common_surname(std::string_view utf8_char);
bool is_common_given_name_char(std::string_view utf8_char);

}  // namespace md::ime
