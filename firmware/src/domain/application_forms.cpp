#include "domain/application_forms.h"

#include "core/utf8.h"
#include "domain/identifiers.h"
#include "domain/working_days.h"

namespace md::domain {
namespace {

using K = FieldKind;
using S = FieldSource;

FieldDef req(std::string key, std::string label, FieldKind kind, int max = 0) {
  return FieldDef{std::move(key), std::move(label), kind, true, max, {}, S::kApplicant};
}
FieldDef opt(std::string key, std::string label, FieldKind kind, int max = 0) {
  return FieldDef{std::move(key), std::move(label), kind, false, max, {}, S::kApplicant};
}
FieldDef choice(std::string key, std::string label, std::vector<std::string> choices) {
  return FieldDef{std::move(key), std::move(label), K::kChoice, true, 0, std::move(choices),
                  S::kApplicant};
}
FieldDef from(FieldDef f, FieldSource s) {
  f.source = s;
  return f;
}

const std::vector<FormDef>& forms() {
  static const std::vector<FormDef> all = {
      {MemberType::kAgency, "专利代理机构入会申请表", "org_name", "agency_code", "contact_mobile",
       {req("org_name", "机构名称", K::kText, 100),
        from(req("agency_code", "机构代码", K::kAgencyCode), S::kLogin),
        req("uscc", "统一社会信用代码", K::kUscc),
        choice("org_form", "组织形式", {"合伙", "有限责任公司", "其他"}),
        req("founded_on", "成立日期", K::kDate),
        req("registered_address", "注册地址", K::kText, 200),
        req("office_address", "办公地址", K::kText, 200),
        opt("postcode", "邮政编码", K::kPostcode),
        req("head_name", "负责人", K::kText, 50),
        req("head_mobile", "负责人手机", K::kMobile),
        req("contact_name", "联系人", K::kText, 50),
        req("contact_mobile", "联系人手机", K::kMobile),
        req("email", "电子邮箱", K::kEmail),
        opt("office_phone", "办公电话", K::kPhone),
        req("attorney_count", "执业专利代理师人数", K::kCount),
        opt("website", "网址", K::kUrl),
        opt("intro", "机构简介", K::kTextarea, 2000)}},
      {MemberType::kAttorney, "专利代理师入会申请表", "name", "qualification_no", "mobile",
       {req("name", "姓名", K::kText, 50),
        from(req("qualification_no", "资格证号", K::kQualificationNo), S::kLogin),
        choice("gender", "性别", {"男", "女"}),
        req("id_number", "身份证号", K::kResidentId),
        from(req("agency_name", "执业机构", K::kText, 100), S::kRoster),
        opt("practice_no", "执业证号", K::kPracticeNo),
        req("mobile", "手机号", K::kMobile),
        req("email", "电子邮箱", K::kEmail),
        choice("education", "学历", {"博士研究生", "硕士研究生", "大学本科", "大学专科", "其他"}),
        req("major", "专业", K::kText, 50),
        opt("tech_field", "技术领域", K::kText, 100),
        opt("address", "通讯地址", K::kText, 200)}},
      {MemberType::kIndustryOrg, "行业组织入会申请表", "org_name", "uscc", "contact_mobile",
       {req("org_name", "组织名称", K::kText, 100),
        req("uscc", "统一社会信用代码", K::kUscc),
        choice("org_category", "组织类别",
               {"地方专利代理师协会", "知识产权服务业协会", "其他社会团体", "其他"}),
        req("address", "地址", K::kText, 200),
        req("head_name", "负责人", K::kText, 50),
        req("contact_name", "联系人", K::kText, 50),
        req("contact_mobile", "联系人手机", K::kMobile),
        req("email", "电子邮箱", K::kEmail),
        opt("office_phone", "办公电话", K::kPhone),
        opt("intro", "简介", K::kTextarea, 2000)}},
      {MemberType::kNonPracticing, "非执业会员入会申请表", "name", "mobile", "mobile",
       {req("name", "姓名", K::kText, 50),
        req("id_number", "身份证号", K::kResidentId),
        req("qualification_no", "资格证号", K::kQualificationNo),
        req("mobile", "手机号", K::kMobile),
        req("employer", "工作单位", K::kText, 100),
        opt("position", "职务", K::kText, 50),
        req("email", "电子邮箱", K::kEmail),
        opt("address", "通讯地址", K::kText, 200)}},
  };
  return all;
}

bool all_digits(const std::string& s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// Landline: digits with an optional area code and extension, e.g. 010-62345678 or 0755-1234567-89.
bool phone_ok(const std::string& s) {
  if (s.size() < 7 || s.size() > 20) return false;
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != '-' && c != ' ' && c != '+' && c != '(' && c != ')') return false;
  }
  return digits >= 7;
}

enum class Override { kNo, kCheckChar };

// One field; returns "" when fine, else the message. *value is normalised in place. With
// kCheckChar a code whose only fault is its check character passes and *overridden is set.
std::string check_field(const FieldDef& f, std::string* value, const std::string& today_iso,
                        Override override_check, bool* overridden) {
  const std::string& v = *value;
  auto id = [&](const IdCheck& c) -> std::string {
    if (!c.ok && !(c.check_char_only && override_check == Override::kCheckChar)) return c.message;
    *overridden = !c.ok;
    *value = c.normalized;
    return "";
  };
  switch (f.kind) {
    case K::kUscc: return id(check_uscc(v));
    case K::kResidentId: return id(check_resident_id(v));
    case K::kMobile: return id(check_mobile(v));
    case K::kEmail: return id(check_email(v));
    case K::kAgencyCode: return id(check_agency_code(v));
    case K::kQualificationNo: return id(check_qualification_no(v));
    case K::kPracticeNo: return id(check_practice_no(v));
    case K::kPostcode: return v.size() == 6 && all_digits(v) ? "" : "邮政编码应为6位数字";
    case K::kPhone: return phone_ok(v) ? "" : "请填写正确的电话号码，如 010-12345678";
    case K::kUrl:
      if (v.size() > 200 || v.find(' ') != std::string::npos || v.find('.') == std::string::npos)
        return "请填写正确的网址，如 www.example.com";
      return "";
    case K::kCount:
      if (!all_digits(v) || v.size() > 6) return f.label + "应为整数";
      *value = std::to_string(std::stoi(v));
      return "";
    case K::kDate: {
      auto d = parse_iso_date(v);
      if (!d) return "请填写正确的日期（年-月-日）";
      if (v > today_iso) return f.label + "不能晚于今天";
      if (v < "1949-10-01") return f.label + "不正确";
      return "";
    }
    case K::kChoice:
      for (const auto& c : f.choices)
        if (c == v) return "";
      return "请选择" + f.label;
    case K::kText:
    case K::kTextarea: {
      const int max = f.max_chars > 0 ? f.max_chars : 100;
      if (core::utf8_length(v) > static_cast<size_t>(max))
        return f.label + "不能超过" + std::to_string(max) + "个字";
      for (unsigned char c : v)
        if (c < 0x20 && !(f.kind == K::kTextarea && (c == '\n' || c == '\t')))
          return f.label + "含有无效字符";
      return "";
    }
  }
  return "";
}

}  // namespace

