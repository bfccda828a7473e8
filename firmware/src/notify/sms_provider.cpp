#include "notify/sms_provider.h"

#include <curl/curl.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "notify/aliyun_signature.h"
#include "store/db.h"

namespace md::notify {
namespace {

// Codes that mean the request itself is wrong: sending it again cannot succeed.
constexpr std::array<std::string_view, 7> kPermanentCodes = {
    "isv.MOBILE_NUMBER_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS",
    "SignatureDoesNotMatch",     "InvalidAccessKeyId.NotFound",     "isv.SMS_TEMPLATE_ILLEGAL",
    "isv.SMS_SIGNATURE_ILLEGAL",
};

constexpr size_t kMaxBody = 64 * 1024;

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

// 16 random bytes as a UUID-shaped hex string (SignatureNonce must not repeat).
std::string random_nonce() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    // Practically unreachable; a clock-based nonce still differs between requests.
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    for (size_t i = 0; i < sizeof b; ++i) b[i] = static_cast<unsigned char>(now >> (i % 8 * 8));
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < sizeof b; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0F]);
  }
  return out;
}

size_t append_body(char* data, size_t size, size_t nmemb, void* user) {
  auto* body = static_cast<std::string*>(user);
  const size_t n = size * nmemb;
  if (body->size() < kMaxBody) body->append(data, std::min(n, kMaxBody - body->size()));
  return n;
}

}  // namespace

SendResult LogProvider::send(const OutboxMessage& msg) {
  std::fprintf(out_, "sms[log] to=%s event=%s text=%s\n", msg.phone.c_str(), msg.event.c_str(),
               one_line(msg.text).c_str());
  std::fflush(out_);
  return {SendResult::kSent, "log", ""};
}

AliyunSmsProvider::AliyunSmsProvider(AliyunOptions opts) : opts_(std::move(opts)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // reference-counted; thread-safe in libcurl >= 7.84
}

AliyunSmsProvider::~AliyunSmsProvider() {
  curl_global_cleanup();
}

std::map<std::string, std::string> AliyunSmsProvider::request_params(
    const OutboxMessage& msg, const std::string& timestamp, const std::string& nonce) const {
  return {
      {"AccessKeyId", opts_.access_key_id},
      {"Action", "SendSms"},
      {"Format", "JSON"},
      {"OutId", std::to_string(msg.id)},
      {"PhoneNumbers", msg.phone},
      {"RegionId", "cn-hangzhou"},
      {"SignName", opts_.sign_name},
      {"SignatureMethod", "HMAC-SHA1"},
      {"SignatureNonce", nonce},
      {"SignatureVersion", "1.0"},
      {"TemplateCode", msg.template_code},
      {"TemplateParam", msg.params_json},
      {"Timestamp", timestamp},
      {"Version", "2017-05-25"},
  };
}

SendResult AliyunSmsProvider::classify_response(long http_status, const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  std::string code, message, biz_id;
  if (j.is_object()) {
    if (auto it = j.find("Code"); it != j.end() && it->is_string()) code = it->get<std::string>();
    if (auto it = j.find("Message"); it != j.end() && it->is_string()) {
      message = it->get<std::string>();
    }
    if (auto it = j.find("BizId"); it != j.end() && it->is_string()) {
      biz_id = it->get<std::string>();
    }
  }
  const std::string http = "HTTP " + std::to_string(http_status);
  if (code == "OK" && http_status >= 200 && http_status < 300) {
    return {SendResult::kSent, biz_id, ""};
  }
  if (!code.empty()) {
    std::string error = code + (message.empty() ? "" : ": " + message) + " (" + http + ")";
    for (auto permanent : kPermanentCodes) {
      if (code == permanent) return {SendResult::kPermanentFailure, "", one_line(error)};
    }
    return {SendResult::kRetry, "", one_line(error)};
  }
  // No Code: a proxy's error page, a 5xx, or something unexpected. Worth another try later.
  return {SendResult::kRetry, "", one_line(http + ": " + body.substr(0, 200))};
}

SendResult AliyunSmsProvider::send(const OutboxMessage& msg) {
  const auto params = request_params(msg, store::utc_now_iso(), random_nonce());
  std::string url = opts_.endpoint;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += aliyun_signed_query("GET", params, opts_.access_key_secret);

  CURL* curl = curl_easy_init();
  if (!curl) return {SendResult::kRetry, "", "curl_easy_init failed"};
  std::string body;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, opts_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "memberdesk/" MEMBERDESK_VERSION);
  const CURLcode rc = curl_easy_perform(curl);
  long http_status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return {SendResult::kRetry, "",
            std::string("curl: ") + (errbuf[0] ? errbuf : curl_easy_strerror(rc))};
  }
  return classify_response(http_status, body);
}

Result<std::string> read_secret_file(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return make_error(ErrorKind::kUnavailable, "secret_unreadable",
                      "cannot read the secret file " + path);
  }
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  if (first == std::string::npos) {
    return make_error(ErrorKind::kInvalidArgument, "secret_empty",
                      "the secret file " + path + " has an empty first line");
  }
  return line.substr(first, last - first + 1);
}

Result<std::unique_ptr<SmsProvider>> make_provider(const config::Config& cfg) {
  const std::string& kind = cfg.str("sms.provider");
  if (kind == "log") return std::unique_ptr<SmsProvider>(std::make_unique<LogProvider>());
  if (kind != "aliyun") {
    return make_error(ErrorKind::kInvalidArgument, "sms_provider_unknown",
                      "sms.provider must be \"log\" or \"aliyun\", not \"" + kind + "\"");
  }
  AliyunOptions opts;
  opts.endpoint = cfg.str("sms.aliyun_endpoint");
  opts.access_key_id = cfg.str("sms.aliyun_access_key_id");
  opts.sign_name = cfg.str("sms.sign_name");
  if (opts.access_key_id.empty()) {
    return make_error(ErrorKind::kInvalidArgument, "sms_config",
                      "sms.provider is \"aliyun\" but sms.aliyun_access_key_id is empty");
  }
  auto secret = read_secret_file(cfg.str("sms.aliyun_access_key_secret_file"));
  if (!secret.ok()) return secret.error();
  opts.access_key_secret = std::move(secret).value();
  return std::unique_ptr<SmsProvider>(std::make_unique<AliyunSmsProvider>(std::move(opts)));
}

}  // namespace md::notify
