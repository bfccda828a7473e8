// 会员证信息修改申请 and 会员证邮寄申请 through the API: which fields each member type may change,
// one pending request at a time, a reviewer's approval renaming the member (an attorney's login
// id follows a new 资格证号, old sessions end) and re-issuing the certificate, rejection with a
// reason; mailing prefilled from the profile, needing this year's certificate, marked sent by the
// desk with a tracking number the member sees; and nobody touching another member's request.
#include <doctest/doctest.h>

#include <string>

#include "certificate_support.h"
#include "harness.h"

using apitest::HttpClient;
using apitest::Json;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;
using certtest::kPw;

namespace {

HttpClient& as_member(HttpClient& c, const std::string& login, const std::string& pw = kPw) {
  REQUIRE(c.login_member(login, pw).status == 200);
  return c;
}

HttpClient& as_staff(HttpClient& c, const apitest::StaffSpec& s) {
  REQUIRE(c.login_staff(s.login_id, s.password).status == 200);
  return c;
}

int64_t ask_change(HttpClient& member, const Json& values, const std::string& note = "") {
  auto r = member.post("/member/certificate-changes", {{"values", values}, {"note", note}});
  REQUIRE(r.status == 201);
  CHECK(r.body["request"]["status"] == "pending");
  CHECK(r.body["request"]["status_label"] == "待审核");
  return r.body["request"]["id"].get<int64_t>();
}

std::string change_path(int64_t id, const std::string& action) {
  return "/staff/certificate-changes/" + std::to_string(id) + "/" + action;
}

std::string mail_path(int64_t id, const std::string& action) {
  return "/staff/certificate-mail/" + std::to_string(id) + "/" + action;
}

Json verify_no(HttpClient& anyone, const Json& no) {
  auto r = anyone.post("/certificates/verify", {{"no", no}});
  REQUIRE(r.status == 200);
  return r.body;
}

}  // namespace

TEST_CASE("会员证信息修改: an approved name change renames the member and re-issues the certificate") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  certtest::pay_by_bank(d, att, "1100001");
  const Json old_cert = certtest::current_certificate(att);

  auto page = att.get("/member/certificate-changes");
  REQUIRE(page.status == 200);
  CHECK(page.body["can_request"] == true);
  REQUIRE(page.body["fields"].size() == 2);
  CHECK(page.body["fields"][0] == Json({{"key", "name"}, {"label", "姓名"}, {"current", "张伟"}}));
  CHECK(page.body["fields"][1]["current"] == "1100001");

  const int64_t id = ask_change(att, {{"name", " 张伟华 "}}, "户籍姓名变更");
  CHECK(att.post("/member/certificate-changes", {{"values", {{"name", "张三"}}}}).error_code() ==
        "already_pending");
  page = att.get("/member/certificate-changes");
  CHECK(page.body["can_request"] == false);
  CHECK(page.body["blocked"]["code"] == "already_pending");
  CHECK(page.body["requests"][0]["after"] == Json({{"name", "张伟华"}}));
  CHECK(page.body["requests"][0]["before"] == Json({{"name", "张伟"}}));

  HttpClient reviewer(d.port());
  as_staff(reviewer, apitest::reviewer_staff());
  auto queue = reviewer.get("/staff/certificate-changes");
  REQUIRE(queue.status == 200);
  REQUIRE(queue.body["total"] == 1);
  CHECK(queue.body["items"][0]["member"]["login_id"] == "1100001");
  CHECK(queue.body["items"][0]["note"] == "户籍姓名变更");

  auto ok = reviewer.post(change_path(id, "approve"), Json::object());
  REQUIRE(ok.status == 200);
  CHECK(ok.body["request"]["status_label"] == "已通过");
  CHECK(ok.body["reissued"] == 1);
  CHECK(reviewer.post(change_path(id, "approve"), Json::object()).error_code() == "already_decided");

  CHECK(sql_text(d, "SELECT name FROM members WHERE login_id = '1100001'") == "张伟华");
  CHECK(sql_text(d, "SELECT json_extract(profile_json, '$.name') FROM members WHERE login_id = "
                    "'1100001'") == "张伟华");
  const Json new_cert = certtest::current_certificate(att);
  CHECK(new_cert["name"] == "张伟华");
  CHECK(new_cert["version"] == 2);
  CHECK(new_cert["cert_no"] != old_cert["cert_no"]);
  HttpClient visitor(d.port());
  CHECK(verify_no(visitor, new_cert["cert_no"])["verdict"] == "genuine");
  CHECK(verify_no(visitor, old_cert["cert_no"]).dump().find("void") != std::string::npos);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'cert_change.approve'") == 1);
  CHECK(sql_text(d, "SELECT after_json FROM audit_log WHERE action = "
                    "'member.certificate_info_change'") == R"({"name":"张伟华"})");
  CHECK(att.get("/member/messages").raw_body.find("会员证信息修改申请已通过") != std::string::npos);
  // The directory shows the new name.
  auto dir = visitor.get("/directory?q=" + apitest::url_escape("张伟华"));
  CHECK(dir.raw_body.find("张伟华") != std::string::npos);
}

