// 会员证信息修改申请 (issue 8): which fields a member type may change and how a request is
// checked. 代理机构及行业组织只允许修改机构名称; 专利代理师及非执业会员可修改资格证号及姓名.
// The values are checked with the application form's own field rules (domain/application_forms),
// so a changed name or 资格证号 meets the same rules as on 入会申请. No I/O: whether a 资格证号 is
// already used by another member is the caller's (store) question.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/member.h"

namespace md::domain {

// The request's keys: "name" (姓名 / 机构名称 / 组织名称) and "qualification_no" (资格证号).
std::vector<std::string> changeable_fields(MemberType t);

// Request states: pending → approved | rejected (with the reviewer's reason) | cancelled (by the
// member while pending). The label is what the member and staff see.
std::string_view change_status_label(std::string_view code);  // 待审核 / 已通过 / 未通过 / 已撤回

// Only a member whose membership was approved (approved_unpaid or active) may file.
bool may_request_change(MemberStatus s);

struct ChangeCurrent {
  std::string name;
  std::string qualification_no;  // "" for agencies and industry organisations
};

struct ChangeCheck {
  std::map<std::string, std::string> values;  // normalised, only the fields that change
  std::string note;                           // trimmed
  std::map<std::string, std::string> errors;  // field -> zh-CN message
};

constexpr size_t kMaxChangeNoteChars = 200;

// Checks the requested values against the form rules of the member's type. A key the type may
// not change is refused next to that field; at least one value must differ from the current one.
ChangeCheck check_change(MemberType t, const ChangeCurrent& current,
                         const std::map<std::string, std::string>& input, const std::string& note,
                         const std::string& today_iso);

}  // namespace md::domain
