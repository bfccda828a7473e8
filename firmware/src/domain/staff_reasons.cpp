#include "domain/staff_reasons.h"

#include "core/utf8.h"

namespace md::domain {

std::string staff_reason_problem(const std::string& reason, const std::string& what) {
  const std::string r = core::trim(reason);
  if (r.empty()) return "请填写" + what;
  if (!core::utf8_valid(r)) return what + "含有无效字符";
  if (core::utf8_length(r) > kStaffReasonMaxChars)
    return what + "不能超过" + std::to_string(kStaffReasonMaxChars) + "个字";
  return "";
}

FieldErrors check_override_reasons(const FormDef& form, const std::map<std::string, std::string>& reasons,
                                   std::map<std::string, std::string>* trimmed) {
  FieldErrors errors;
  for (const auto& [key, reason] : reasons) {
    const FieldDef* field = nullptr;
    for (const auto& f : form.fields)
      if (f.key == key) field = &f;
    const std::string slot = key + "_override";
    if (!field || !check_char_overridable(field->kind)) {
      errors[slot] = "只有统一社会信用代码和身份证号可以越过校验位检查";
      continue;
    }
    std::string problem = staff_reason_problem(reason, "越过校验位的理由");
    if (!problem.empty()) {
      errors[slot] = problem;
      continue;
    }
    if (trimmed) (*trimmed)[key] = core::trim(reason);
  }
  return errors;
}

}  // namespace md::domain