TEST_CASE("会员证信息修改: a new 资格证号 becomes the attorney's login and ends the old sessions") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001", "1100002"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  certtest::pay_by_bank(d, att, "1100001");

  // Another member's 资格证号 and a malformed one are refused next to the field.
  auto taken = att.post("/member/certificate-changes", {{"values", {{"qualification_no", "1100002"}}}});
  CHECK(taken.status == 400);
  CHECK(taken.body["error"]["fields"]["qualification_no"] == "该资格证号已被其他会员使用");
  auto bad = att.post("/member/certificate-changes", {{"values", {{"qualification_no", "12"}}}});
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"].contains("qualification_no"));
  auto same = att.post("/member/certificate-changes", {{"values", {{"name", "张伟"}}}});
  CHECK(same.status == 400);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM cert_change_requests") == 0);

  const int64_t id = ask_change(att, {{"qualification_no", "1100009"}});
  HttpClient admin(d.port());
  as_staff(admin, certtest::kAdmin);
  REQUIRE(admin.post(change_path(id, "approve"), Json::object()).status == 200);

  CHECK(att.get("/member/certificate-changes").status == 401);  // the old session ended
  HttpClient old_login(d.port());
  CHECK(old_login.login_member("1100001", kPw).status == 401);
  HttpClient fresh(d.port());
  as_member(fresh, "1100009");
  auto page = fresh.get("/member/certificate-changes");
  REQUIRE(page.status == 200);
  CHECK(page.body["fields"][1]["current"] == "1100009");
  CHECK(sql_text(d, "SELECT login_id FROM accounts WHERE member_id = (SELECT id FROM members WHERE "
                    "name = '张伟')") == "1100009");
  CHECK(certtest::current_certificate(fresh)["version"] == 2);
}

TEST_CASE("会员证信息修改: an agency may change only its name and a rejection carries its reason") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001"});
  HttpClient agency(d.port());
  as_member(agency, "11001");
  auto page = agency.get("/member/certificate-changes");
  REQUIRE(page.status == 200);
  REQUIRE(page.body["fields"].size() == 1);
  CHECK(page.body["fields"][0]["label"] == "机构名称");

  auto refused = agency.post("/member/certificate-changes",
                             {{"values", {{"name", "北京智诚知识产权代理有限公司"}, {"qualification_no", "1100009"}}}});
  CHECK(refused.status == 400);
  CHECK(refused.body["error"]["fields"]["qualification_no"] == "代理机构及行业组织只允许修改机构名称");

  const int64_t id = ask_change(agency, {{"name", "北京智诚知识产权代理有限公司"}});
  HttpClient reviewer(d.port());
  as_staff(reviewer, apitest::reviewer_staff());
  auto no_reason = reviewer.post(change_path(id, "reject"), {{"reason", "  "}});
  CHECK(no_reason.status == 400);
  CHECK(no_reason.body["error"]["fields"]["reason"] == "请填写驳回原因");
  auto r = reviewer.post(change_path(id, "reject"), {{"reason", "请附营业执照变更证明"}});
  REQUIRE(r.status == 200);
  CHECK(r.body["request"]["status_label"] == "未通过");
  page = agency.get("/member/certificate-changes");
  CHECK(page.body["requests"][0]["decision_reason"] == "请附营业执照变更证明");
  CHECK(page.body["can_request"] == true);
  CHECK(sql_text(d, "SELECT name FROM members WHERE login_id = '11001'") ==
        "北京智诚专利代理事务所（普通合伙）");
  CHECK(agency.get("/member/messages").raw_body.find("请附营业执照变更证明") != std::string::npos);
}

TEST_CASE("会员证信息修改: members act only on their own requests and must be approved members") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001", "1100002"});
  HttpClient att(d.port()), other(d.port()), roster(d.port());
  as_member(att, "1100001");
  as_member(other, "1100002");
  const int64_t id = ask_change(att, {{"name", "张伟华"}});
  const std::string cancel = "/member/certificate-changes/" + std::to_string(id) + "/cancel";
  CHECK(other.post(cancel, Json::object()).status == 404);
  auto mine = att.post(cancel, Json::object());
  REQUIRE(mine.status == 200);
  CHECK(mine.body["request"]["status_label"] == "已撤回");
  CHECK(att.post(cancel, Json::object()).error_code() == "already_decided");

  as_member(roster, "1100005");  // a roster attorney who never applied
  auto page = roster.get("/member/certificate-changes");
  REQUIRE(page.status == 200);
  CHECK(page.body["blocked"]["code"] == "not_member");
  CHECK(roster.post("/member/certificate-changes", {{"values", {{"name", "某某"}}}}).error_code() ==
        "not_member");
  // Desk and finance do not decide change requests.
  HttpClient desk(d.port());
  as_staff(desk, apitest::desk_staff());
  CHECK(desk.get("/staff/certificate-changes").status == 403);
}

