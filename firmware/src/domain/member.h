// Member types, member statuses and staff roles, with their zh-CN labels.
//
// Glossary (English ↔ 中文):
//   agency 专利代理机构 · attorney 专利代理师 · industry_org 行业组织 · non_practicing 非执业会员
//   login id 账号 · default password 默认密码 · member number 会员编号 · validity 有效期
//   roster 名录 (the official list staff import) · 机构代码 agency code · 资格证号 qualification
//   certificate no. · 执业证号 practice certificate no. · 统一社会信用代码 USCC · 身份证号 resident id
//   good standing 会籍有效 (status active and validity not past)
//   dues 会费 · dues order 会费缴纳申报 / 订单 · declaration number 申报系统单号 · item 缴费项目
//   (one member's dues of one year) · payable list 待缴费清单 · confirmation form 申报确认单 ·
//   reduction 减免 · full waiver 全额减免 · fee schedule 会费标准 · tier 会员单位级别 · payment
//   window 缴费时间 · bank transfer 转账汇款 · bank statement 银行流水 · receipt 收据
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace md::domain {

enum class MemberType { kAgency, kAttorney, kIndustryOrg, kNonPracticing };

enum class MemberStatus {
  kRoster,          // pre-provisioned from the roster, has not applied (未入会)
  kApplied,         // application under review (审核中)
  kApprovedUnpaid,  // approved, dues unpaid (已批准，待缴费)
  kActive,          // dues paid; in good standing while valid_until has not passed (正常)
  kWithdrawn,       // left the association (已退会)
};

enum class StaffRole { kAdmin, kReviewer, kFinance, kDesk };

std::string_view to_code(MemberType t);
std::optional<MemberType> member_type_from_code(std::string_view code);
std::string_view label(MemberType t);  // 专利代理机构 …

std::string_view to_code(MemberStatus s);
std::optional<MemberStatus> member_status_from_code(std::string_view code);
std::string_view label(MemberStatus s);

std::string_view to_code(StaffRole r);
std::optional<StaffRole> staff_role_from_code(std::string_view code);
std::string_view label(StaffRole r);  // 系统管理员 …

// Good standing: active, and the validity (an ISO date) is today or later (today in ISO too).
bool in_good_standing(MemberStatus s, std::string_view valid_until, std::string_view today);

}  // namespace md::domain
