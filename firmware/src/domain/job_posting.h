// 招聘信息 (issue 8): 代理机构可以发布招聘信息，信息需系统管理员审批通过，方可在前台展示。
// A posting's fields and their checks, its states, and when the public sees it. No I/O: "today"
// (Asia/Shanghai, "YYYY-MM-DD") is the caller's.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "domain/member.h"

namespace md::domain {

// As typed (numbers as text, so a wrong one gets its own message).
struct JobForm {
  std::string title;         // 招聘标题, 1–50 characters
  std::string positions;     // 招聘岗位, 1–100 characters
  std::string headcount;     // 招聘人数, 1–999
  std::string requirements;  // 岗位要求, optional, at most 2000 characters
  std::string place;         // 工作地点, 1–50 characters
  bool pay_negotiable = false;  // 薪资面议: then no range
  std::string pay_min, pay_max;  // 月薪 in whole 元, 1–9,999,999, min ≤ max
  std::string contact_name;   // 联系人, 1–50 characters
  std::string contact_phone;  // 联系电话: a mobile (+86 dropped) or a landline, as on the forms
  std::string valid_until;    // 有效期至 "YYYY-MM-DD": after today, at most a year ahead
};

// Checked and normalised.
struct JobFields {
  std::string title, positions, requirements, place, contact_name, contact_phone, valid_until;
  int headcount = 0;
  bool pay_negotiable = false;
  int64_t pay_min_yuan = 0, pay_max_yuan = 0;  // both 0 when negotiable
};

constexpr size_t kMaxJobTitleChars = 50;
constexpr size_t kMaxJobPositionsChars = 100;
constexpr size_t kMaxJobRequirementsChars = 2000;
constexpr size_t kMaxJobPlaceChars = 50;
constexpr size_t kMaxJobContactChars = 50;
constexpr int kMaxHeadcount = 999;
constexpr int64_t kMaxPayYuan = 9'999'999;

// One zh-CN message per bad field (keys as the JobForm members; pay problems on pay_min /
// pay_max). *out is filled when there is none.
std::map<std::string, std::string> check_job(const JobForm& form, const std::string& today_iso,
                                             JobFields* out);

// "8,000–12,000元/月", "10,000元/月" (min = max) or "面议".
std::string pay_text(const JobFields& f);

// Who may post: an agency whose application was approved (paid or not); not one still on the
// roster or under review, nor one that withdrew.
bool may_post_jobs(MemberStatus s);

// States: pending (待审核) → approved (已发布) | rejected (未通过, with a reason); an edit of any
// of them goes back to pending; the agency may close (已关闭) any that is not closed.
std::string_view job_status_label(std::string_view status);
bool job_editable(std::string_view status);  // every state but closed
bool job_closable(std::string_view status);  // every state but closed
// Shown on the public 招聘信息 page: approved, and valid through today.
bool job_public(std::string_view status, std::string_view valid_until, std::string_view today_iso);
// An approved posting past its 有效期 reads 已过期 to its agency and staff.
std::string_view job_display_label(std::string_view status, std::string_view valid_until,
                                   std::string_view today_iso);

}  // namespace md::domain