TEST_CASE("会员证邮寄: prefilled from the profile and only with this year's certificate") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  auto page = att.get("/member/certificate-mail");
  REQUIRE(page.status == 200);
  CHECK(page.body["prefill"]["recipient"] == "张伟");
  CHECK(page.body["prefill"]["phone"] == sql_text(d, "SELECT json_extract(profile_json, '$.mobile') "
                                                     "FROM members WHERE login_id = '1100001'"));
  CHECK(page.body["can_request"] == false);
  CHECK(page.body["blocked"]["code"] == "no_certificate");
  const Json form = {{"recipient", "张伟"}, {"phone", "13912345678"}, {"address", "北京市海淀区知春路1号"}};
  CHECK(att.post("/member/certificate-mail", form).error_code() == "no_certificate");

  certtest::pay_by_bank(d, att, "1100001");
  page = att.get("/member/certificate-mail");
  CHECK(page.body["can_request"] == true);
  auto bad = att.post("/member/certificate-mail",
                      {{"recipient", ""}, {"phone", "12"}, {"address", "北京"}});
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"]["recipient"] == "请填写收件人");
  CHECK(bad.body["error"]["fields"].contains("phone"));
  CHECK(bad.body["error"]["fields"].contains("address"));
  auto ok = att.post("/member/certificate-mail", form);
  REQUIRE(ok.status == 201);
  CHECK(ok.body["request"]["status_label"] == "待寄出");
  CHECK(ok.body["request"]["certificate"]["cert_no"] == certtest::current_certificate(att)["cert_no"]);
  CHECK(att.post("/member/certificate-mail", form).error_code() == "already_pending");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'cert_mail.request'") == 1);
}

TEST_CASE("会员证邮寄: the desk marks a request sent and the member sees the tracking number") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001", "1100002"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  certtest::pay_by_bank(d, att, "1100001");
  auto asked = att.post("/member/certificate-mail", {{"recipient", "张伟"}, {"phone", "010-62345678"},
                                                     {"address", "北京市海淀区知春路1号"}});
  REQUIRE(asked.status == 201);
  const int64_t id = asked.body["request"]["id"].get<int64_t>();

  HttpClient reviewer(d.port());
  as_staff(reviewer, apitest::reviewer_staff());
  CHECK(reviewer.get("/staff/certificate-mail").status == 403);
  HttpClient desk(d.port());
  as_staff(desk, apitest::desk_staff());
  auto queue = desk.get("/staff/certificate-mail");
  REQUIRE(queue.status == 200);
  REQUIRE(queue.body["items"].size() == 1);
  CHECK(queue.body["items"][0]["address"] == "北京市海淀区知春路1号");
  CHECK(queue.body["items"][0]["member"]["name"] == "张伟");

  auto bad = desk.post(mail_path(id, "sent"), {{"courier", ""}, {"tracking_no", "单号"}});
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["fields"]["courier"] == "请填写快递公司");
  CHECK(bad.body["error"]["fields"]["tracking_no"] == "快递单号应为6至30位字母或数字");
  CHECK(desk.post(mail_path(999, "sent"), {{"courier", "顺丰速运"}, {"tracking_no", "SF1234567890"}})
            .status == 404);
  auto sent = desk.post(mail_path(id, "sent"), {{"courier", "顺丰速运"}, {"tracking_no", "SF1234567890"}});
  REQUIRE(sent.status == 200);
  CHECK(sent.body["request"]["status_label"] == "已寄出");
  CHECK(desk.post(mail_path(id, "cancel"), {{"reason", "地址有误"}}).error_code() == "already_decided");

  auto mine = att.get("/member/certificate-mail");
  REQUIRE(mine.status == 200);
  CHECK(mine.body["requests"][0]["courier"] == "顺丰速运");
  CHECK(mine.body["requests"][0]["tracking_no"] == "SF1234567890");
  CHECK(mine.body["can_request"] == true);  // the sent one is no longer open
  CHECK(att.get("/member/messages").raw_body.find("SF1234567890") != std::string::npos);

  // Another member never sees it; a cancellation needs a reason and tells the member.
  HttpClient other(d.port());
  as_member(other, "1100002");
  CHECK(other.get("/member/certificate-mail").body["requests"].empty());
  auto again = att.post("/member/certificate-mail", {{"recipient", "张伟"}, {"phone", "13912345678"},
                                                     {"address", "北京市海淀区知春路2号"}});
  REQUIRE(again.status == 201);
  const int64_t second = again.body["request"]["id"].get<int64_t>();
  CHECK(desk.post(mail_path(second, "cancel"), {{"reason", ""}}).body["error"]["fields"]["reason"] ==
        "请填写取消原因");
  auto cancelled = desk.post(mail_path(second, "cancel"), {{"reason", "会员已到前台领取"}});
  REQUIRE(cancelled.status == 200);
  CHECK(cancelled.body["request"]["status_label"] == "已取消");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action IN ('cert_mail.sent', 'cert_mail.cancel')") == 2);
}
