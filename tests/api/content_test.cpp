// Public content: 常见问题 and the pages 入会指南 / 章程.
#include <doctest/doctest.h>

#include <string>

#include "harness.h"

using apitest::HttpClient;
using apitest::TestDaemon;

TEST_CASE("faq lists questions with answers") {
  TestDaemon d;
  HttpClient c(d.port());
  auto r = c.get("/content/faq");
  REQUIRE(r.status == 200);
  REQUIRE(r.body["items"].is_array());
  CHECK(r.body["items"].size() >= 3);
  for (const auto& item : r.body["items"]) {
    CHECK(item["id"].is_number_integer());
    REQUIRE(item["question"].is_string());
    REQUIRE(item["answer"].is_string());
    CHECK_FALSE(item["question"].get<std::string>().empty());
    CHECK_FALSE(item["answer"].get<std::string>().empty());
  }
  // The first question new members ask is about the default password.
  bool mentions_default_password = false;
  for (const auto& item : r.body["items"])
    mentions_default_password |= item["answer"].get<std::string>().find("默认密码") != std::string::npos;
  CHECK(mentions_default_password);
}

TEST_CASE("guide page is served") {
  TestDaemon d;
  HttpClient c(d.port());
  auto r = c.get("/content/pages/guide");
  REQUIRE(r.status == 200);
  CHECK(r.body["slug"] == "guide");
  REQUIRE(r.body["title"].is_string());
  CHECK(r.body["title"].get<std::string>().find("入会指南") != std::string::npos);
  REQUIRE(r.body["body"].is_string());
  CHECK(r.body["body"].get<std::string>().size() > 20);
}

TEST_CASE("charter page is served with 章程 in its title") {
  TestDaemon d;
  HttpClient c(d.port());
  auto r = c.get("/content/pages/charter");
  REQUIRE(r.status == 200);
  CHECK(r.body["slug"] == "charter");
  REQUIRE(r.body["title"].is_string());
  CHECK(r.body["title"].get<std::string>().find("章程") != std::string::npos);
  REQUIRE(r.body["body"].is_string());
  const std::string body = r.body["body"].get<std::string>();
  CHECK(body.size() > 20);
  CHECK(body.find('\n') != std::string::npos);  // plain text with paragraphs
  CHECK(body.find('<') == std::string::npos);   // not HTML
}

TEST_CASE("unknown page slug is 404 not_found") {
  TestDaemon d;
  HttpClient c(d.port());
  for (const std::string slug : {"nope", "GUIDE", "guide%27%20OR%201%3D1"}) {
    CAPTURE(slug);
    auto r = c.get(std::string("/content/pages/") + slug);
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
  }
}
