// 入会申请表 validation (domain/application_forms.h) for the four member types: the first byte
// picks the type and whether staff overrides are asked for every field; the rest is
// "key=value" lines. Rules checked besides crashes and sanitizer reports: every error names a
// field of the form, and what validate_form normalised validates again without errors and
// unchanged.
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/application_forms.h"
#include "fuzz_support.h"

using namespace md::domain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const MemberType kTypes[] = {MemberType::kAgency, MemberType::kAttorney,
                                      MemberType::kIndustryOrg, MemberType::kNonPracticing};
  const FormDef& form = form_for(kTypes[data[0] % 4]);
  const bool override_all = data[0] & 0x10;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  Values input;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    input[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  CheckOverrides overrides;
  if (override_all)
    for (const auto& f : form.fields) overrides.fields.insert(f.key);
  Values normalised;
  const std::string today = "2026-06-15";
  FieldErrors errors = validate_form(form, input, &normalised, today, &overrides);
  for (const auto& [key, message] : errors) {
    bool known = false;
    for (const auto& f : form.fields) known = known || f.key == key;
    FUZZ_CHECK(known, "error for a field the form does not have: " + key);
    FUZZ_CHECK(!message.empty(), "empty message for " + key);
  }
  for (const auto& key : overrides.used)
    FUZZ_CHECK(overrides.fields.count(key), "override used but not asked: " + key);
  if (errors.empty()) {
    CheckOverrides again_overrides = overrides;
    again_overrides.used.clear();
    Values again;
    FieldErrors second = validate_form(form, normalised, &again, today, &again_overrides);
    FUZZ_CHECK(second.empty(), "normalised values fail validation: " +
                                   (second.empty() ? "" : second.begin()->first + " " + second.begin()->second));
    FUZZ_CHECK(again == normalised, "normalising is not idempotent");
  }
  return 0;
}
