#include "ime/name_chars.h"

#include <string>
#include <unordered_set>

namespace md::ime {
namespace {

// The most common surnames of the mainland (about 100, most common first).
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤章";

// Common given-name characters.
constexpr std::string_view kGivenNames =
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲芬燕文辉建国新春梅鹏飞宇浩然俊峰"
    "婷雪琳晶欣怡佳丹颖慧瑞琪璐蕾薇倩莉婧晨阳鑫博凯昊轩睿哲思远志宏斌彬晓旭东海波健毅鸿翔林森"
    "宁安荣兰凤琴云莲真雅惠珠翠珍爱妍茜秋珊莎锦青娇娴瑾露瑶蓓仪荷蓉君蕊菁梦岚馨韵卿聪澜悦昭冰"
    "爽茗羽希滢筠柔凝欢霄枫芸菲寒伊亚宜可舒影妮宝初程恒桦剑纪灵晴容烁唯威雯萱彦雨忠宗曼紫逸贤"
    "立力永利成庆光天德福生祥富贵发荣忠良礼义信孝仁智勤俭朝泽涵诚嘉懿铭楠";

// Splits UTF-8 text into its characters.
std::unordered_set<std::string> char_set(std::string_view text) {
  std::unordered_set<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out.emplace(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

bool is_common_surname(std::string_view utf8_char) {
  static const auto set = char_set(kSurnames);
  return set.count(std::string(utf8_char)) > 0;
}

bool is_common_given_name_char(std::string_view utf8_char) {
  static const auto set = char_set(kGivenNames);
  return set.count(std::string(utf8_char)) > 0;
}

}  // namespace md::ime
