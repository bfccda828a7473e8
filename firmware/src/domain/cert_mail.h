// 会员证邮寄申请 (issue 8): the form's prefill from the member's profile and its checks.
// 用户可以在线申请会员证邮寄，点击【申请邮寄】按钮，填写收件人，收件人电话，修改收件人地址。
// No I/O: whether the member holds a valid certificate of the current year is the caller's.
#pragma once

#include <map>
#include <string>

#include "domain/member.h"

namespace md::domain {

struct MailForm {
  std::string recipient;  // 收件人
  std::string phone;      // 收件人电话: a mobile or a landline
  std::string address;    // 收件人地址
};

constexpr size_t kMaxRecipientChars = 50;
constexpr size_t kMinAddressChars = 5;
constexpr size_t kMaxAddressChars = 200;

// From the approved application's fields: the contact person / 手机 / 办公地址 for an agency,
// the contact person / 手机 / 地址 for an industry organisation, the member's own name / 手机号 /
// 通讯地址 for attorneys and non-practising members. Missing fields stay empty.
MailForm mail_prefill(MemberType t, const std::map<std::string, std::string>& profile);

// Trims and normalises *form in place (a mobile loses +86); one zh-CN message per bad field
// ("recipient", "phone", "address").
std::map<std::string, std::string> check_mail(MailForm* form);

// Request states: pending (待寄出) → sent (已寄出, with courier and tracking number) | cancelled
// (已取消, by staff with a reason).
std::string_view mail_status_label(std::string_view code);

constexpr size_t kMaxCourierChars = 30;
// Staff marking a request sent: 快递公司 (1–30 characters) and 快递单号 (6–30 letters, digits or
// '-'). Trims in place; one zh-CN message per bad field ("courier", "tracking_no").
std::map<std::string, std::string> check_shipment(std::string* courier, std::string* tracking_no);

}  // namespace md::domain
