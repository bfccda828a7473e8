// 首页通知: the notice an admin sets for the kiosk's home (attract) screen, read by everybody
// through GET /kiosk/settings; audited, bounded, removable.
#include <doctest/doctest.h>

#include <string>

#include "harness.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::Json;
using apitest::sql_text;
using apitest::TestDaemon;

namespace {

const apitest::StaffSpec kAdmin{"admin1", "管理员", "admin", "Admin12345x"};

DaemonOptions options() {
  DaemonOptions o;
  o.import_roster = false;
  o.staff = {kAdmin, apitest::desk_staff()};
  return o;
}

apitest::HttpResponse put(HttpClient& c, const std::string& path, const Json& body) {
  return c.request("PUT", path, body.dump(), "application/json");
}

}  // namespace

TEST_CASE("an admin sets the home screen notice and every kiosk visitor reads it") {
  TestDaemon d(options());
  HttpClient anon(d.port());
  CHECK(anon.get("/kiosk/settings").body["notice"] == "");

  HttpClient admin(d.port());
  REQUIRE(admin.login_staff(kAdmin.login_id, kAdmin.password).status == 200);
  auto set = put(admin, "/staff/kiosk/notice", {{"notice", "  国庆期间（10月1日至7日）前台暂停人工服务。 "}});
  REQUIRE(set.status == 200);
  CHECK(set.body["notice"] == "国庆期间（10月1日至7日）前台暂停人工服务。");
  CHECK(anon.get("/kiosk/settings").body["notice"] == "国庆期间（10月1日至7日）前台暂停人工服务。");
  auto logged = Json::parse(sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'kiosk.notice_update'"));
  CHECK(logged["notice"] == "国庆期间（10月1日至7日）前台暂停人工服务。");

  // Too long: refused with the field's message, the old notice stays.
  auto too_long = put(admin, "/staff/kiosk/notice", {{"notice", std::string(201, 'x')}});
  CHECK(too_long.status == 400);
  CHECK(too_long.body["error"]["fields"]["notice"] == "首页通知不超过200个字（留空则不显示）");
  CHECK(anon.get("/kiosk/settings").body["notice"] == "国庆期间（10月1日至7日）前台暂停人工服务。");

  // Empty removes it.
  REQUIRE(put(admin, "/staff/kiosk/notice", {{"notice", ""}}).status == 200);
  CHECK(anon.get("/kiosk/settings").body["notice"] == "");

  // Only an admin sets it.
  HttpClient desk(d.port());
  REQUIRE(desk.login_staff(apitest::desk_staff().login_id, apitest::desk_staff().password).status == 200);
  CHECK(put(desk, "/staff/kiosk/notice", {{"notice", "前台通知"}}).status == 403);
  CHECK(put(anon, "/staff/kiosk/notice", {{"notice", "匿名"}}).status == 401);
}
