#include <doctest/doctest.h>

#include "notify/aliyun_signature.h"
#include "notify/sms_provider.h"
#include "notify/sms_sender.h"

using namespace md::notify;

namespace {

// The SendSms example of the Alibaba Cloud SMS documentation (method GET, secret testSecret).
std::map<std::string, std::string> published_params() {
  return {
      {"AccessKeyId", "testId"},
      {"Action", "SendSms"},
      {"Format", "XML"},
      {"OutId", "123"},
      {"PhoneNumbers", "15300000001"},
      {"RegionId", "cn-hangzhou"},
      {"SignName", "阿里云短信测试专用"},
      {"SignatureMethod", "HMAC-SHA1"},
      {"SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"},
      {"SignatureVersion", "1.0"},
      {"TemplateCode", "SMS_71390007"},
      {"TemplateParam", "{\"customer\":\"test\"}"},
      {"Timestamp", "2017-07-12T02:42:19Z"},
      {"Version", "2017-05-25"},
  };
}

}  // namespace

TEST_CASE("sms aliyun signature matches the published SendSms vector") {
  const auto params = published_params();
  const std::string sts = aliyun_string_to_sign("GET", params);
  CHECK(sts.rfind("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123",
                  0) == 0);
  // The query is encoded twice: once as k=v, then as a whole.
  CHECK(sts.find("%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591") !=
        std::string::npos);
  CHECK(sts.find("%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D") !=
        std::string::npos);
  CHECK(sts.find("%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25") !=
        std::string::npos);
  CHECK(aliyun_signature("testSecret", sts) == "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  // The vector is case-exact.
  CHECK(aliyun_signature("testsecret", sts) != "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
}

TEST_CASE("sms aliyun signed query is the canonical query with the encoded Signature last") {
  auto params = published_params();
  params["Signature"] = "ignored";  // a Signature among the params is not signed nor sent twice
  const std::string q = aliyun_signed_query("GET", params, "testSecret");
  CHECK(q.rfind("AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001",
                0) == 0);
  CHECK(q.find("&TemplateParam=%7B%22customer%22%3A%22test%22%7D&") != std::string::npos);
  CHECK(q.find("&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25&") != std::string::npos);
  const std::string tail = "&Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D";
  REQUIRE(q.size() > tail.size());
  CHECK(q.substr(q.size() - tail.size()) == tail);
  CHECK(q.find("ignored") == std::string::npos);
}

TEST_CASE("sms percent encoding follows RFC 3986 as Alibaba Cloud requires") {
  CHECK(percent_encode("AZaz09-_.~") == "AZaz09-_.~");
  CHECK(percent_encode("a b") == "a%20b");
  CHECK(percent_encode("*") == "%2A");
  CHECK(percent_encode("+") == "%2B");
  CHECK(percent_encode("/") == "%2F");
  CHECK(percent_encode("=&%") == "%3D%26%25");
  CHECK(percent_encode("{\"a\":1}") == "%7B%22a%22%3A1%7D");
  CHECK(percent_encode("") == "");
  // UTF-8 bytes, upper-case hex: the association's SignName.
  CHECK(percent_encode("中华全国专利代理师协会") ==
        "%E4%B8%AD%E5%8D%8E%E5%85%A8%E5%9B%BD%E4%B8%93%E5%88%A9%E4%BB%A3%E7%90%86%E5%B8%88%E5%8D%8F"
        "%E4%BC%9A");
  CHECK(percent_encode("【") == "%E3%80%90");
}

TEST_CASE("sms aliyun responses map to sent or retry or permanent failure") {
  auto ok = AliyunSmsProvider::classify_response(
      200, R"({"Code":"OK","Message":"OK","BizId":"900619746936498440^0","RequestId":"x"})");
  CHECK(ok.kind == SendResult::kSent);
  CHECK(ok.provider_id == "900619746936498440^0");

  for (const char* code :
       {"isv.MOBILE_NUMBER_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS",
        "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound"}) {
    CAPTURE(code);
    auto r = AliyunSmsProvider::classify_response(
        400, std::string(R"({"Code":")") + code + R"(","Message":"非法"})");
    CHECK(r.kind == SendResult::kPermanentFailure);
    CHECK(r.error.find(code) != std::string::npos);
  }
  // Rate limits, throttling and server trouble pass: try again later.
  CHECK(
      AliyunSmsProvider::classify_response(200, R"({"Code":"isv.BUSINESS_LIMIT_CONTROL"})").kind ==
      SendResult::kRetry);
  CHECK(AliyunSmsProvider::classify_response(503, R"({"Code":"ServiceUnavailable"})").kind ==
        SendResult::kRetry);
  auto bad_gateway = AliyunSmsProvider::classify_response(502, "<html>Bad Gateway</html>");
  CHECK(bad_gateway.kind == SendResult::kRetry);
  CHECK(bad_gateway.error.find("HTTP 502") == 0);
  CHECK(AliyunSmsProvider::classify_response(200, "").kind == SendResult::kRetry);
  // "OK" is only believed with a 2xx status.
  CHECK(AliyunSmsProvider::classify_response(500, R"({"Code":"OK"})").kind == SendResult::kRetry);
}

TEST_CASE("sms retry delay doubles from the base") {
  CHECK(retry_delay_s(1, 30) == 30);
  CHECK(retry_delay_s(2, 30) == 60);
  CHECK(retry_delay_s(3, 30) == 120);
  CHECK(retry_delay_s(6, 30) == 960);
  CHECK(retry_delay_s(20, 3600) == 3600LL << 19);
}

TEST_CASE("sms iso times move by seconds across days and months") {
  CHECK(*iso_plus_seconds("2026-03-01T00:00:00Z", 30) == "2026-03-01T00:00:30Z");
  CHECK(*iso_plus_seconds("2026-02-28T23:59:50Z", 20) == "2026-03-01T00:00:10Z");
  CHECK(*iso_plus_seconds("2026-12-31T23:00:00Z", 7200) == "2027-01-01T01:00:00Z");
  CHECK_FALSE(iso_plus_seconds("2026-03-01 00:00:00", 1).has_value());
  CHECK_FALSE(iso_plus_seconds("", 1).has_value());
}
