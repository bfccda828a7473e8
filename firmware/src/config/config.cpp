#include "config/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

namespace md::config {
namespace {

// The state folder: systemd's StateDirectory= when run as a service, else the FHS default.
std::string state_dir() {
  const char* env = std::getenv("STATE_DIRECTORY");
  return env && *env ? std::string(env) : std::string("/var/lib/memberdesk");
}

std::string key_of(const KeySpec& k) { return k.section + "." + k.name; }

std::string render_value(const Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  std::ostringstream out;
  out << '"';
  for (char c : std::get<std::string>(v)) {
    if (c == '"' || c == '\\') out << '\\';
    out << c;
  }
  out << '"';
  return out.str();
}

}  // namespace

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> keys = {
      {"http", "listen", std::string("127.0.0.1:8080"),
       "Address and port to listen on (IPv4). Use 0.0.0.0:8080 to serve office browsers on the LAN.",
       0, 0},
      {"http", "webui_dir", std::string("/usr/share/memberdesk/webui"),
       "Folder of the static web UI served at /.", 0, 0},
      {"http", "threads", int64_t{8},
       "Requests handled at once (each with its own database connection); more wait their turn.",
       1, 64},
      {"http", "max_connections", int64_t{512},
       "Connections served at once, one thread each (an idle thread costs little memory). A "
       "connection without a complete request for 5 s, or idle for 3 s after one, is closed, so "
       "slow or idle clients cannot hold them all. Further connections wait to be accepted.",
       16, 4096},
      {"http", "allowed_origins", std::string(""),
       "Other web origins (scheme://host:port, space-separated) allowed to call the API from a "
       "browser: they get CORS headers and may change data. Empty: no CORS headers at all, and a "
       "state-changing request whose Origin is not the daemon's own (http://<Host> with Host an "
       "IP address or localhost) is refused. Add http://name:port here to serve browsers that "
       "reach the daemon by a host name.",
       0, 0},
      {"store", "database", std::string("/var/lib/memberdesk/memberdesk.db"),
       "SQLite database file (created on first start).", 0, 0},
      {"store", "backup_dir", std::string("/var/lib/memberdesk/backups"),
       "Folder for automatic pre-migration backups and `memberdeskctl backup`.", 0, 0},
      {"store", "backup_keep", int64_t{14},
       "Daily backups (`memberdeskctl backup` without a path, run by memberdesk-backup.timer) kept "
       "in backup_dir; older ones are removed. 0 keeps all. Pre-migration and pre-restore copies "
       "are never removed.",
       0, 3650},
      {"session", "idle_timeout_s", int64_t{1800},
       "A session ends after this many seconds without a request.", 60, 86400},
      {"session", "absolute_timeout_s", int64_t{43200},
       "A session ends this many seconds after login, whatever its use.", 300, 604800},
      {"session", "max_per_account", int64_t{10},
       "Live sessions per account; a further login ends the account's oldest one.", 1, 1000},
      {"session", "max_total", int64_t{1000},
       "Live sessions in all; a further login ends the oldest one.", 10, 100000},
      {"kiosk", "idle_reset_s", int64_t{120},
       "Kiosk screens log out and return home after this many seconds without a touch.", 30, 3600},
      {"kiosk", "idle_warning_s", int64_t{20},
       "Seconds of visible countdown before the idle reset.", 5, 120},
      {"auth", "lockout_threshold", int64_t{5},
       "Failed logins on one login id before further attempts are refused.", 1, 100},
      {"auth", "lockout_base_s", int64_t{30},
       "First refusal period in seconds; it doubles with each further failure.", 1, 3600},
      {"auth", "lockout_max_s", int64_t{3600}, "Longest refusal period in seconds.", 1, 86400},
      {"auth", "address_lockout_threshold", int64_t{20},
       "Different login ids failing from one client address before the address is refused too. "
       "Only distinct ids count and a successful login from the address resets it, so the kiosk "
       "(one address for everybody) is not locked by members mistyping; staff can unlock an "
       "address (POST /api/v1/staff/auth/unlock).",
       1, 10000},
      {"applications", "max_per_mobile_per_hour", int64_t{5},
       "入会申请 submissions (each sends an SMS) per mobile number per hour; more get 429.", 1,
       1000},
      {"applications", "max_per_address_per_hour", int64_t{30},
       "Submissions per client address per hour (the kiosk is one address for everybody).", 1,
       100000},
      {"applications", "max_per_hour", int64_t{100}, "Submissions in all per hour.", 1, 1000000},
      {"sms", "provider", std::string("log"),
       "SMS provider: \"log\" writes each message to the log; \"aliyun\" sends through Alibaba "
       "Cloud SMS (SendSms).",
       0, 0},
      {"sms", "aliyun_endpoint", std::string("https://dysmsapi.aliyuncs.com/"),
       "Alibaba Cloud SMS API endpoint (a local simulator's address in tests).", 0, 0},
      {"sms", "aliyun_access_key_id", std::string(""), "Alibaba Cloud AccessKeyId.", 0, 0},
      {"sms", "aliyun_access_key_secret_file", std::string("/etc/memberdesk/aliyun-sms.secret"),
       "File holding the AccessKeySecret (readable by the memberdesk user only).", 0, 0},
      {"sms", "sign_name", std::string("中华全国专利代理师协会"), "SMS signature name (SignName).", 0,
       0},
      {"sms", "template_application_submitted", std::string("SMS_APPLICATION_SUBMITTED"),
       "TemplateCode for 入会申请已提交 (params: name).", 0, 0},
      {"sms", "template_application_approved", std::string("SMS_APPLICATION_APPROVED"),
       "TemplateCode for 入会申请已通过 (params: name, member_no).", 0, 0},
      {"sms", "template_application_rejected", std::string("SMS_APPLICATION_REJECTED"),
       "TemplateCode for 入会申请未通过 (params: name, reason).", 0, 0},
      {"sms", "max_per_number_per_day", int64_t{10},
       "The sender never sends more than this many SMS to one number in 24 hours, whatever "
       "queued them; further messages to it are marked failed (daily_limit).",
       1, 1000},
      {"sms", "max_attempts", int64_t{6}, "Sending attempts before a message is marked failed.", 1,
       20},
      {"sms", "retry_base_s", int64_t{30},
       "Wait before the first retry in seconds; it doubles with each further attempt.", 1, 3600},
      {"sms", "template_dues_paid", std::string("SMS_DUES_PAID"),
       "TemplateCode for 会费缴纳成功 (params: name, year, amount, order_no).", 0, 0},
      {"sms", "template_reduction_decided", std::string("SMS_REDUCTION_DECIDED"),
       "TemplateCode for 减免申请审批结果 (params: name, order_no, result).", 0, 0},
      {"dues", "order_expiry_s", int64_t{86400},
       "An unpaid dues order (会费缴纳申报) expires after this many seconds and frees its items.",
       300, 2592000},
      {"dues", "qr_expiry_s", int64_t{300},
       "A WeChat Pay / Alipay QR code is valid this many seconds; the kiosk keeps the screen "
       "(no idle reset) while it is.",
       60, 7200},
      {"dues", "sweep_interval_s", int64_t{30},
       "How often expired orders and QR codes are closed (seconds).", 1, 3600},
      {"dues", "query_interval_s", int64_t{3},
       "While a QR code is shown, the gateway's order-query API is asked at most this often "
       "(seconds).",
       1, 60},
      {"dues", "show_pay_link", false,
       "Demo only: show the QR code's text as a link under it (the payment simulator's pay page).",
       0, 0},
      {"wechat", "enabled", false, "Offer 微信支付 (WeChat Pay API v3, Native).", 0, 0},
      {"wechat", "api_base", std::string("https://api.mch.weixin.qq.com"),
       "WeChat Pay API base URL (the payment simulator's address in tests and the demo).", 0, 0},
      {"wechat", "mchid", std::string(""), "商户号 (merchant id).", 0, 0},
      {"wechat", "appid", std::string(""), "The AppID bound to the merchant.", 0, 0},
      {"wechat", "merchant_serial_no", std::string(""),
       "Serial number of the merchant API certificate (商户API证书序列号).", 0, 0},
      {"wechat", "merchant_key_file", std::string("/etc/memberdesk/wechat/apiclient_key.pem"),
       "Merchant API private key (PEM) that signs requests.", 0, 0},
      {"wechat", "apiv3_key_file", std::string("/etc/memberdesk/wechat/apiv3.key"),
       "File holding the 32-byte APIv3 key that decrypts notifications.", 0, 0},
      {"wechat", "platform_cert_file", std::string(""),
       "WeChat Pay platform certificate (PEM); its serial selects it. Empty: none.", 0, 0},
      {"wechat", "public_key_id", std::string(""),
       "WeChat Pay public key id (PUB_KEY_ID_…). Empty: none.", 0, 0},
      {"wechat", "public_key_file", std::string(""),
       "WeChat Pay public key (PEM) for public_key_id.", 0, 0},
      {"wechat", "notify_url", std::string(""),
       "Where WeChat Pay sends payment notifications (…/api/v1/pay/wechat/notify).", 0, 0},
      {"wechat", "timeout_s", int64_t{10}, "Seconds before a WeChat Pay request gives up.", 1, 60},
      {"alipay", "enabled", false, "Offer 支付宝支付 (alipay.trade.precreate, 当面付).", 0, 0},
      {"alipay", "gateway_url", std::string("https://openapi.alipay.com/gateway.do"),
       "Alipay OpenAPI gateway (the sandbox's or the payment simulator's in tests and the demo).",
       0, 0},
      {"alipay", "app_id", std::string(""), "Alipay app_id.", 0, 0},
      {"alipay", "seller_id", std::string(""),
       "The merchant's Alipay user id (2088…) that notifications must name.", 0, 0},
      {"alipay", "app_private_key_file", std::string("/etc/memberdesk/alipay/app_private_key.pem"),
       "Application private key (PEM) that signs requests (RSA2).", 0, 0},
      {"alipay", "alipay_public_key_file",
       std::string("/etc/memberdesk/alipay/alipay_public_key.pem"),
       "Alipay public key (PEM) that checks answers and notifications.", 0, 0},
      {"alipay", "notify_url", std::string(""),
       "Where Alipay sends payment notifications (…/api/v1/pay/alipay/notify).", 0, 0},
      {"alipay", "timeout_s", int64_t{10}, "Seconds before an Alipay request gives up.", 1, 60},
      {"certificates", "verify_base_url", std::string("http://127.0.0.1:8080"),
       "Base URL in the certificates' QR codes (…/#/verify?d=…&s=…): the address where people "
       "check a certificate, e.g. the association's public host.",
       0, 0},
      {"certificates", "key_file", std::string(""),
       "Ed25519 signing key of the certificates (made on first start). Empty: "
       "certificate-signing.key next to the database. Back it up with the database.",
       0, 0},
      {"certificates", "seal_image", std::string(""),
       "PNG of the association's seal printed on certificates. Empty: a neutral default seal.", 0,
       0},
      {"certificates", "card_size", std::string("85.6x54"),
       "Size of the on-screen certificate and of 下载PDF's card variant: \"a4\" or "
       "WIDTHxHEIGHT in millimetres.",
       0, 0},
      {"certificates", "print_size", std::string("a4"),
       "What the kiosk printer gets: \"a4\" or WIDTHxHEIGHT in millimetres (card stock).", 0, 0},
      {"printer", "cups_server", std::string(""),
       "CUPS scheduler (host:port or socket path). Empty: libcups' default (the local CUPS).", 0,
       0},
      {"printer", "queue", std::string("kiosk"), "CUPS queue of the kiosk's printer.", 0, 0},
      {"printer", "timeout_ms", int64_t{5000},
       "Longest wait for one CUPS request (milliseconds); requests never wait for it.", 200,
       60000},
      {"printer", "poll_interval_ms", int64_t{1000},
       "How often a print job's state is asked while it is open (milliseconds).", 200, 60000},
      {"printer", "status_interval_s", int64_t{10},
       "How often the printer's state is checked while nothing is printing (seconds).", 1, 3600},
      {"ime", "dictionary", std::string("/usr/share/rime-data/pinyin_simp.dict.yaml"),
       "Pinyin dictionary of the on-screen keyboard (rime-data-pinyin-simp). Empty or missing: "
       "letters only.",
       0, 0},
  };
  return keys;
}

