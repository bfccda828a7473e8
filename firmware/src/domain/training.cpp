#include "domain/training.h"

#include "core/csv.h"
#include "core/utf8.h"
#include "domain/identifiers.h"
#include "domain/working_days.h"

namespace md::domain {
namespace {

constexpr const char* kDateHint = "日期格式应为 年-月-日（如 2026-03-05）";

bool is_date(const std::string& s) {
  return parse_iso_date(s).has_value();
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

std::map<std::string, std::string> validate_class(TrainingClassFields& f) {
  std::map<std::string, std::string> errors;
  f.name = core::trim(f.name);
  f.place = core::trim(f.place);
  auto text = [&](const char* key, const std::string& v, const char* what, size_t max) {
    if (v.empty())
      errors[key] = std::string("请填写") + what;
    else if (!core::utf8_valid(v))
      errors[key] = std::string(what) + "不是有效的文字";
    else if (core::utf8_length(v) > max)
      errors[key] = std::string(what) + "不能超过" + std::to_string(max) + "个字";
  };
  text("name", f.name, "培训班名称", kMaxClassNameChars);
  text("place", f.place, "培训地点", kMaxClassPlaceChars);
  if (!is_date(f.start_date)) errors["start_date"] = kDateHint;
  if (!is_date(f.end_date)) errors["end_date"] = kDateHint;
  if (!errors.count("start_date") && !errors.count("end_date") && f.end_date < f.start_date)
    errors["end_date"] = "结束日期不能早于开始日期";
  if (f.hours < 1 || f.hours > kMaxClassHours) errors["hours"] = "学时应为1至1000之间的整数";
  return errors;
}

std::optional<RegistrationStatus> registration_status_from_label(std::string_view zh) {
  if (zh == "已报名") return RegistrationStatus::kRegistered;
  if (zh == "已确认") return RegistrationStatus::kConfirmed;
  if (zh == "已取消") return RegistrationStatus::kCancelled;
  return std::nullopt;
}

std::optional<RegistrationStatus> registration_status_from_code(std::string_view code) {
  for (auto s : {RegistrationStatus::kRegistered, RegistrationStatus::kConfirmed,
                 RegistrationStatus::kCancelled})
    if (code == to_code(s)) return s;
  return std::nullopt;
}

const char* to_code(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::kRegistered:
      return "registered";
    case RegistrationStatus::kConfirmed:
      return "confirmed";
    case RegistrationStatus::kCancelled:
      return "cancelled";
  }
  return "registered";
}

const char* label(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::kRegistered:
      return "已报名";
    case RegistrationStatus::kConfirmed:
      return "已确认";
    case RegistrationStatus::kCancelled:
      return "已取消";
  }
  return "已报名";
}

std::optional<int> parse_score_tenths(std::string_view t) {
  size_t i = 0;
  int whole = 0, digits = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9' && digits < 4) {
    whole = whole * 10 + (t[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  int tenth = 0;
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (i + 1 != t.size() || t[i] < '0' || t[i] > '9') return std::nullopt;
    tenth = t[i] - '0';
    ++i;
  }
  if (i != t.size()) return std::nullopt;
  const int v = whole * 10 + tenth;
  if (v > 1000) return std::nullopt;
  return v;
}

std::string format_score(int tenths) {
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10) s += "." + std::to_string(tenths % 10);
  return s;
}

const std::vector<std::string>& training_columns(TrainingFile kind) {
  static const std::vector<std::string> reg = {"资格证号", "姓名", "报名日期", "报名状态"};
  static const std::vector<std::string> score = {"资格证号", "姓名", "成绩", "考试结果",
                                                 "考试日期"};
  return kind == TrainingFile::kRegistrations ? reg : score;
}

TrainingCheck check_training_csv(TrainingFile kind, std::string_view csv,
                                 const MemberLookup& lookup) {
  TrainingCheck out;
  auto add = [&](int line, std::string msg) { out.problems.push_back({line, std::move(msg)}); };
  if (csv.size() > kMaxTrainingCsvBytes) {
    add(0, "文件超过1 MiB，请分成几个文件导入");
    return out;
  }
  if (!core::utf8_valid(csv)) {
    add(0, "文件不是 UTF-8 编码，请在表格软件中另存为“CSV UTF-8”");
    return out;
  }
  auto rows = core::parse_csv(csv);
  if (!rows.ok()) {
    add(0, "CSV 格式错误：" + rows.error().message);
    return out;
  }
  const auto& expected = training_columns(kind);
  const std::string header_hint = "表头应为：" + joined(expected);
  if (rows->empty()) {
    add(1, "文件为空，" + header_hint);
    return out;
  }
  // Column positions by header name: every expected column once, nothing else.
  std::map<std::string, size_t> col;
  const auto& header = rows->front();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = core::trim(header.fields[i]);
    bool known = false;
    for (const auto& e : expected) known = known || e == name;
    if (!known || col.count(name)) {
      add(header.line,
          "表头第" + std::to_string(i + 1) + "列“" + name + "”无法识别，" + header_hint);
      return out;
    }
    col[name] = i;
  }
  for (const auto& e : expected)
    if (!col.count(e)) {
      add(header.line, "表头缺少“" + e + "”列，" + header_hint);
      return out;
    }

