// Demo data generator. Surname weights are approximate shares per ten thousand people (2020
// census order); the given-name characters are the common ones of both sexes.
#include "demo/chinese_names.h"

#include <array>

#include "domain/identifiers.h"

namespace md::demo {
namespace {

struct Weighted {
  std::string_view text;
  int weight;
};

constexpr Weighted kSurnames[] = {
    {"王", 710}, {"李", 700}, {"张", 670}, {"刘", 540}, {"陈", 450}, {"杨", 310}, {"黄", 220},
    {"赵", 210}, {"吴", 200}, {"周", 190}, {"徐", 170}, {"孙", 150}, {"马", 150}, {"朱", 140},
    {"胡", 130}, {"郭", 120}, {"何", 120}, {"高", 110}, {"林", 110}, {"罗", 100}, {"郑", 100},
    {"梁", 100}, {"谢", 80},  {"宋", 80},  {"唐", 80},  {"许", 70},  {"韩", 70},  {"冯", 70},
    {"邓", 70},  {"曹", 70},  {"彭", 60},  {"曾", 60},  {"肖", 60},  {"田", 60},  {"董", 60},
    {"袁", 50},  {"潘", 50},  {"于", 50},  {"蒋", 50},  {"蔡", 50},  {"余", 50},  {"杜", 50},
    {"叶", 50},  {"程", 50},  {"苏", 40},  {"魏", 40},  {"吕", 40},  {"丁", 40},  {"任", 40},
    {"沈", 40},  {"姚", 40},  {"卢", 40},  {"姜", 40},  {"崔", 30},  {"钟", 30},  {"谭", 30},
    {"陆", 30},  {"汪", 30},  {"范", 30},  {"金", 30},  {"石", 30},  {"廖", 30},  {"贾", 30},
    {"夏", 30},  {"韦", 30},  {"付", 30},  {"方", 30},  {"白", 30},  {"邹", 30},  {"孟", 30},
    {"熊", 30},  {"秦", 30},  {"邱", 30},  {"江", 30},  {"尹", 30},  {"薛", 20},  {"闫", 20},
    {"段", 20},  {"雷", 20},  {"侯", 20},  {"龙", 20},  {"史", 20},  {"陶", 20},  {"黎", 20},
    {"贺", 20},  {"顾", 20},  {"毛", 20},  {"郝", 20},  {"龚", 20},  {"邵", 20},  {"万", 20},
    {"钱", 20},  {"严", 20},  {"覃", 20},  {"武", 20},  {"戴", 20},  {"莫", 20},  {"孔", 20},
    {"向", 20},  {"汤", 20},  {"常", 10},  {"温", 10},  {"康", 10},  {"施", 10},  {"文", 10},
    {"牛", 10},  {"樊", 10},  {"葛", 10},  {"邢", 10},  {"安", 10},  {"齐", 10},  {"易", 10},
    {"乔", 10},  {"伍", 10},  {"庞", 10},  {"颜", 10},  {"倪", 10},  {"庄", 10},  {"聂", 10},
    {"章", 10},  {"鲁", 10},  {"岳", 10},  {"翟", 10},  {"殷", 10},  {"詹", 10},  {"申", 10},
    {"耿", 10},  {"关", 10},  {"兰", 10},  {"焦", 10},  {"俞", 10},  {"左", 10},  {"柳", 10},
    {"甘", 10},  {"祝", 10},  {"包", 10},  {"宁", 10},  {"尚", 10},  {"符", 10},  {"舒", 10},
    {"阮", 10},  {"柯", 10},  {"纪", 10},  {"梅", 10},  {"童", 10},  {"凌", 10},  {"毕", 10},
    {"欧阳", 3}, {"司马", 1}, {"上官", 1}, {"诸葛", 1}, {"东方", 1}, {"皇甫", 1}, {"令狐", 1},
    {"慕容", 1}, {"公孙", 1}, {"司徒", 1},
};

// Common given-name characters; two-character names combine any two of them.
constexpr std::string_view kGivenChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "波", "鹏", "辉",
    "建", "国", "宇", "浩", "俊", "峰", "雪", "琳", "晶", "婷", "欣", "怡", "佳", "子", "涵",
    "梓", "轩", "睿", "博", "文", "思", "雨", "嘉", "晨", "阳", "一", "诗", "琪", "可", "昊",
    "天", "宁", "志", "海", "春", "林", "凯", "斌", "亮", "飞", "云", "龙", "振", "东", "成",
    "德", "荣", "永", "新", "家", "兰", "凤", "慧", "颖", "琴", "丹", "倩", "莉", "燕", "晓",
    "梅", "莹", "雅", "婧", "璐", "瑶", "蕾", "薇", "玲", "妍", "欢", "悦", "彤", "萱", "馨",
    "泽", "鑫", "蓉", "瑞", "哲", "翔", "凡", "健", "毅", "鸿", "旭", "晖", "坤", "铭", "航",
    "宏", "立", "伦", "康", "安", "和", "正", "清", "源", "远", "培", "广", "达", "福", "祥",
    "兴", "光", "辰", "朗", "逸", "然", "煜", "恒", "岩", "松", "柏", "楠", "杨", "帆", "骏",
    "彬", "锋", "勤", "俭", "学", "敬", "诚", "信", "仁", "义", "礼", "智", "慈", "惠", "淑",
    "贤", "娴", "宜", "秋", "冬", "月", "星", "露", "虹", "霖", "沛", "润", "泓", "澜", "琦",
};

constexpr std::string_view kBrands[] = {
    "智诚", "华信", "正和", "恒信", "中和", "天达", "汇智", "博创", "卓信", "鼎成",
    "科联", "启明", "睿智", "永新", "精诚", "合创", "联信", "明德", "瑞邦", "立方",
    "方圆", "知桥", "正理", "易诚", "弘权", "思睿", "同创", "领创", "华东", "致远",
    "慧源", "创新", "长河", "金桥", "海纳", "嘉禾", "东升", "凯达", "信睿", "为民",
};

constexpr std::string_view kAgencySuffixes[] = {
    "专利代理事务所（普通合伙）",     "专利代理有限公司",           "知识产权代理有限公司",
    "知识产权代理事务所（普通合伙）", "专利事务所（特殊普通合伙）", "专利商标代理有限公司",
};

constexpr std::string_view kOrgSuffixes[] = {
    "专利协会",       "知识产权协会",   "知识产权服务业协会",
    "专利代理师协会", "知识产权研究会", "发明协会",
};

struct Province {
  int code;
  std::string_view name;
  std::string_view city;
  int weight;  // share of agencies, roughly
};

constexpr Province kProvinces[] = {
    {11, "北京市", "北京", 250},
    {12, "天津市", "天津", 20},
    {13, "河北省", "石家庄", 10},
    {14, "山西省", "太原", 5},
    {15, "内蒙古自治区", "呼和浩特", 3},
    {21, "辽宁省", "沈阳", 15},
    {22, "吉林省", "长春", 5},
    {23, "黑龙江省", "哈尔滨", 5},
    {31, "上海市", "上海", 100},
    {32, "江苏省", "南京", 100},
    {33, "浙江省", "杭州", 80},
    {34, "安徽省", "合肥", 15},
    {35, "福建省", "福州", 15},
    {36, "江西省", "南昌", 5},
    {37, "山东省", "济南", 30},
    {41, "河南省", "郑州", 15},
    {42, "湖北省", "武汉", 20},
    {43, "湖南省", "长沙", 15},
    {44, "广东省", "广州", 150},
    {45, "广西壮族自治区", "南宁", 5},
    {46, "海南省", "海口", 3},
    {50, "重庆市", "重庆", 15},
    {51, "四川省", "成都", 25},
    {52, "贵州省", "贵阳", 3},
    {53, "云南省", "昆明", 5},
    {54, "西藏自治区", "拉萨", 1},
    {61, "陕西省", "西安", 20},
    {62, "甘肃省", "兰州", 3},
    {63, "青海省", "西宁", 1},
    {64, "宁夏回族自治区", "银川", 1},
    {65, "新疆维吾尔自治区", "乌鲁木齐", 3},
    {71, "台湾省", "台北", 0},
    {81, "香港特别行政区", "香港", 0},
    {82, "澳门特别行政区", "澳门", 0},
};

const Province* find_province(int code) {
  for (const Province& p : kProvinces) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

// Mobile prefixes in use by the three carriers.
constexpr std::string_view kMobilePrefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "166", "176", "177", "178",
    "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "198", "199",
};

// The organisation code (GB 11714) inside a USCC: 8 characters and its own check character.
char organisation_code_check_char(std::string_view first8) {
  static constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < first8.size(); ++i) sum += (first8[i] - '0') * kWeights[i];
  const int check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

template <typename T, size_t N>
const T& pick(NameGenerator& gen, const T (&items)[N]) {
  return items[gen.below(N)];
}

// `value` (>= 0) in decimal, zero-padded to `width` digits.
std::string padded(uint64_t value, size_t width) {
  std::string text = std::to_string(value);
  if (text.size() < width) text.insert(0, width - text.size(), '0');
  return text;
}

bool ends_with_division(std::string_view place) {
  return place.ends_with("市") || place.ends_with("省") || place.ends_with("区");
}

}  // namespace

