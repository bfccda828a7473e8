#include "domain/job_posting.h"

#include <chrono>
#include <optional>

#include "core/utf8.h"
#include "domain/application_forms.h"
#include "domain/identifiers.h"
#include "domain/money.h"
#include "domain/working_days.h"

namespace md::domain {
namespace {

// A required (or optional) text of at most `max` characters; trims *value in place.
void text(std::map<std::string, std::string>* errors, const char* key, const char* label,
          std::string* value, size_t max, bool required) {
  *value = core::trim(*value);
  if (value->empty()) {
    if (required) (*errors)[key] = std::string("请填写") + label;
  } else if (core::utf8_length(*value) > max) {
    (*errors)[key] = std::string(label) + "不能超过" + std::to_string(max) + "个字";
  }
}

// Whole digits in [lo, hi], or nullopt.
std::optional<int64_t> whole_number(const std::string& s, int64_t lo, int64_t hi) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

}  // namespace

std::map<std::string, std::string> check_job(const JobForm& in, const std::string& today_iso,
                                             JobFields* out) {
  std::map<std::string, std::string> errors;
  JobFields f;
  f.title = in.title;
  f.positions = in.positions;
  f.requirements = in.requirements;
  f.place = in.place;
  f.contact_name = in.contact_name;
  text(&errors, "title", "招聘标题", &f.title, kMaxJobTitleChars, true);
  text(&errors, "positions", "招聘岗位", &f.positions, kMaxJobPositionsChars, true);
  text(&errors, "requirements", "岗位要求", &f.requirements, kMaxJobRequirementsChars, false);
  text(&errors, "place", "工作地点", &f.place, kMaxJobPlaceChars, true);
  text(&errors, "contact_name", "联系人", &f.contact_name, kMaxJobContactChars, true);

  const std::string headcount = core::trim(in.headcount);
  if (headcount.empty())
    errors["headcount"] = "请填写招聘人数";
  else if (auto n = whole_number(headcount, 1, kMaxHeadcount))
    f.headcount = static_cast<int>(*n);
  else
    errors["headcount"] = "招聘人数应为1至" + std::to_string(kMaxHeadcount) + "的整数";

  f.pay_negotiable = in.pay_negotiable;
  if (!f.pay_negotiable) {
    const std::string range = "应为1至" + std::to_string(kMaxPayYuan) + "的整数（元）";
    auto one = [&](const char* key, const char* label, const std::string& raw, int64_t* v) {
      const std::string s = core::trim(raw);
      if (s.empty()) {
        errors[key] = std::string("请填写") + label + "，或选择面议";
      } else if (auto n = whole_number(s, 1, kMaxPayYuan)) {
        *v = *n;
      } else {
        errors[key] = std::string(label) + range;
      }
    };
    one("pay_min", "最低月薪", in.pay_min, &f.pay_min_yuan);
    one("pay_max", "最高月薪", in.pay_max, &f.pay_max_yuan);
    if (!errors.count("pay_min") && !errors.count("pay_max") && f.pay_min_yuan > f.pay_max_yuan)
      errors["pay_max"] = "最高月薪不能低于最低月薪";
  }

  f.contact_phone = core::trim(in.contact_phone);
  if (f.contact_phone.empty()) {
    errors["contact_phone"] = "请填写联系电话";
  } else if (auto m = check_mobile(f.contact_phone); m.ok) {
    f.contact_phone = m.normalized;
  } else if (!landline_ok(f.contact_phone)) {
    errors["contact_phone"] = "请填写正确的手机号或固定电话，如 13912345678 或 010-12345678";
  }

  f.valid_until = core::trim(in.valid_until);
  auto today = parse_iso_date(today_iso);
  auto until = parse_iso_date(f.valid_until);
  if (f.valid_until.empty()) {
    errors["valid_until"] = "请填写有效期至";
  } else if (!until) {
    errors["valid_until"] = "请填写正确的日期，如 2027-01-31";
  } else if (today) {
    using namespace std::chrono;
    const sys_days last = sys_days(*today) + days(365);
    if (sys_days(*until) <= sys_days(*today))
      errors["valid_until"] = "有效期应晚于今天";
    else if (sys_days(*until) > last)
      errors["valid_until"] = "有效期最长一年，最晚为" + format_iso_date(year_month_day(last));
  }
  if (errors.empty() && out) *out = f;
  return errors;
}

std::string pay_text(const JobFields& f) {
  if (f.pay_negotiable) return "面议";
  auto yuan = [](int64_t v) {
    std::string s = format_yuan_grouped(v * 100);
    return s.substr(0, s.size() - 3);  // whole 元: drop ".00"
  };
  if (f.pay_min_yuan == f.pay_max_yuan) return yuan(f.pay_min_yuan) + "元/月";
  return yuan(f.pay_min_yuan) + "–" + yuan(f.pay_max_yuan) + "元/月";
}

bool may_post_jobs(MemberStatus s) {
  return s == MemberStatus::kApprovedUnpaid || s == MemberStatus::kActive;
}

std::string_view job_status_label(std::string_view s) {
  if (s == "pending") return "待审核";
  if (s == "approved") return "已发布";
  if (s == "rejected") return "未通过";
  if (s == "closed") return "已关闭";
  return s;
}

bool job_editable(std::string_view s) { return s == "pending" || s == "approved" || s == "rejected"; }
bool job_closable(std::string_view s) { return job_editable(s); }

bool job_public(std::string_view status, std::string_view valid_until, std::string_view today_iso) {
  // ISO dates compare as text.
  return status == "approved" && valid_until >= today_iso;
}

std::string_view job_display_label(std::string_view status, std::string_view valid_until,
                                   std::string_view today_iso) {
  if (status == "approved" && valid_until < today_iso) return "已过期";
  return job_status_label(status);
}

}  // namespace md::domain
