#include "domain/cert_mail.h"

#include <algorithm>

#include "core/utf8.h"
#include "domain/application_forms.h"
#include "domain/identifiers.h"

namespace md::domain {
namespace {

std::string value_of(const std::map<std::string, std::string>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

}  // namespace

MailForm mail_prefill(MemberType t, const std::map<std::string, std::string>& p) {
  switch (t) {
    case MemberType::kAgency:
      return {value_of(p, "contact_name"), value_of(p, "contact_mobile"), value_of(p, "office_address")};
    case MemberType::kIndustryOrg:
      return {value_of(p, "contact_name"), value_of(p, "contact_mobile"), value_of(p, "address")};
    case MemberType::kAttorney:
    case MemberType::kNonPracticing:
      return {value_of(p, "name"), value_of(p, "mobile"), value_of(p, "address")};
  }
  return {};
}

std::map<std::string, std::string> check_mail(MailForm* f) {
  std::map<std::string, std::string> errors;
  f->recipient = core::trim(f->recipient);
  f->phone = core::trim(f->phone);
  f->address = core::trim(f->address);
  if (f->recipient.empty())
    errors["recipient"] = "请填写收件人";
  else if (core::utf8_length(f->recipient) > kMaxRecipientChars)
    errors["recipient"] = "收件人不能超过" + std::to_string(kMaxRecipientChars) + "个字";
  if (f->phone.empty()) {
    errors["phone"] = "请填写收件人电话";
  } else if (auto m = check_mobile(f->phone); m.ok) {
    f->phone = m.normalized;
  } else if (!landline_ok(f->phone)) {
    errors["phone"] = "请填写正确的手机号或固定电话，如 13912345678 或 010-12345678";
  }
  const size_t len = core::utf8_length(f->address);
  if (f->address.empty())
    errors["address"] = "请填写收件人地址";
  else if (len < kMinAddressChars || len > kMaxAddressChars)
    errors["address"] = "收件人地址应为" + std::to_string(kMinAddressChars) + "至" +
                        std::to_string(kMaxAddressChars) + "个字";
  return errors;
}

std::string_view mail_status_label(std::string_view code) {
  if (code == "pending") return "待寄出";
  if (code == "sent") return "已寄出";
  if (code == "cancelled") return "已取消";
  return code;
}

std::map<std::string, std::string> check_shipment(std::string* courier, std::string* tracking_no) {
  std::map<std::string, std::string> errors;
  *courier = core::trim(*courier);
  *tracking_no = core::trim(*tracking_no);
  if (courier->empty())
    errors["courier"] = "请填写快递公司";
  else if (core::utf8_length(*courier) > kMaxCourierChars)
    errors["courier"] = "快递公司不能超过" + std::to_string(kMaxCourierChars) + "个字";
  const bool chars_ok = std::all_of(tracking_no->begin(), tracking_no->end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
  });
  if (tracking_no->empty())
    errors["tracking_no"] = "请填写快递单号";
  else if (!chars_ok || tracking_no->size() < 6 || tracking_no->size() > 30)
    errors["tracking_no"] = "快递单号应为6至30位字母或数字";
  return errors;
}

}  // namespace md::domain
