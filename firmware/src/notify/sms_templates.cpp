#include "notify/sms_templates.h"

namespace md::notify {
namespace {

struct TemplateInfo {
  SmsEvent event;
  std::string_view code;
  std::string_view config_key;
  std::vector<std::string> params;
  std::string_view text;
};

const std::vector<TemplateInfo>& templates() {
  static const std::vector<TemplateInfo> all = {
      {SmsEvent::kApplicationSubmitted,
       "application_submitted",
       "sms.template_application_submitted",
       {"name"},
       "【中华全国专利代理师协会】{name}，您的入会申请已提交成功，协会将在5个工作日内进行反馈。"},
      {SmsEvent::kApplicationApproved,
       "application_approved",
       "sms.template_application_approved",
       {"name", "member_no"},
       "【中华全国专利代理师协会】{name}，您的入会申请已审核通过，会员编号{member_no}。"
       "请登录会员中心缴纳会费。"},
      {SmsEvent::kApplicationRejected,
       "application_rejected",
       "sms.template_application_rejected",
       {"name", "reason"},
       "【中华全国专利代理师协会】{name}，您的入会申请未通过审核，原因：{reason}。"
       "请修改后重新提交。"},
      {SmsEvent::kDuesPaid,
       "dues_paid",
       "sms.template_dues_paid",
       {"name", "year", "amount", "order_no"},
       "【中华全国专利代理师协会】{name}，您已成功缴纳{year}年度会费{amount}元，申报系统单号{order_no}。"
       "支付成功后，用户即可使用系统全部功能。"},
      {SmsEvent::kReductionDecided,
       "reduction_decided",
       "sms.template_reduction_decided",
       {"name", "order_no", "result"},
       "【中华全国专利代理师协会】{name}，您的会费减免申请（申报系统单号{order_no}）{result}"
       "请登录会员中心查看。"},
  };
  return all;
}

const TemplateInfo& info(SmsEvent event) {
  for (const auto& t : templates()) {
    if (t.event == event) return t;
  }
  return templates().front();  // unreachable: every enumerator has an entry
}

}  // namespace

std::string_view event_code(SmsEvent event) {
  return info(event).code;
}

std::optional<SmsEvent> parse_event_code(std::string_view code) {
  for (const auto& t : templates()) {
    if (t.code == code) return t.event;
  }
  return std::nullopt;
}

std::string_view template_config_key(SmsEvent event) {
  return info(event).config_key;
}

const std::vector<std::string>& template_param_names(SmsEvent event) {
  return info(event).params;
}

Result<std::string> render_sms_text(SmsEvent event,
                                    const std::map<std::string, std::string>& params) {
  const TemplateInfo& t = info(event);
  for (const auto& name : t.params) {
    if (!params.count(name)) {
      return make_error(ErrorKind::kInvalidArgument, "sms_param_missing",
                        "SMS " + std::string(t.code) + " needs the parameter " + name);
    }
  }
  for (const auto& [name, value] : params) {
    bool known = false;
    for (const auto& p : t.params) known = known || p == name;
    if (!known) {
      return make_error(ErrorKind::kInvalidArgument, "sms_param_unknown",
                        "SMS " + std::string(t.code) + " has no parameter " + name);
    }
  }
  // Values are inserted as they are: a value containing "{x}" is not expanded again.
  std::string out;
  std::string_view text = t.text;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    out.append(params.at(std::string(text.substr(open + 1, close - open - 1))));
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace md::notify
