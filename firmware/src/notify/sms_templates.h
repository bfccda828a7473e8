// The SMS events the association sends, their Alibaba Cloud TemplateCode config keys and the
// zh-CN text of each (what the member reads; stored in sms_outbox.text and printed by the log
// provider). The text here must match the templates approved in the Alibaba Cloud console.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace md::notify {

enum class SmsEvent {
  kApplicationSubmitted,
  kApplicationApproved,
  kApplicationRejected,
  kDuesPaid,
  kReductionDecided,
};

// "application_submitted", "application_approved", "application_rejected".
std::string_view event_code(SmsEvent event);
std::optional<SmsEvent> parse_event_code(std::string_view code);

// The config key holding the event's TemplateCode, e.g. "sms.template_application_submitted".
std::string_view template_config_key(SmsEvent event);

// The template variables the event needs, e.g. {"name", "member_no"}.
const std::vector<std::string>& template_param_names(SmsEvent event);

// The message text with {name}-style variables filled in. Every variable of the event must be
// given and nothing else (TemplateParam is sent as given): otherwise kInvalidArgument.
Result<std::string> render_sms_text(SmsEvent event,
                                    const std::map<std::string, std::string>& params);

}  // namespace md::notify
