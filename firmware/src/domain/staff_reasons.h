// Reasons staff give when they bend a rule: a check-character override on an application field
// (SPEC §4) or a change of an attorney's 执业机构. Both are written to the audit log, so the
// reason must say something and stay short enough to read there.
#pragma once

#include <map>
#include <string>

#include "domain/application_forms.h"

namespace md::domain {

inline constexpr size_t kStaffReasonMaxChars = 200;

// The zh-CN problem with a reason ("" when fine). `what` names it, e.g. "变更理由".
std::string staff_reason_problem(const std::string& reason, const std::string& what);

// Field key -> reason for each check-character override staff ask for on `form`. Errors are
// keyed "<field>_override": the field does not exist, cannot be overridden (only 统一社会信用代码
// and 身份证号 can), or the reason is missing or too long. *trimmed gets the reasons trimmed.
FieldErrors check_override_reasons(const FormDef& form, const std::map<std::string, std::string>& reasons,
                                   std::map<std::string, std::string>* trimmed);

}  // namespace md::domain
