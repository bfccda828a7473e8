// 会员资料, 【我要退会】 and 会员信息修改 through the API: the member's data by type, self-edits
// validated like the application form and audited before/after, withdrawal requests (one pending,
// cancel, reject with a reason, approve: withdrawn, out of the 会员名录, certificate void), and
// who may touch which request.
#include <doctest/doctest.h>

#include <string>

#include "certificate_support.h"
#include "harness.h"

using apitest::HttpClient;
using apitest::HttpResponse;
using apitest::Json;
using apitest::sql_int;
using apitest::sql_text;
using apitest::TestDaemon;
using certtest::kPw;

namespace {

HttpResponse put(HttpClient& c, const std::string& path, const Json& body) {
  return c.request("PUT", path, body.dump(), "application/json");
}

Json field(const Json& profile, const std::string& key) {
  for (const auto& f : profile["fields"])
    if (f["key"] == key) return f;
  FAIL("no field " << key);
  return {};
}

HttpClient& as_member(HttpClient& c, const std::string& login) {
  REQUIRE(c.login_member(login, kPw).status == 200);
  return c;
}

HttpClient& as_staff(HttpClient& c, const apitest::StaffSpec& s) {
  REQUIRE(c.login_staff(s.login_id, s.password).status == 200);
  return c;
}

int64_t ask(HttpClient& member, const std::string& reason = "") {
  auto r = member.post("/member/withdrawals", {{"reason", reason}});
  REQUIRE(r.status == 201);
  CHECK(r.body["withdrawal"]["status"] == "pending");
  CHECK(r.body["withdrawal"]["status_label"] == "待处理");
  return r.body["withdrawal"]["id"].get<int64_t>();
}

std::string path_of(int64_t id, const std::string& action = "") {
  return "/staff/withdrawals/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
}

bool listed(HttpClient& anyone, const std::string& name) {
  auto r = anyone.get("/directory?q=" + apitest::url_escape(name));
  REQUIRE(r.status == 200);
  for (const auto& i : r.body["items"])
    if (i["name"] == name) return true;
  return false;
}

}  // namespace

TEST_CASE("会员资料 shows the approved application by type with status and validity") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  auto p = att.get("/member/profile");
  REQUIRE(p.status == 200);
  CHECK(p.body["member"]["status"] == "approved_unpaid");
  CHECK(p.body["member"]["status_label"] == "已批准，待缴费");
  CHECK(p.body["member"]["type_label"] == "专利代理师");
  CHECK(p.body["fields"].size() == 12);  // the attorney form's fields, in form order
  CHECK(p.body["fields"][0]["label"] == "姓名");
  CHECK(field(p.body, "name")["value"] == "张伟");
  CHECK(field(p.body, "qualification_no")["value"] == "1100001");
  CHECK(field(p.body, "agency_name")["value"] == "北京智诚专利代理事务所（普通合伙）");
  CHECK(field(p.body, "email")["value"] == "member1100001@example.cn");
  CHECK(field(p.body, "email")["editable"] == true);
  CHECK(field(p.body, "name")["editable"] == false);
  CHECK(p.body["withdrawal"].is_null());
  CHECK(p.body["can_withdraw"] == true);
  CHECK(p.body["can_edit"] == true);

  certtest::pay_by_bank(d, att, "1100001");
  auto paid = att.get("/member/profile");
  CHECK(paid.body["member"]["status_label"] == "正常");
  CHECK(paid.body["member"]["valid_until"] == std::to_string(certtest::year_now()) + "-12-31");

  // A roster member who never applied sees what the roster knows, and cannot edit or withdraw.
  HttpClient roster(d.port());
  as_member(roster, "1100002");
  auto r = roster.get("/member/profile");
  REQUIRE(r.status == 200);
  CHECK(r.body["member"]["status"] == "roster");
  CHECK(field(r.body, "name")["value"] == "王芳");
  CHECK(field(r.body, "practice_no")["value"] == "11001202002");
  CHECK(field(r.body, "email")["value"] == "");
  CHECK(r.body["can_edit"] == false);
  CHECK(r.body["can_withdraw"] == false);
  auto edit = put(roster, "/member/profile", {{"fields", {{"email", "wf@example.cn"}}}});
  CHECK(edit.status == 409);
  CHECK(edit.error_code() == "not_approved");
  auto w = roster.post("/member/withdrawals", Json::object());
  CHECK(w.status == 409);
  CHECK(w.error_code() == "not_member");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM withdrawal_requests") == 0);
}

