#include "domain/cert_change.h"

#include <algorithm>

#include "core/utf8.h"
#include "domain/application_forms.h"

namespace md::domain {
namespace {

bool has_qualification(MemberType t) {
  return t == MemberType::kAttorney || t == MemberType::kNonPracticing;
}

// The application form's definition of one field, or nullptr.
const FieldDef* form_field(const FormDef& form, const std::string& key) {
  auto it = std::find_if(form.fields.begin(), form.fields.end(),
                         [&](const FieldDef& f) { return f.key == key; });
  return it == form.fields.end() ? nullptr : &*it;
}

}  // namespace

std::vector<std::string> changeable_fields(MemberType t) {
  if (has_qualification(t)) return {"name", "qualification_no"};
  return {"name"};
}

std::string_view change_status_label(std::string_view code) {
  if (code == "pending") return "待审核";
  if (code == "approved") return "已通过";
  if (code == "rejected") return "未通过";
  if (code == "cancelled") return "已撤回";
  return code;
}

bool may_request_change(MemberStatus s) {
  return s == MemberStatus::kApprovedUnpaid || s == MemberStatus::kActive;
}

ChangeCheck check_change(MemberType t, const ChangeCurrent& current,
                         const std::map<std::string, std::string>& input, const std::string& note,
                         const std::string& today_iso) {
  ChangeCheck out;
  out.note = core::trim(note);
  if (core::utf8_length(out.note) > kMaxChangeNoteChars)
    out.errors["note"] = "说明不能超过" + std::to_string(kMaxChangeNoteChars) + "个字";
  const FormDef& form = form_for(t);
  const auto allowed = changeable_fields(t);
  FormDef one{form.type, form.title, form.name_field, form.key_field, form.mobile_field, {}};
  Values typed;
  for (const auto& [key, value] : input) {
    if (core::trim(value).empty()) continue;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      out.errors[key] = has_qualification(t) ? "该项不能修改"
                                             : "代理机构及行业组织只允许修改机构名称";
      continue;
    }
    const std::string form_key = key == "name" ? form.name_field : key;
    const FieldDef* def = form_field(form, form_key);
    if (!def) continue;
    FieldDef f = *def;
    f.source = FieldSource::kApplicant;
    one.fields.push_back(f);
    typed[form_key] = value;
  }
  Values normalised;
  for (const auto& [form_key, message] : validate_form(one, typed, &normalised, today_iso))
    out.errors[form_key == form.name_field ? "name" : form_key] = message;
  for (const auto& [form_key, value] : normalised) {
    const std::string key = form_key == form.name_field ? "name" : form_key;
    if (out.errors.count(key)) continue;
    const std::string& now = key == "name" ? current.name : current.qualification_no;
    if (value != now) out.values[key] = value;
  }
  if (out.values.empty() && out.errors.empty())
    out.errors["name"] =
        has_qualification(t) ? "请填写要修改的姓名或资格证号（须与现有信息不同）"
                             : "请填写新的机构名称（须与现有名称不同）";
  return out;
}

}  // namespace md::domain
