// 会员证 through the API: issued when the dues are paid, by staff by hand, re-issued and voided;
// the signed QR and 证书核验 by number, by the QR's URL, by a camera frame and by an uploaded
// picture; the member's preview and PDF; who may do what. Printing: printing_test.cpp.
#include <cairo.h>
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <array>
#include <atomic>
#include <thread>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "certificate_support.h"
#include "certs/signing_key.h"
#include "harness.h"

using apitest::HttpClient;
using apitest::Json;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;
using namespace certtest;

namespace {

// The d and s parameters of a verification URL.
std::pair<std::string, std::string> signed_pair(const std::string& url) {
  const size_t d = url.find("d="), amp = url.find("&s=");
  REQUIRE(d != std::string::npos);
  REQUIRE(amp != std::string::npos);
  return {url.substr(d + 2, amp - d - 2), url.substr(amp + 3)};
}

std::string payload_of(const std::string& url) {
  auto p = md::certs::from_base64url(signed_pair(url).first);
  REQUIRE(p.ok());
  return *p;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

Json verify(HttpClient& c, const Json& body) {
  auto r = c.post("/certificates/verify", body);
  REQUIRE(r.status == 200);
  return r.body;
}

// PNG bytes → 8-bit grey pixels (what the kiosk page sends from its camera).
std::vector<uint8_t> grey_of_png(const std::string& png, int* w, int* h) {
  struct Reader {
    const std::string* data;
    size_t at = 0;
  } reader{&png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* out, unsigned int len) {
        auto* r = static_cast<Reader*>(closure);
        if (r->at + len > r->data->size()) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(out, r->data->data() + r->at, len);
        r->at += len;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  REQUIRE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
  cairo_surface_flush(s);
  *w = cairo_image_surface_get_width(s);
  *h = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* px = cairo_image_surface_get_data(s);
  std::vector<uint8_t> grey(static_cast<size_t>(*w) * *h);
  for (int y = 0; y < *h; ++y)
    for (int x = 0; x < *w; ++x) {
      uint32_t v;
      std::memcpy(&v, px + y * stride + x * 4, 4);
      grey[static_cast<size_t>(y) * *w + x] =
          static_cast<uint8_t>((((v >> 16) & 0xff) * 30 + ((v >> 8) & 0xff) * 59 + (v & 0xff) * 11) / 100);
    }
  cairo_surface_destroy(s);
  return grey;
}

}  // namespace

TEST_CASE("paying the dues issues the year's certificate once and it verifies by number and QR and offline") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  auto before = att.get("/member/certificates");
  REQUIRE(before.status == 200);
  CHECK(before.body["current"].is_null());
  CHECK(before.body["certificates"].empty());
  CHECK(before.body["dues_url"] == "/member/dues");

  pay_by_bank(d, att, "1100001");
  Json c = current_certificate(att);
  const std::string no = c["cert_no"];
  CHECK(no.size() == 10);
  CHECK(no.substr(0, 4) == std::to_string(year_now()));
  CHECK(c["year"] == year_now());
  CHECK(c["version"] == 1);
  CHECK(c["status"] == "valid");
  CHECK(c["in_force"] == true);
  CHECK(c["issue_reason"] == "dues_paid");
  CHECK(c["valid_until"] == std::to_string(year_now()) + "-12-31");
  CHECK(c["member_type_label"] == "个人会员（专利代理师）");
  CHECK(c["name"] == sql_text(d, "SELECT name FROM members WHERE login_id = '1100001'"));
  CHECK(c["member_no"] == sql_text(d, "SELECT member_no FROM members WHERE login_id = '1100001'"));
  CHECK(sql_int(d, "SELECT COUNT(*) FROM certificates") == 1);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issue' AND actor = 'system' "
                   "AND object = 'certificate:" + no + "'") == 1);

  // 证书核验 needs no login.
  HttpClient visitor(d.port());
  auto by_no = verify(visitor, {{"no", no.substr(0, 4) + " " + no.substr(4)}});
  CHECK(by_no["verdict"] == "genuine");
  CHECK(by_no["message"] == "证书真实有效");
  CHECK(by_no["certificate"]["name"] == c["name"]);
  CHECK(by_no["certificate"]["cert_no"] == no);
  const std::string url = c["verify_url"];
  CHECK(url.rfind("http://127.0.0.1:8080/#/verify?d=", 0) == 0);
  CHECK(verify(visitor, {{"qr", url}})["verdict"] == "genuine");
  auto [dd, ss] = signed_pair(url);
  CHECK(verify(visitor, {{"d", dd}, {"s", ss}})["verdict"] == "genuine");
  CHECK(payload_of(url) == "MDC1|" + no + "|1|" + std::to_string(year_now()) + "|" + c["member_no"].get<std::string>() +
                               "|attorney|" + c["name"].get<std::string>() + "|" + c["valid_until"].get<std::string>() +
                               "|" + c["issued_on"].get<std::string>());

  // Anyone can check the signature offline with the published key, as README shows.
  auto key = visitor.get("/certificates/public-key");
  REQUIRE(key.status == 200);
  CHECK(key.body["algorithm"] == "Ed25519");
  auto pem = visitor.get("/certificates/public-key.pem");
  REQUIRE(pem.status == 200);
  CHECK(pem.raw_body == key.body["public_key_pem"].get<std::string>());
  CHECK(pem.raw_body.rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
  const std::string dir = d.dir();
  write_file(dir + "/pub.pem", pem.raw_body);
  write_file(dir + "/payload.txt", payload_of(url));
  auto sig = md::certs::from_base64url(ss);
  REQUIRE(sig.ok());
  CHECK(sig->size() == 64);
  write_file(dir + "/sig.bin", *sig);
  const std::string check = "openssl pkeyutl -verify -pubin -inkey " + dir + "/pub.pem -rawin -in " + dir +
                            "/payload.txt -sigfile " + dir + "/sig.bin";
  CHECK(run(check).find("Signature Verified Successfully") != std::string::npos);
  write_file(dir + "/payload.txt", replaced(payload_of(url), "|1|", "|2|"));
  CHECK(run(check).find("Signature Verification Failure") != std::string::npos);

  // The key is the appliance's: kept next to the database, readable by its owner only.
  struct stat st {};
  REQUIRE(::stat((dir + "/certificate-signing.key").c_str(), &st) == 0);
  CHECK(st.st_size == 64);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a tampered number or name or a foreign signature does not verify") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient a1(d.port()), a2(d.port());
  REQUIRE(a1.login_member("1100001", kPw).status == 200);
  REQUIRE(a2.login_member("1100002", kPw).status == 200);
  pay_by_bank(d, a1, "1100001");
  pay_by_bank(d, a2, "1100002");
  const Json c1 = current_certificate(a1), c2 = current_certificate(a2);
  REQUIRE(c1["cert_no"] != c2["cert_no"]);
  const std::string url = c1["verify_url"];
  const auto [dd, ss] = signed_pair(url);
  const std::string payload = payload_of(url);
  HttpClient v(d.port());

  SUBCASE("another genuine number in the signed text") {
    std::string forged = replaced(payload, c1["cert_no"], c2["cert_no"]);
    auto r = verify(v, {{"d", md::certs::base64url(forged)}, {"s", ss}});
    CHECK(r["verdict"] == "not_genuine");
    CHECK(r["message"] == "未能核验：证书不存在或内容被篡改");
    CHECK_FALSE(r.contains("certificate"));
  }
  SUBCASE("another name") {
    std::string forged = replaced(payload, c1["name"], "李四");
    CHECK(verify(v, {{"d", md::certs::base64url(forged)}, {"s", ss}})["verdict"] == "not_genuine");
    CHECK(verify(v, {{"qr", replaced(url, dd, md::certs::base64url(forged))}})["verdict"] == "not_genuine");
  }
  SUBCASE("the validity moved on") {
    std::string forged = replaced(payload, c1["valid_until"], "2099-12-31");
    CHECK(verify(v, {{"d", md::certs::base64url(forged)}, {"s", ss}})["verdict"] == "not_genuine");
  }
  SUBCASE("a signature by another key over a matching text") {
    std::array<uint8_t, 32> seed{};
    seed.fill(7);
    auto other = md::certs::SigningKey::from_seed(seed);
    CHECK(verify(v, {{"d", dd}, {"s", other.sign(payload)}})["verdict"] == "not_genuine");
  }
  SUBCASE("another certificate's signature") {
    const auto s2 = signed_pair(c2["verify_url"]).second;
    CHECK(verify(v, {{"d", dd}, {"s", s2}})["verdict"] == "not_genuine");
  }
  SUBCASE("typed numbers") {
    CHECK(verify(v, {{"no", std::to_string(year_now()) + "999999"}})["verdict"] == "not_genuine");
    CHECK(verify(v, {{"no", "２０２６０００００１"}}).contains("verdict"));  // full-width digits are read
    auto bad = v.post("/certificates/verify", {{"no", "12345"}});
    CHECK(bad.status == 400);
    CHECK(bad.body["error"]["fields"]["no"] == "请输入10位证书编号");
    CHECK(v.post("/certificates/verify", {{"no", "2026'; DROP TABLE certificates;--"}}).status == 400);
    CHECK(verify(v, {{"qr", "https://example.com/not-ours"}})["verdict"] == "not_genuine");
    CHECK(verify(v, {{"d", "!!"}, {"s", "??"}})["verdict"] == "not_genuine");
  }
  SUBCASE("a row changed behind the daemon's back") {
    apitest::sql_exec(d, "DROP TRIGGER certificates_facts_fixed");
    apitest::sql_exec(d, "UPDATE certificates SET name = '李四' WHERE cert_no = '" + c1["cert_no"].get<std::string>() + "'");
    CHECK(verify(v, {{"no", c1["cert_no"]}})["verdict"] == "not_genuine");
    CHECK(verify(v, {{"no", c2["cert_no"]}})["verdict"] == "genuine");
  }
}