TEST_CASE("会员信息修改 validates like the application form and logs each change before and after") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001"});
  HttpClient ag(d.port());
  as_member(ag, "11001");

  auto bad = put(ag, "/member/profile",
                 {{"fields", {{"email", "wrong"}, {"postcode", "12"}, {"contact_name", ""}}}});
  CHECK(bad.status == 400);
  CHECK(bad.error_code() == "validation_failed");
  CHECK(bad.body["error"]["fields"]["postcode"] == "邮政编码应为6位数字");
  CHECK(bad.body["error"]["fields"]["contact_name"] == "请填写联系人");
  CHECK(bad.body["error"]["fields"].contains("email"));

  auto locked = put(ag, "/member/profile", {{"fields", {{"org_name", "新名字"}, {"uscc", "x"}}}});
  CHECK(locked.status == 422);
  CHECK(locked.error_code() == "not_editable");
  CHECK(locked.body["error"]["fields"]["org_name"] == "机构名称不能在此修改");
  CHECK(locked.body["error"]["fields"]["uscc"] == "统一社会信用代码不能在此修改");
  auto unknown = put(ag, "/member/profile", {{"fields", {{"email", "a@example.cn"}, {"color", "red"}}}});
  CHECK(unknown.status == 422);
  CHECK(unknown.body["error"]["fields"]["color"] == "没有这一项资料");
  auto not_text = put(ag, "/member/profile", {{"fields", {{"attorney_count", 3}}}});
  CHECK(not_text.status == 400);
  CHECK(not_text.body["error"]["fields"]["attorney_count"] == "请填写文字");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'profile.edit'") == 0);
  CHECK(sql_text(d, "SELECT profile_json FROM members WHERE login_id = '11001'").find("wrong") ==
        std::string::npos);

  auto good = put(ag, "/member/profile",
                  {{"fields",
                    {{"email", "office@zhicheng.cn"},
                     {"office_phone", "010-62345678"},  // unchanged
                     {"office_address", "北京市海淀区知春路1号"}}}});
  REQUIRE(good.status == 200);
  CHECK(good.body["changed"] == Json::array({"email", "office_address"}));
  CHECK(field(good.body, "email")["value"] == "office@zhicheng.cn");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'profile.edit'") == 1);
  const Json before = Json::parse(
      sql_text(d, "SELECT before_json FROM audit_log WHERE action = 'profile.edit'"));
  const Json after = Json::parse(
      sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'profile.edit'"));
  CHECK(before == Json{{"email", "member11001@example.cn"}, {"office_address", ""}});
  CHECK(after == Json{{"email", "office@zhicheng.cn"}, {"office_address", "北京市海淀区知春路1号"}});
  CHECK(sql_text(d, "SELECT actor FROM audit_log WHERE action = 'profile.edit'") == "member:11001");

  auto same = put(ag, "/member/profile", {{"fields", {{"email", "office@zhicheng.cn"}}}});
  REQUIRE(same.status == 200);
  CHECK(same.body["changed"].empty());
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'profile.edit'") == 1);

  auto log = ag.get("/member/profile/changes");
  REQUIRE(log.status == 200);
  REQUIRE(log.body["items"].size() == 2);
  CHECK(log.body["items"][0]["label"] == "电子邮箱");
  CHECK(log.body["items"][0]["before"] == "member11001@example.cn");
  CHECK(log.body["items"][0]["after"] == "office@zhicheng.cn");

  // The attorney's own log does not show the agency's edits.
  HttpClient att(d.port());
  as_member(att, "1100001");
  CHECK(att.get("/member/profile/changes").body["items"].empty());
}

TEST_CASE("one pending withdrawal request which the member may cancel and nobody else may") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001", "1100002"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  auto long_reason = att.post("/member/withdrawals", {{"reason", std::string(201, 'x')}});
  CHECK(long_reason.status == 400);
  CHECK(long_reason.body["error"]["fields"]["reason"] == "退会原因不能超过200个字");

  const int64_t id = ask(att, "转行");
  auto again = att.post("/member/withdrawals", Json::object());
  CHECK(again.status == 409);
  CHECK(again.error_code() == "already_pending");
  auto p = att.get("/member/profile");
  CHECK(p.body["withdrawal"]["id"] == id);
  CHECK(p.body["withdrawal"]["reason"] == "转行");
  CHECK(p.body["can_withdraw"] == false);

  // A colleague and another agency's member get 404 for the id, like a missing one.
  const std::string cancel = "/member/withdrawals/" + std::to_string(id) + "/cancel";
  HttpClient colleague(d.port());
  as_member(colleague, "1100002");
  CHECK(colleague.post(cancel, Json::object()).status == 404);
  CHECK(colleague.post("/member/withdrawals/999999/cancel", Json::object()).status == 404);
  CHECK(sql_text(d, "SELECT status FROM withdrawal_requests WHERE id = " + std::to_string(id)) ==
        "pending");

  auto own = att.post(cancel, Json::object());
  REQUIRE(own.status == 200);
  CHECK(own.body["withdrawal"]["status"] == "cancelled");
  CHECK(att.post(cancel, Json::object()).status == 409);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action IN ('withdrawal.request', "
                   "'withdrawal.cancel')") == 2);
  ask(att);  // a new one after cancelling
}

