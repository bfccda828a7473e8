#include "paysim_process.h"

#include <curl/curl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

extern char** environ;

namespace apitest {
namespace {

const std::string kFixtures = MEMBERDESK_SHARED_DIR;  // tests/fixtures
const std::string kKeys = kFixtures + "/pay";

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

}  // namespace

Paysim::Paysim() {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("paysim: pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  const std::string script = kFixtures + "/../paysim/paysim.mjs";
  std::string a0 = "node", a1 = script, a2 = "--port", a3 = "0", a4 = "--host", a5 = "127.0.0.1",
              a6 = "--keys", a7 = kKeys, a8 = "--quiet";
  char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), a5.data(), a6.data(), a7.data(), a8.data(), nullptr};
  const int rc = posix_spawnp(&pid_, "node", &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    throw std::runtime_error("paysim: cannot start node");
  }
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  close(out[0]);  // later output (none with --quiet) would get SIGPIPE only if written
  const auto colon = line.rfind(':');
  if (line.rfind("paysim listening on http://127.0.0.1:", 0) != 0 || colon == std::string::npos)
    throw std::runtime_error("paysim did not start: " + line);
  port_ = std::stoi(line.substr(colon + 1));
}

Paysim::~Paysim() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string Paysim::daemon_toml(int timeout_s) const {
  const std::string base = "http://127.0.0.1:" + std::to_string(port_);
  return "[dues]\nquery_interval_s = 1\n"
         "[wechat]\nenabled = true\napi_base = \"" + base + "\"\nmchid = \"1900000001\"\n"
         "appid = \"wx8a5f0c1d2e3b4a59\"\nmerchant_serial_no = \"3775B6A45ACD588826D15E583A95F5DD2C6F5D0D\"\n"
         "merchant_key_file = \"" + kKeys + "/wechat/merchant_key.pem\"\n"
         "apiv3_key_file = \"" + kKeys + "/wechat/apiv3.key\"\n"
         "platform_cert_file = \"" + kKeys + "/wechat/platform_cert.pem\"\n"
         "public_key_id = \"PUB_KEY_ID_0119000000012026120300000000000001\"\n"
         "public_key_file = \"" + kKeys + "/wechat/pubkey.pem\"\ntimeout_s = " + std::to_string(timeout_s) + "\n"
         "[alipay]\nenabled = true\ngateway_url = \"" + base + "/gateway.do\"\napp_id = \"2021000000000001\"\n"
         "seller_id = \"2088000000000001\"\napp_private_key_file = \"" + kKeys + "/alipay/app_key.pem\"\n"
         "alipay_public_key_file = \"" + kKeys + "/alipay/alipay_public.pem\"\ntimeout_s = " + std::to_string(timeout_s) + "\n";
}

nlohmann::json Paysim::post(const std::string& path, const nlohmann::json& body, long* status) const {
  CURL* curl = curl_easy_init();
  std::string out;
  const std::string url = "http://127.0.0.1:" + std::to_string(port_) + path;
  const std::string data = body.dump();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, data.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  const CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) throw std::runtime_error("paysim " + path + ": " + curl_easy_strerror(rc));
  if (status) *status = code;
  return nlohmann::json::parse(out, nullptr, false);
}

nlohmann::json Paysim::get(const std::string& path) const {
  CURL* curl = curl_easy_init();
  std::string out;
  const std::string url = "http://127.0.0.1:" + std::to_string(port_) + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) throw std::runtime_error("paysim " + path + ": " + curl_easy_strerror(rc));
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace apitest
