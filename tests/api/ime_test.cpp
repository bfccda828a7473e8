// GET /ime: pinyin candidates for the on-screen keyboard over real HTTP, with Debian's
// rime-data-pinyin-simp dictionary (the configured default), and without a dictionary.
#include <doctest/doctest.h>

#include <string>

#include "harness.h"

using apitest::DaemonOptions;
using apitest::HttpClient;
using apitest::Json;
using apitest::TestDaemon;

namespace {

DaemonOptions no_roster() {
  DaemonOptions o;
  o.import_roster = false;
  return o;
}

}  // namespace

TEST_CASE("ime answers ranked candidates with what each one consumes") {
  TestDaemon d(no_roster());
  HttpClient anon(d.port());
  auto r = anon.get("/ime?q=zhuanlidaili");
  REQUIRE(r.status == 200);
  CHECK(r.body["q"] == "zhuanlidaili");
  CHECK(r.body["syllables"] == Json::array({"zhuan", "li", "dai", "li"}));
  REQUIRE(r.body["candidates"].size() > 5);
  CHECK(r.body["candidates"][0]["text"] == "专利代理");
  CHECK(r.body["candidates"][0]["consumed"] == 12);
  CHECK(r.body["candidates"][1]["text"] == "专利");
  CHECK(r.body["candidates"][1]["consumed"] == 7);

  // Upper case is read as lower case; the limit bounds the list.
  auto upper = anon.get("/ime?q=ZhuanLi&limit=3");
  REQUIRE(upper.status == 200);
  CHECK(upper.body["candidates"].size() == 3);
  CHECK(upper.body["candidates"][0]["text"] == "专利");

  // Name fields: 张 before the commoner 长, and 张伟 for the whole name.
  auto name = anon.get("/ime?q=zhangwei&kind=name");
  REQUIRE(name.status == 200);
  CHECK(name.body["candidates"][0]["text"] == "张伟");
  auto given = anon.get("/ime?q=wei&kind=given_name");
  CHECK(given.body["candidates"][0]["text"] == "伟");

  // Letters that start no syllable: no candidates, not an error.
  auto none = anon.get("/ime?q=iii");
  REQUIRE(none.status == 200);
  CHECK(none.body["candidates"].empty());
  CHECK(anon.get("/ime?q=").body["candidates"].empty());
}

TEST_CASE("ime refuses input that is not pinyin letters and unknown kinds") {
  TestDaemon d(no_roster());
  HttpClient anon(d.port());
  auto digits = anon.get("/ime?q=zhuan1");
  CHECK(digits.status == 400);
  CHECK(digits.body["error"]["fields"]["q"] == "拼音只能包含字母和隔音符号（'），最多60个");
  CHECK(anon.get("/ime?q=" + std::string(61, 'a')).status == 400);
  CHECK(anon.get("/ime?q=%E4%B8%93").status == 400);
  auto kind = anon.get("/ime?q=li&kind=surname");
  CHECK(kind.status == 400);
  CHECK(kind.body["error"]["fields"].contains("kind"));
}

TEST_CASE("without a dictionary the daemon still starts and ime says pinyin is unavailable") {
  DaemonOptions o = no_roster();
  o.toml = "[ime]\ndictionary = \"/nonexistent/pinyin.dict.yaml\"\n";
  TestDaemon d(o);
  HttpClient anon(d.port());
  CHECK(anon.get("/health").status == 200);
  auto r = anon.get("/ime?q=zhuanli");
  CHECK(r.status == 503);
  CHECK(r.body["error"]["code"] == "ime_unavailable");
}