TEST_CASE("staff reject a withdrawal only with a reason which the member sees") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  const int64_t id = ask(att);

  HttpClient fin(d.port());
  as_staff(fin, certtest::kFinance);
  CHECK(fin.get("/staff/withdrawals").status == 403);
  CHECK(fin.post(path_of(id, "approve"), Json::object()).status == 403);
  HttpClient desk(d.port());
  as_staff(desk, apitest::desk_staff());
  CHECK(desk.get(path_of(id)).status == 403);

  HttpClient rev(d.port());
  as_staff(rev, apitest::reviewer_staff());
  auto queue = rev.get("/staff/withdrawals");
  REQUIRE(queue.status == 200);
  REQUIRE(queue.body["total"] == 1);
  CHECK(queue.body["items"][0]["member"]["login_id"] == "1100001");
  auto one = rev.get(path_of(id));
  REQUIRE(one.status == 200);
  CHECK(one.body["withdrawal"]["member"]["fields"].size() == 12);
  CHECK(rev.get(path_of(999999)).status == 404);
  CHECK(rev.post(path_of(999999, "reject"), {{"reason", "x"}}).status == 404);

  auto empty = rev.post(path_of(id, "reject"), {{"reason", "  "}});
  CHECK(empty.status == 400);
  CHECK(empty.body["error"]["fields"]["reason"] == "请填写驳回原因");
  auto rejected = rev.post(path_of(id, "reject"), {{"reason", "请先结清本年度会费"}});
  REQUIRE(rejected.status == 200);
  CHECK(rejected.body["withdrawal"]["status"] == "rejected");
  CHECK(rev.post(path_of(id, "approve"), Json::object()).status == 409);
  CHECK(rev.get("/staff/withdrawals").body["total"] == 0);
  CHECK(rev.get("/staff/withdrawals?status=rejected").body["total"] == 1);

  auto p = att.get("/member/profile");
  CHECK(p.body["withdrawal"]["status_label"] == "已驳回");
  CHECK(p.body["withdrawal"]["decision_reason"] == "请先结清本年度会费");
  CHECK(p.body["member"]["status"] == "approved_unpaid");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'withdrawal.reject' AND actor = "
                   "'staff:rev1'") == 1);
  auto msgs = att.get("/member/messages");
  CHECK(msgs.raw_body.find("请先结清本年度会费") != std::string::npos);
}

TEST_CASE("approved withdrawal leaves the directory voids the certificate and keeps history") {
  TestDaemon d(certtest::options());
  certtest::approve(d, {"11001", "1100001"});
  HttpClient att(d.port());
  as_member(att, "1100001");
  certtest::pay_by_bank(d, att, "1100001");
  const Json cert = certtest::current_certificate(att);
  HttpClient visitor(d.port());
  REQUIRE(listed(visitor, "张伟"));

  const int64_t id = ask(att, "退休");
  HttpClient admin(d.port());
  as_staff(admin, certtest::kAdmin);
  auto ok = admin.post(path_of(id, "approve"), Json::object());
  REQUIRE(ok.status == 200);
  CHECK(ok.body["withdrawal"]["status_label"] == "已退会");

  CHECK_FALSE(listed(visitor, "张伟"));
  CHECK(sql_text(d, "SELECT status FROM members WHERE login_id = '1100001'") == "withdrawn");
  auto certs = att.get("/member/certificates");
  REQUIRE(certs.status == 200);
  CHECK(certs.body["current"].is_null());
  REQUIRE(certs.body["certificates"].size() == 1);  // history kept
  CHECK(certs.body["certificates"][0]["status"] == "void");
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.void'") == 1);
  auto v = visitor.post("/certificates/verify", {{"no", cert["cert_no"]}});
  CHECK(v.raw_body.find("void") != std::string::npos);
  CHECK(sql_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'withdrawal.approve' AND actor = "
                   "'staff:adm1'") == 1);
  CHECK(sql_text(d, "SELECT after_json FROM audit_log WHERE action = 'member.withdraw'") ==
        R"({"status":"withdrawn"})");
  CHECK(att.get("/member/messages").raw_body.find("退会申请已处理") != std::string::npos);

  // The withdrawn member still logs in and reads 会员资料, but edits and new requests are refused.
  HttpClient again(d.port());
  as_member(again, "1100001");
  auto p = again.get("/member/profile");
  REQUIRE(p.status == 200);
  CHECK(p.body["member"]["status_label"] == "已退会");
  CHECK(p.body["can_withdraw"] == false);
  CHECK(p.body["can_edit"] == false);
  CHECK(put(again, "/member/profile", {{"fields", {{"email", "z@example.cn"}}}}).error_code() ==
        "withdrawn");
  CHECK(again.post("/member/withdrawals", Json::object()).error_code() == "withdrawn");
}
