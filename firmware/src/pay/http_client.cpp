#include "pay/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace md::pay {
namespace {

// Gateway answers are a few kilobytes; anything far larger is not a gateway.
constexpr size_t kMaxBody = 1024 * 1024;

struct Exchange {
  HttpResponse* resp;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * nmemb;
  if (ex->resp->body.size() + n > kMaxBody) {
    ex->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  ex->resp->body.append(data, n);
  return n;
}

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

size_t on_header(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * nmemb;
  std::string line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    ex->resp->headers.clear();  // a new response (after a 100 Continue or a redirect)
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = trim(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  ex->resp->headers[name] = trim(line.substr(colon + 1));
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

Result<HttpResponse> http_send(const HttpRequest& req) {
  global_init();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return make_error(ErrorKind::kUnavailable, "transport", "curl_easy_init failed");
  HttpResponse resp;
  Exchange ex{&resp};
  char errbuf[CURL_ERROR_SIZE] = {0};

  curl_slist* raw_list = nullptr;
  for (const auto& [name, value] : req.headers) {
    raw_list = curl_slist_append(raw_list, (name + ": " + value).c_str());
  }
  // curl would otherwise wait for "100 Continue" before sending larger bodies.
  raw_list = curl_slist_append(raw_list, "Expect:");
  std::unique_ptr<curl_slist, SlistDeleter> list(raw_list);

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
  if (req.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_TIMEOUT, req.timeout_s);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, req.timeout_s);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a gateway does not redirect API calls
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);

  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string why =
        ex.too_large ? "answer larger than 1 MiB" : (errbuf[0] ? errbuf : curl_easy_strerror(rc));
    return make_error(ErrorKind::kUnavailable,
                      rc == CURLE_OPERATION_TIMEDOUT ? "timeout" : "transport",
                      req.method + " " + req.url + ": " + why);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
  return resp;
}

std::string url_path_and_query(const std::string& url) {
  const auto scheme = url.find("://");
  const size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
  const auto slash = url.find_first_of("/?", host_start);
  if (slash == std::string::npos) return "/";
  std::string rest = url.substr(slash);
  if (rest[0] == '?') rest = "/" + rest;
  const auto hash = rest.find('#');
  if (hash != std::string::npos) rest.resize(hash);
  return rest;
}

}  // namespace md::pay
