#include "domain/profile.h"

#include <algorithm>

#include "core/utf8.h"

namespace md::domain {
namespace {

const std::vector<std::string>& keys_for(MemberType t) {
  static const std::vector<std::string> agency = {
      "registered_address", "office_address", "postcode",     "head_name", "head_mobile",
      "contact_name",       "contact_mobile", "email",        "office_phone",
      "attorney_count",     "website",        "intro"};
  static const std::vector<std::string> attorney = {"mobile", "email",      "education",
                                                    "major",  "tech_field", "address"};
  static const std::vector<std::string> industry_org = {
      "address", "head_name", "contact_name", "contact_mobile", "email", "office_phone", "intro"};
  static const std::vector<std::string> non_practicing = {"employer", "position", "email",
                                                          "address"};
  switch (t) {
    case MemberType::kAgency: return agency;
    case MemberType::kAttorney: return attorney;
    case MemberType::kIndustryOrg: return industry_org;
    case MemberType::kNonPracticing: return non_practicing;
  }
  return agency;
}

std::string reason_check(const std::string& trimmed, const char* what) {
  if (!core::utf8_valid(trimmed)) return std::string(what) + "含有无效字符";
  if (core::utf8_length(trimmed) > static_cast<size_t>(kMaxWithdrawalReason))
    return std::string(what) + "不能超过" + std::to_string(kMaxWithdrawalReason) + "个字";
  return "";
}

}  // namespace

const std::vector<std::string>& self_editable_keys(MemberType t) { return keys_for(t); }

bool is_self_editable(MemberType t, const std::string& key) {
  const auto& keys = keys_for(t);
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

ProfileEdit check_profile_edit(MemberType t, const Values& current, const Values& input,
                               const std::string& today_iso) {
  ProfileEdit out;
  const FormDef& form = form_for(t);
  // A form of just the sent, editable fields: validate_form then applies the application form's
  // own rules (required, kind, length, normalisation) to exactly those.
  FormDef sent{form.type, form.title, form.name_field, form.key_field, form.mobile_field, {}};
  for (const auto& [key, value] : input) {
    // [&k = key]: clang 14 (the fuzz build's compiler) cannot capture a structured binding.
    auto def = std::find_if(form.fields.begin(), form.fields.end(),
                            [&k = key](const FieldDef& f) { return f.key == k; });
    if (def == form.fields.end())
      out.refused[key] = "没有这一项资料";
    else if (!is_self_editable(t, key))
      out.refused[key] = def->label + "不能在此修改";
    else
      sent.fields.push_back(*def);
  }
  Values normalised;
  out.invalid = validate_form(sent, input, &normalised, today_iso);
  for (const auto& f : sent.fields) {
    if (out.invalid.count(f.key)) continue;
    auto n = normalised.find(f.key);
    const std::string now = n == normalised.end() ? "" : n->second;  // an optional field cleared
    auto c = current.find(f.key);
    const std::string before = c == current.end() ? "" : c->second;
    if (now != before) out.changes[f.key] = now;
  }
  return out;
}

std::string_view to_code(WithdrawalStatus s) {
  switch (s) {
    case WithdrawalStatus::kPending: return "pending";
    case WithdrawalStatus::kApproved: return "approved";
    case WithdrawalStatus::kRejected: return "rejected";
    case WithdrawalStatus::kCancelled: return "cancelled";
  }
  return "pending";
}

std::optional<WithdrawalStatus> withdrawal_status_from_code(std::string_view code) {
  for (auto s : {WithdrawalStatus::kPending, WithdrawalStatus::kApproved,
                 WithdrawalStatus::kRejected, WithdrawalStatus::kCancelled})
    if (to_code(s) == code) return s;
  return std::nullopt;
}

std::string_view label(WithdrawalStatus s) {
  switch (s) {
    case WithdrawalStatus::kPending: return "待处理";
    case WithdrawalStatus::kApproved: return "已退会";
    case WithdrawalStatus::kRejected: return "已驳回";
    case WithdrawalStatus::kCancelled: return "已撤回";
  }
  return "待处理";
}

bool may_request_withdrawal(MemberStatus s) {
  return s == MemberStatus::kApprovedUnpaid || s == MemberStatus::kActive;
}

bool may_edit_profile(MemberStatus s) { return may_request_withdrawal(s); }

std::string check_withdrawal_reason(const std::string& trimmed) {
  return reason_check(trimmed, "退会原因");
}

std::string check_rejection_reason(const std::string& trimmed) {
  if (trimmed.empty()) return "请填写驳回原因";
  return reason_check(trimmed, "驳回原因");
}

}  // namespace md::domain