NameGenerator::NameGenerator(uint64_t seed) : rng_(seed) {}

uint64_t NameGenerator::below(uint64_t n) {
  // Rejection sampling: unbiased, and the same on every standard library.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t x;
  do {
    x = rng_();
  } while (x >= limit);
  return x % n;
}

std::string NameGenerator::person_name() {
  int total = 0;
  for (const Weighted& s : kSurnames) total += s.weight;
  int roll = static_cast<int>(below(static_cast<uint64_t>(total)));
  std::string name;
  for (const Weighted& s : kSurnames) {
    if (roll < s.weight) {
      name = s.text;
      break;
    }
    roll -= s.weight;
  }
  name += pick(*this, kGivenChars);
  if (below(10) < 7) name += pick(*this, kGivenChars);
  return name;
}

std::string NameGenerator::agency_name(std::string_view city) {
  std::string name(city);
  name += pick(*this, kBrands);
  name += pick(*this, kAgencySuffixes);
  return name;
}

std::string NameGenerator::org_name(std::string_view place) {
  std::string name(place);
  if (!ends_with_division(place)) name += "市";
  name += pick(*this, kOrgSuffixes);
  return name;
}

int NameGenerator::random_province() {
  int total = 0;
  for (const Province& p : kProvinces) total += p.weight;
  int roll = static_cast<int>(below(static_cast<uint64_t>(total)));
  for (const Province& p : kProvinces) {
    if (roll < p.weight) return p.code;
    roll -= p.weight;
  }
  return 11;  // unreachable: the weights sum to total
}

