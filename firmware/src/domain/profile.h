// 会员资料 and 会员信息修改: which of the application form's fields a member may change without
// approval (contacts, phones, addresses, e-mail, postcode, website, introduction, education),
// and the rules of a withdrawal request (退会申请). Names, codes (机构代码, 统一社会信用代码,
// 资格证号, 身份证号), 执业机构 and a non-practicing member's 手机号 (the login id) are not
// self-editable: names and 资格证号 change through 会员证信息修改申请, 执业机构 only by staff.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application_forms.h"
#include "domain/member.h"

namespace md::domain {

// The keys of form_for(t) a member of type t may change themself, in form order.
const std::vector<std::string>& self_editable_keys(MemberType t);
bool is_self_editable(MemberType t, const std::string& key);

struct ProfileEdit {
  Values changes;         // key -> new (normalised) value, only keys whose value differs
  FieldErrors refused;    // unknown or non-editable keys (answer 422)
  FieldErrors invalid;    // editable keys with a bad value (answer 400), as the form says
};

// Checks a member's edit against the application form's own field definitions and validators.
// `current` is the stored profile; `input` the fields sent (only those are checked, so a field
// the member does not touch is never blamed). A value equal to the current one is no change.
ProfileEdit check_profile_edit(MemberType t, const Values& current, const Values& input,
                               const std::string& today_iso);

enum class WithdrawalStatus { kPending, kApproved, kRejected, kCancelled };
std::string_view to_code(WithdrawalStatus s);
std::optional<WithdrawalStatus> withdrawal_status_from_code(std::string_view code);
std::string_view label(WithdrawalStatus s);  // 待处理 / 已退会 / 已驳回 / 已撤回

// Whether a member in status s may ask to withdraw: only an approved member (approved_unpaid or
// active). Roster members and applicants are not members yet; a withdrawn one has left.
bool may_request_withdrawal(MemberStatus s);
// Whether a member in status s may edit the profile: approved, not withdrawn.
bool may_edit_profile(MemberStatus s);

constexpr int kMaxWithdrawalReason = 200;
// The member's reason is optional, at most 200 characters; "" when fine, else the message.
std::string check_withdrawal_reason(const std::string& trimmed);
// A rejection's reason is required, at most 200 characters.
std::string check_rejection_reason(const std::string& trimmed);

}  // namespace md::domain
