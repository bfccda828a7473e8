#include "notify/aliyun_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace md::notify {

std::string percent_encode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::string aliyun_canonical_query(const std::map<std::string, std::string>& params) {
  // std::map orders names byte-wise, which is the order the service expects.
  std::string q;
  for (const auto& [name, value] : params) {
    if (name == "Signature") continue;
    if (!q.empty()) q.push_back('&');
    q += percent_encode(name);
    q.push_back('=');
    q += percent_encode(value);
  }
  return q;
}

std::string aliyun_string_to_sign(std::string_view method,
                                  const std::map<std::string, std::string>& params) {
  std::string s(method);
  s += "&%2F&";
  s += percent_encode(aliyun_canonical_query(params));
  return s;
}

std::string aliyun_signature(std::string_view secret, std::string_view string_to_sign) {
  const std::string key = std::string(secret) + "&";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(string_to_sign.data()), string_to_sign.size(), mac,
       &mac_len);
  std::string b64(4 * ((mac_len + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), mac, static_cast<int>(mac_len));
  b64.resize(static_cast<size_t>(n));
  return b64;
}

std::string aliyun_signed_query(std::string_view method,
                                const std::map<std::string, std::string>& params,
                                std::string_view secret) {
  std::string q = aliyun_canonical_query(params);
  q += "&Signature=";
  q += percent_encode(aliyun_signature(secret, aliyun_string_to_sign(method, params)));
  return q;
}

}  // namespace md::notify