TEST_CASE("re-issue makes a new version and number and the old one verifies as void") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  pay_by_bank(d, att, "1100001");
  const Json old = current_certificate(att);
  const std::string old_id = std::to_string(old["id"].get<int64_t>());

  HttpClient desk(d.port()), admin(d.port());
  REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
  REQUIRE(admin.login_staff(kAdmin.login_id, kAdmin.password).status == 200);
  CHECK(desk.post("/staff/certificates/" + old_id + "/reissue", {{"reason", "姓名变更"}}).status == 403);
  CHECK(desk.post("/staff/certificates/" + old_id + "/void", {{"reason", "x"}}).status == 403);
  auto noreason = admin.post("/staff/certificates/" + old_id + "/reissue", {{"reason", "  "}});
  CHECK(noreason.status == 400);
  CHECK(noreason.body["error"]["fields"]["reason"] == "请填写原因");

  apitest::sql_exec(d, "UPDATE members SET name = '陈新名' WHERE login_id = '1100001'");
  auto re = admin.post("/staff/certificates/" + old_id + "/reissue", {{"reason", "姓名变更"}});
  REQUIRE(re.status == 201);
  const Json neu = re.body["certificate"];
  CHECK(neu["version"] == 2);
  CHECK(neu["name"] == "陈新名");
  CHECK(neu["cert_no"] != old["cert_no"]);
  CHECK(neu["replaces_id"] == old["id"]);
  CHECK(neu["year"] == old["year"]);
  CHECK(current_certificate(att)["id"] == neu["id"]);
  auto history = att.get("/member/certificates").body["certificates"];
  REQUIRE(history.size() == 2);
  CHECK(history[1]["status"] == "void");
  CHECK(history[1]["status_label"] == "已作废");

  HttpClient v(d.port());
  auto was = verify(v, {{"qr", old["verify_url"]}});
  CHECK(was["verdict"] == "void");
  CHECK(was["message"] == "证书真实，但已作废（已重新签发：姓名变更）");
  CHECK(verify(v, {{"no", old["cert_no"]}})["verdict"] == "void");
  CHECK(verify(v, {{"qr", neu["verify_url"]}})["verdict"] == "genuine");
  CHECK(admin.post("/staff/certificates/" + old_id + "/reissue", {{"reason", "再次"}}).status == 409);

  const std::string new_id = std::to_string(neu["id"].get<int64_t>());
  auto voided = admin.post("/staff/certificates/" + new_id + "/void", {{"reason", "会员退会"}});
  REQUIRE(voided.status == 200);
  CHECK(voided.body["certificate"]["status"] == "void");
  CHECK(verify(v, {{"no", neu["cert_no"]}})["message"] == "证书真实，但已作废（会员退会）");
  CHECK(admin.post("/staff/certificates/" + new_id + "/void", {{"reason", "again"}}).status == 409);
  CHECK(att.get("/member/certificates").body["current"].is_null());
  CHECK(att.post("/member/certificates/" + new_id + "/print", Json::object()).status == 409);

  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.void'") == 2);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.reissue' AND actor = 'staff:adm1'") == 1);
  // The database keeps the signed facts and the void state final.
  CHECK_THROWS(apitest::sql_exec(d, "UPDATE certificates SET name = '王五' WHERE id = " + new_id));
  CHECK_THROWS(apitest::sql_exec(d, "UPDATE certificates SET status = 'valid' WHERE id = " + new_id));
}

