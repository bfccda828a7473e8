// 会员信息修改 rules (domain/profile.h): which fields each member type may change itself, that an
// edit is validated with the application form's own definitions, and the withdrawal reasons.
#include <doctest/doctest.h>

#include "domain/profile.h"

using namespace md::domain;

namespace {
const std::string kToday = "2026-06-01";
}

TEST_CASE("self-editable keys exist in the type's application form and exclude names and codes") {
  for (auto t : {MemberType::kAgency, MemberType::kAttorney, MemberType::kIndustryOrg,
                 MemberType::kNonPracticing}) {
    const auto& form = form_for(t);
    CHECK_FALSE(self_editable_keys(t).empty());
    for (const auto& key : self_editable_keys(t)) {
      bool in_form = false;
      for (const auto& f : form.fields) {
        if (f.key != key) continue;
        in_form = true;
        CHECK_MESSAGE(f.source == FieldSource::kApplicant, key);  // never login or roster fields
      }
      CHECK_MESSAGE(in_form, key);
    }
    CHECK_FALSE(is_self_editable(t, form.name_field));
    CHECK_FALSE(is_self_editable(t, form.key_field));
    for (const char* code : {"uscc", "agency_code", "qualification_no", "id_number", "agency_name",
                             "practice_no"})
      CHECK_FALSE(is_self_editable(t, code));
  }
  CHECK(is_self_editable(MemberType::kAttorney, "mobile"));          // login id is 资格证号
  CHECK_FALSE(is_self_editable(MemberType::kNonPracticing, "mobile"));  // 手机号 is the login id
  CHECK(is_self_editable(MemberType::kAgency, "office_address"));
  CHECK(is_self_editable(MemberType::kAttorney, "education"));
}

TEST_CASE("an edit keeps only changed values normalised as the application form does") {
  const Values current = {{"email", "old@example.cn"}, {"contact_mobile", "13912345678"},
                          {"website", "www.old.cn"}};
  auto e = check_profile_edit(MemberType::kAgency, current,
                              {{"email", " new@example.cn "},
                               {"contact_mobile", "+8613912345678"},
                               {"website", ""}},
                              kToday);
  CHECK(e.refused.empty());
  CHECK(e.invalid.empty());
  CHECK(e.changes.size() == 2);
  CHECK(e.changes.at("email") == "new@example.cn");
  CHECK(e.changes.at("website") == "");  // an optional field cleared
  CHECK(e.changes.count("contact_mobile") == 0);  // +86 dropped: the same number
}

TEST_CASE("bad values get the application form's messages and required fields stay required") {
  auto e = check_profile_edit(MemberType::kAgency, {},
                              {{"email", "not-an-email"}, {"postcode", "1000"}, {"contact_name", " "}},
                              kToday);
  CHECK(e.changes.empty());
  CHECK(e.invalid.count("email") == 1);
  CHECK(e.invalid.at("postcode") == "邮政编码应为6位数字");
  CHECK(e.invalid.at("contact_name") == "请填写联系人");
  auto choice = check_profile_edit(MemberType::kAttorney, {}, {{"education", "小学"}}, kToday);
  CHECK(choice.invalid.at("education") == "请选择学历");
}

TEST_CASE("unknown and non-editable keys are refused with a message per field") {
  auto e = check_profile_edit(MemberType::kNonPracticing, {},
                              {{"mobile", "13912345678"}, {"name", "李四"}, {"shoe_size", "42"},
                               {"email", "a@example.cn"}},
                              kToday);
  CHECK(e.refused.at("mobile") == "手机号不能在此修改");
  CHECK(e.refused.at("name") == "姓名不能在此修改");
  CHECK(e.refused.at("shoe_size") == "没有这一项资料");
  CHECK(e.refused.count("email") == 0);
}

TEST_CASE("withdrawal rules: who may ask and the reasons") {
  CHECK(may_request_withdrawal(MemberStatus::kActive));
  CHECK(may_request_withdrawal(MemberStatus::kApprovedUnpaid));
  CHECK_FALSE(may_request_withdrawal(MemberStatus::kRoster));
  CHECK_FALSE(may_request_withdrawal(MemberStatus::kApplied));
  CHECK_FALSE(may_request_withdrawal(MemberStatus::kWithdrawn));
  CHECK_FALSE(may_edit_profile(MemberStatus::kWithdrawn));
  CHECK(check_withdrawal_reason("") == "");
  CHECK(check_withdrawal_reason(std::string(201 * 3, 'a').substr(0, 201)) == "退会原因不能超过200个字");
  CHECK(check_rejection_reason("") == "请填写驳回原因");
  CHECK(check_rejection_reason("资料不全") == "");
  CHECK(label(WithdrawalStatus::kPending) == "待处理");
  CHECK(label(WithdrawalStatus::kApproved) == "已退会");
  CHECK(label(WithdrawalStatus::kRejected) == "已驳回");
  CHECK(withdrawal_status_from_code("rejected") == WithdrawalStatus::kRejected);
  CHECK_FALSE(withdrawal_status_from_code("nope").has_value());
}
