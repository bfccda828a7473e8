// 入会申请表: one definition per member type (field, label, kind, required, max length,
// choices, where the value comes from). The same definitions drive the server's validation,
// the UI's rendering (served by the API) and the API description — never four hand-written copies.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/member.h"

namespace md::domain {

enum class FieldKind {
  kText, kTextarea, kDate, kChoice, kCount,  // plain values
  kUscc, kResidentId, kMobile, kPhone, kEmail, kPostcode, kUrl,
  kAgencyCode, kQualificationNo, kPracticeNo,  // identifiers with check rules
};

// Where a field's value comes from.
enum class FieldSource {
  kApplicant,  // typed by the applicant
  kLogin,      // the login id, read-only (机构代码 / 资格证号)
  kRoster,     // from the roster, read-only for the applicant; only staff change it (执业机构)
};

struct FieldDef {
  std::string key;
  std::string label;  // as on the form, zh-CN
  FieldKind kind = FieldKind::kText;
  bool required = false;
  int max_chars = 0;  // code points; 0 = the kind's own limit
  std::vector<std::string> choices;
  FieldSource source = FieldSource::kApplicant;
};

struct FormDef {
  MemberType type;
  std::string title;          // e.g. 专利代理机构入会申请表
  std::string name_field;     // the field that names the member
  std::string key_field;      // the field that becomes the login id
  std::string mobile_field;   // where SMS notices go
  std::vector<FieldDef> fields;
};

const FormDef& form_for(MemberType t);
const char* kind_code(FieldKind k);  // "text", "uscc", … (for the UI)

using Values = std::map<std::string, std::string>;
using FieldErrors = std::map<std::string, std::string>;

// Check-character overrides (SPEC §4): staff name the fields whose code is real but fails its
// check character. Only 统一社会信用代码 and 身份证号 fields can be overridden, and only a failure
// of the check character itself: a code of the wrong length, alphabet or structure never passes.
struct CheckOverrides {
  std::set<std::string> fields;  // in: the fields staff override
  std::set<std::string> used;    // out: those whose check character did fail and were accepted
};
bool check_char_overridable(FieldKind k);

// Checks every field of the form. Unknown keys are ignored; values are trimmed and normalised
// (upper-case codes, +86 dropped) into *normalised. Returns one zh-CN message per bad field.
FieldErrors validate_form(const FormDef& form, const Values& input, Values* normalised,
                          const std::string& today_iso, CheckOverrides* overrides = nullptr);

// The forms' 办公电话 rule: digits with an optional area code and extension, e.g. 010-62345678.
bool landline_ok(const std::string& phone);

}  // namespace md::domain