  std::map<std::string, int> seen;  // 资格证号 → first line
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    auto cell = [&](const char* name) {
      const size_t i = col.at(name);
      return i < row.fields.size() ? core::trim(row.fields[i]) : std::string();
    };
    bool blank = true;
    for (const auto& f : row.fields) blank = blank && core::trim(f).empty();
    if (blank) continue;
    const size_t before = out.problems.size();
    TrainingRow t;
    t.line = row.line;

    auto id = check_qualification_no(cell("资格证号"));
    t.login_id = id.normalized;
    t.name = cell("姓名");
    if (!id.ok) {
      add(row.line, "资格证号：" + id.message);
    } else if (auto dup = seen.find(t.login_id); dup != seen.end()) {
      add(row.line,
          "资格证号 " + t.login_id + " 重复（第" + std::to_string(dup->second) + "行已有）");
    } else {
      seen[t.login_id] = row.line;
      auto known = lookup(t.login_id);
      if (!known || known->type != "attorney") {
        add(row.line, "资格证号 " + t.login_id + " 不是已登记的专利代理师");
      } else if (t.name.empty()) {
        add(row.line, "姓名：不能为空");
      } else if (known->name != t.name) {
        add(row.line, "姓名“" + t.name + "”与资格证号 " + t.login_id + " 登记的姓名不一致");
      } else {
        t.member_id = known->id;
      }
    }

    if (kind == TrainingFile::kRegistrations) {
      t.registered_on = cell("报名日期");
      if (!is_date(t.registered_on))
        add(row.line, "报名日期“" + t.registered_on + "”有误，" + kDateHint);
      const std::string st = cell("报名状态");
      auto status = registration_status_from_label(st);
      if (!status)
        add(row.line, "报名状态“" + st + "”有误，应为 已报名、已确认 或 已取消");
      else
        t.status = *status;
    } else {
      const std::string score = cell("成绩");
      auto tenths = parse_score_tenths(score);
      if (!tenths)
        add(row.line, "成绩“" + score + "”有误，应为0至100之间的数，最多一位小数");
      else
        t.score_tenths = *tenths;
      const std::string result = cell("考试结果");
      if (result == "合格")
        t.passed = true;
      else if (result == "不合格")
        t.passed = false;
      else
        add(row.line, "考试结果“" + result + "”有误，应为 合格 或 不合格");
      t.exam_date = cell("考试日期");
      if (!is_date(t.exam_date)) add(row.line, "考试日期“" + t.exam_date + "”有误，" + kDateHint);
    }
    if (out.problems.size() == before) out.rows.push_back(std::move(t));
  }
  if (out.rows.empty() && out.problems.empty()) add(0, "文件中没有数据行");
  return out;
}

}  // namespace md::domain