TEST_CASE("staff issue by hand with a reason and an expired year verifies as expired") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001"});
  const std::string att_id = std::to_string(member_id(d, "1100001"));
  const std::string roster_id = std::to_string(member_id(d, "1100005"));  // not applied
  HttpClient desk(d.port()), rev(d.port());
  REQUIRE(desk.login_staff("desk1", "Desk12345x").status == 200);
  REQUIRE(rev.login_staff("rev1", "Review12345x").status == 200);
  const std::string path = "/staff/members/" + att_id + "/certificates";
  auto missing = desk.post(path, {{"year", year_now()}});
  CHECK(missing.status == 400);
  CHECK(missing.body["error"]["fields"].contains("reason"));
  CHECK(desk.post(path, {{"year", 1999}, {"reason", "补发"}}).body["error"]["fields"].contains("year"));
  CHECK(rev.post(path, {{"year", year_now()}, {"reason", "补发"}}).status == 403);
  CHECK(desk.post("/staff/members/" + roster_id + "/certificates", {{"year", year_now()}, {"reason", "补发"}}).body["error"]["code"] ==
        "not_issuable");
  CHECK(desk.post("/staff/members/999999/certificates", {{"year", year_now()}, {"reason", "补发"}}).status == 404);

  auto issued = desk.post(path, {{"year", year_now()}, {"reason", "线下缴费"}});
  REQUIRE(issued.status == 201);
  CHECK(issued.body["certificate"]["issue_reason"] == "staff");
  CHECK(issued.body["certificate"]["note"] == "线下缴费");
  auto twice = desk.post(path, {{"year", year_now()}, {"reason", "线下缴费"}});
  CHECK(twice.status == 409);
  CHECK(twice.body["error"]["code"] == "already_issued");

  auto last_year = desk.post(path, {{"year", year_now() - 1}, {"reason", "补录上年度"}});
  REQUIRE(last_year.status == 201);
  HttpClient v(d.port());
  auto r = verify(v, {{"no", last_year.body["certificate"]["cert_no"]}});
  CHECK(r["verdict"] == "expired");
  CHECK(r["message"] == "证书真实，但已过有效期（有效期至" + std::to_string(year_now() - 1) + "年12月31日）");
  CHECK(last_year.body["certificate"]["status_label"] == "已过期");
  CHECK(last_year.body["certificate"]["in_force"] == false);

  // Staff find it by name, number or member number; reviewers may look.
  auto found = rev.get("/staff/certificates?q=" + last_year.body["certificate"]["cert_no"].get<std::string>());
  REQUIRE(found.status == 200);
  CHECK(found.body["total"] == 1);
  CHECK(found.body["items"][0]["year"] == year_now() - 1);
  auto by_name = rev.get("/staff/certificates?q=" + apitest::url_escape(issued.body["certificate"]["name"]));
  CHECK(by_name.body["total"] == 2);
  CHECK(rev.get("/staff/certificates?status=void").body["total"] == 0);
  CHECK(rev.get("/staff/certificates?status=bogus").status == 400);
  CHECK(rev.get("/staff/certificates?page=0").status == 400);
  CHECK(rev.get("/staff/certificates?q=%25").body["total"] == 0);  // % is a character, not a wildcard
  auto history = rev.get("/staff/members/" + att_id + "/certificates");
  REQUIRE(history.status == 200);
  CHECK(history.body["certificates"].size() == 2);
  CHECK(history.body["member"]["login_id"] == "1100001");
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  CHECK(att.get("/staff/certificates").status == 403);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issue' AND actor = 'staff:desk1'") == 2);
}