std::string NameGenerator::division_code(int province) {
  // Municipalities have only 01 (市辖区) below them; elsewhere the capital is 01 and a few
  // prefecture cities follow. Districts 01–12 exist almost everywhere.
  const bool municipality = province == 11 || province == 12 || province == 31 || province == 50;
  const uint64_t city = municipality ? 1 : 1 + below(5);
  const uint64_t district = 1 + below(12);
  return padded(static_cast<uint64_t>(province), 2) + padded(city, 2) + padded(district, 2);
}

std::string NameGenerator::uscc(UsccKind kind) {
  std::string code = kind == UsccKind::kEnterprise ? "91" : "51";
  code += division_code(random_province());
  std::string organisation;
  for (int i = 0; i < 8; ++i) organisation += static_cast<char>('0' + below(10));
  code += organisation;
  code += organisation_code_check_char(organisation);
  code += domain::uscc_check_char(code);
  return code;
}

std::string NameGenerator::resident_id() {
  static constexpr std::array<uint64_t, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30,
                                                            31, 31, 30, 31, 30, 31};
  const uint64_t year = 1960 + below(41);
  const uint64_t month = 1 + below(12);
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const uint64_t days = kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
  const uint64_t day = 1 + below(days);
  const uint64_t sequence = 1 + below(999);  // odd: male, even: female
  std::string id = division_code(random_province()) + padded(year, 4) + padded(month, 2) +
                   padded(day, 2) + padded(sequence, 3);
  id += domain::resident_id_check_char(id);
  return id;
}

std::string NameGenerator::mobile() {
  std::string number(pick(*this, kMobilePrefixes));
  while (number.size() < 11) number += static_cast<char>('0' + below(10));
  return number;
}

std::string_view city_for_province(int province_code) {
  const Province* p = find_province(province_code);
  return p ? p->city : std::string_view();
}

std::string_view province_name(int province_code) {
  const Province* p = find_province(province_code);
  return p ? p->name : std::string_view();
}

}  // namespace md::demo