const FormDef& form_for(MemberType t) {
  for (const auto& f : forms())
    if (f.type == t) return f;
  return forms().front();
}

const char* kind_code(FieldKind k) {
  switch (k) {
    case K::kText: return "text";
    case K::kTextarea: return "textarea";
    case K::kDate: return "date";
    case K::kChoice: return "choice";
    case K::kCount: return "count";
    case K::kUscc: return "uscc";
    case K::kResidentId: return "resident_id";
    case K::kMobile: return "mobile";
    case K::kPhone: return "phone";
    case K::kEmail: return "email";
    case K::kPostcode: return "postcode";
    case K::kUrl: return "url";
    case K::kAgencyCode: return "agency_code";
    case K::kQualificationNo: return "qualification_no";
    case K::kPracticeNo: return "practice_no";
  }
  return "text";
}

bool check_char_overridable(FieldKind k) { return k == K::kUscc || k == K::kResidentId; }

bool landline_ok(const std::string& phone) { return phone_ok(phone); }

FieldErrors validate_form(const FormDef& form, const Values& input, Values* normalised,
                          const std::string& today_iso, CheckOverrides* overrides) {
  FieldErrors errors;
  Values out;
  for (const auto& f : form.fields) {
    auto it = input.find(f.key);
    std::string value = it == input.end() ? "" : core::trim(it->second);
    if (!core::utf8_valid(value)) {
      errors[f.key] = f.label + "含有无效字符";
      continue;
    }
    if (value.empty()) {
      if (f.required) errors[f.key] = (f.kind == K::kChoice ? "请选择" : "请填写") + f.label;
      continue;
    }
    const bool may_override = overrides && overrides->fields.count(f.key) &&
                              check_char_overridable(f.kind);
    bool overridden = false;
    std::string message = check_field(f, &value, today_iso,
                                      may_override ? Override::kCheckChar : Override::kNo,
                                      &overridden);
    if (overridden) overrides->used.insert(f.key);
    if (!message.empty())
      errors[f.key] = message;
    else
      out[f.key] = value;
  }
  if (normalised) *normalised = std::move(out);
  return errors;
}

}  // namespace md::domain