TEST_CASE("the preview and the PDF are the member's own and the download has a proper name") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001", "1100002"});
  HttpClient a1(d.port()), a2(d.port());
  REQUIRE(a1.login_member("1100001", kPw).status == 200);
  REQUIRE(a2.login_member("1100002", kPw).status == 200);
  pay_by_bank(d, a1, "1100001");
  const Json c = current_certificate(a1);
  const std::string id = std::to_string(c["id"].get<int64_t>());
  const std::string no = c["cert_no"];

  auto png = a1.get("/member/certificates/" + id + "/preview.png");
  REQUIRE(png.status == 200);
  CHECK(png.header("content-type") == "image/png");
  CHECK(png.raw_body.substr(1, 3) == "PNG");
  CHECK(png.header("cache-control").find("no-store") != std::string::npos);
  CHECK(a1.get("/member/certificates/" + id + "/preview.png?dpi=500").status == 400);
  CHECK(a1.get("/member/certificates/" + id + "/preview.png?dpi=abc").status == 400);
  CHECK(a1.get("/member/certificates/" + id + "/preview.png?size=card").status == 200);

  auto pdf = a1.get("/member/certificates/" + id + "/pdf");
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("content-type") == "application/pdf");
  CHECK(pdf.raw_body.rfind("%PDF-", 0) == 0);
  const std::string disposition = pdf.header("content-disposition");
  CHECK(disposition.find("attachment; filename=\"certificate-" + no + ".pdf\"") != std::string::npos);
  CHECK(disposition.find("filename*=UTF-8''%E4%BC%9A%E5%91%98%E8%AF%81-" + no + ".pdf") != std::string::npos);
  write_file(d.dir() + "/c.pdf", pdf.raw_body);
  const std::string text = run("pdftotext " + d.dir() + "/c.pdf -");
  CHECK(text.find(c["name"].get<std::string>()) != std::string::npos);
  CHECK(text.find(no) != std::string::npos);
  CHECK(text.find("会员证") != std::string::npos);
  CHECK(run("pdfinfo " + d.dir() + "/c.pdf").find("595.276 x 841.89 pts (A4)") != std::string::npos);
  // An independent decoder (zbar, not the daemon's ZXing) reads the QR of the PDF and the preview.
  const std::string url = c["verify_url"];
  run("pdftoppm -r 110 -png " + d.dir() + "/c.pdf " + d.dir() + "/page");
  CHECK(run("zbarimg -q --raw " + d.dir() + "/page-1.png").find(url) != std::string::npos);
  write_file(d.dir() + "/preview.png", png.raw_body);
  CHECK(run("zbarimg -q --raw " + d.dir() + "/preview.png").find(url) != std::string::npos);
  auto card = a1.get("/member/certificates/" + id + "/pdf?size=card");
  REQUIRE(card.status == 200);
  CHECK(card.header("content-disposition").find("certificate-" + no + "-card.pdf") != std::string::npos);
  CHECK(a1.get("/member/certificates/" + id + "/pdf?size=letter").status == 400);

  // Another member, a visitor and a missing id all find nothing.
  CHECK(a2.get("/member/certificates/" + id + "/preview.png").status == 404);
  CHECK(a2.get("/member/certificates/" + id + "/pdf").status == 404);
  CHECK(a2.post("/member/certificates/" + id + "/print", Json::object()).status == 404);
  CHECK(a2.get("/member/certificates").body["certificates"].empty());
  HttpClient visitor(d.port());
  CHECK(visitor.get("/member/certificates/" + id + "/pdf").status == 401);
  CHECK(a1.get("/member/certificates/99999/pdf").status == 404);
  HttpClient rev(d.port());
  REQUIRE(rev.login_staff("rev1", "Review12345x").status == 200);
  CHECK(rev.get("/staff/certificates/" + id + "/pdf").status == 200);
  CHECK(rev.get("/member/certificates/" + id + "/pdf").status == 403);
}