Config Config::defaults() {
  Config c;
  for (const auto& k : schema()) c.values_[key_of(k)] = k.default_value;
  const std::string dir = state_dir();
  c.values_["store.database"] = dir + "/memberdesk.db";
  c.values_["store.backup_dir"] = dir + "/backups";
  return c;
}

Result<Config> Config::load_string(const std::string& text) {
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "config: " << e.description() << " at line " << e.source().begin.line;
    return make_error(ErrorKind::kInvalidArgument, "config_parse", msg.str());
  }
  Config c = defaults();
  for (const auto& [section_key, section_node] : table) {
    const std::string section(section_key.str());
    const toml::table* section_table = section_node.as_table();
    if (!section_table)
      return make_error(ErrorKind::kInvalidArgument, "config_key",
                        "config: '" + section + "' must be a table");
    for (const auto& [name_key, node] : *section_table) {
      const std::string key = section + "." + std::string(name_key.str());
      const KeySpec* spec = nullptr;
      for (const auto& k : schema())
        if (key_of(k) == key) spec = &k;
      if (!spec)
        return make_error(ErrorKind::kInvalidArgument, "config_key",
                          "config: unknown key '" + key + "'");
      if (std::holds_alternative<int64_t>(spec->default_value)) {
        auto v = node.value<int64_t>();
        if (!v || !node.is_integer())
          return make_error(ErrorKind::kInvalidArgument, "config_type",
                            "config: '" + key + "' must be an integer");
        if (*v < spec->min || *v > spec->max)
          return make_error(ErrorKind::kInvalidArgument, "config_range",
                            "config: '" + key + "' must be between " + std::to_string(spec->min) +
                                " and " + std::to_string(spec->max));
        c.values_[key] = *v;
      } else if (std::holds_alternative<bool>(spec->default_value)) {
        if (!node.is_boolean())
          return make_error(ErrorKind::kInvalidArgument, "config_type",
                            "config: '" + key + "' must be true or false");
        c.values_[key] = *node.value<bool>();
      } else {
        // A key whose default is empty (an unset credential) may be empty; paths may not.
        const bool may_be_empty = std::get<std::string>(spec->default_value).empty();
        if (!node.is_string() || (!may_be_empty && node.value<std::string>()->empty()))
          return make_error(ErrorKind::kInvalidArgument, "config_type",
                            "config: '" + key + "' must be a non-empty string");
        c.values_[key] = *node.value<std::string>();
      }
    }
  }
  return c;
}

Result<Config> Config::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::kNotFound, "config_missing", "config: cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return load_string(buf.str());
}

const std::string& Config::str(const std::string& key) const {
  return std::get<std::string>(values_.at(key));
}
int64_t Config::integer(const std::string& key) const { return std::get<int64_t>(values_.at(key)); }
bool Config::boolean(const std::string& key) const { return std::get<bool>(values_.at(key)); }

std::string render_default_toml() {
  std::ostringstream out;
  out << "# Member Desk configuration (/etc/memberdesk/memberdesk.toml).\n"
      << "# Every key is optional: a missing key, or a missing file, means the default shown.\n";
  std::string section;
  for (const auto& k : schema()) {
    if (k.section != section) {
      section = k.section;
      out << "\n[" << section << "]\n";
    }
    out << "# " << k.help;
    if (std::holds_alternative<int64_t>(k.default_value))
      out << " (" << k.min << "–" << k.max << ")";
    out << "\n" << k.name << " = " << render_value(k.default_value) << "\n";
  }
  return out.str();
}

}  // namespace md::config