TEST_CASE("a camera frame or an uploaded picture of the certificate verifies") {
  TestDaemon d(options());
  approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  REQUIRE(att.login_member("1100001", kPw).status == 200);
  pay_by_bank(d, att, "1100001");
  const Json c = current_certificate(att);
  auto png = att.get("/member/certificates/" + std::to_string(c["id"].get<int64_t>()) + "/preview.png?dpi=150&size=a4");
  REQUIRE(png.status == 200);

  HttpClient kiosk(d.port());
  auto up = kiosk.request("POST", "/certificates/scan", png.raw_body, "image/png");
  REQUIRE(up.status == 200);
  CHECK(up.body["found"] == true);
  CHECK(up.body["qr_text"] == c["verify_url"]);
  CHECK(up.body["verification"]["verdict"] == "genuine");

  int w = 0, h = 0;
  auto grey = grey_of_png(png.raw_body, &w, &h);
  // The page scales frames down to at most 1,048,576 pixels: take every other pixel.
  std::vector<uint8_t> half;
  const int hw = w / 2, hh = h / 2;
  for (int y = 0; y < hh; ++y)
    for (int x = 0; x < hw; ++x) half.push_back(grey[static_cast<size_t>(2 * y) * w + 2 * x]);
  const std::string q = "/certificates/scan?w=" + std::to_string(hw) + "&h=" + std::to_string(hh);
  auto frame = kiosk.request("POST", q, std::string(half.begin(), half.end()), "application/octet-stream");
  REQUIRE(frame.status == 200);
  CHECK(frame.body["found"] == true);
  CHECK(frame.body["verification"]["verdict"] == "genuine");

  std::mt19937 rng(42);
  std::string noise(640 * 480, '\0');
  for (char& ch : noise) ch = static_cast<char>(rng() & 0xff);
  auto none = kiosk.request("POST", "/certificates/scan?w=640&h=480", noise, "application/octet-stream");
  REQUIRE(none.status == 200);
  CHECK(none.body["found"] == false);
  CHECK(none.body["message"] == "未识别到二维码，请将证书二维码对准摄像头");
  CHECK(kiosk.request("POST", "/certificates/scan?w=641&h=480", noise, "application/octet-stream").body["error"]["code"] ==
        "bad_image");
  CHECK(kiosk.request("POST", "/certificates/scan", noise, "application/octet-stream").status == 400);
  CHECK(kiosk.request("POST", "/certificates/scan", "not a png", "image/png").status == 400);
  CHECK(kiosk.request("POST", "/certificates/scan", "{}", "application/json").status == 400);
  // A burst is answered 200 or 429 (busy), and the limit frees itself afterwards.
  {
    std::vector<std::thread> burst;
    std::atomic<int> ok{0}, busy{0}, other{0};
    const std::string frame_bytes(half.begin(), half.end());
    for (int i = 0; i < 6; ++i)
      burst.emplace_back([&] {
        HttpClient k(d.port());
        const long st = k.request("POST", q, frame_bytes, "application/octet-stream").status;
        (st == 200 ? ok : st == 429 ? busy : other)++;
      });
    for (auto& t : burst) t.join();
    CHECK(other == 0);
    CHECK(ok >= 1);
    MESSAGE("burst of 6 frames: " << ok.load() << " decoded, " << busy.load() << " busy");
    CHECK(kiosk.request("POST", q, frame_bytes, "application/octet-stream").body["found"] == true);
  }
  std::string big(2048 * 1024, 'x');
  CHECK(kiosk.request("POST", "/certificates/scan?w=2048&h=1024", big, "application/octet-stream").status == 413);
}
