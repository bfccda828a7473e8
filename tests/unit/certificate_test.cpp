// Certificate rules without HTTP: the signed payload, numbers, verification text, verdicts,
// labels; the signing key file (made once, kept, refused when damaged); and the issuing use
// cases on a migrated database (numbers, versions, one valid per year, void is final).
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "certs/issuance.h"
#include "certs/signing_key.h"
#include "certs/verification.h"
#include "demo/demo_seed.h"
#include "domain/certificate.h"
#include "domain/print_status.h"
#include "store/member_repo.h"
#include "store/migrations.h"
#include "test_db.h"

using namespace md;
using domain::Verdict;

namespace {

domain::CertificateFacts sample() {
  return {"2026000001", 1, 2026, "P2026000001", "attorney", "张伟", "2026-12-31", "2026-12-03"};
}

certs::SigningKey test_key(uint8_t fill) {
  std::array<uint8_t, 32> seed{};
  seed.fill(fill);
  return certs::SigningKey::from_seed(seed);
}

}  // namespace

TEST_CASE("certificate payload: the signed text and its parse are exact") {
  const auto f = sample();
  const std::string p = domain::payload_of(f);
  CHECK(p == "MDC1|2026000001|1|2026|P2026000001|attorney|张伟|2026-12-31|2026-12-03");
  auto back = domain::parse_payload(p);
  REQUIRE(back);
  CHECK(*back == f);
  CHECK_FALSE(domain::parse_payload(p + "|x"));
  CHECK_FALSE(domain::parse_payload("MDC2" + p.substr(4)));
  CHECK_FALSE(domain::parse_payload("MDC1|202600000|1|2026|P1|attorney|张伟|2026-12-31|2026-12-03"));
  CHECK_FALSE(domain::parse_payload("MDC1|2026000001|0|2026|P1|attorney|张伟|2026-12-31|2026-12-03"));
  CHECK_FALSE(domain::parse_payload("MDC1|2026000001|01|2026|P1|attorney|张伟|2026-12-31|2026-12-03"));
  CHECK_FALSE(domain::parse_payload("MDC1|2026000001|1|2026|P1|attorney||2026-12-31|2026-12-03"));
  CHECK_FALSE(domain::parse_payload("MDC1|2026000001|1|2026|P1|attorney|张伟|2026/12/31|2026-12-03"));
  CHECK(domain::payload_safe("a|b\nc") == "a｜b c");
}

TEST_CASE("certificate numbers: format and what people type") {
  CHECK(domain::format_cert_no(2026, 1) == "2026000001");
  CHECK(domain::format_cert_no(2026, 999999) == "2026999999");
  CHECK(domain::normalize_cert_no("2026 000 001") == "2026000001");
  CHECK(domain::normalize_cert_no("2026-000001") == "2026000001");
  CHECK(domain::normalize_cert_no("２０２６０００００１") == "2026000001");
  CHECK(domain::normalize_cert_no("2026\u3000000001") == "2026000001");
  CHECK_FALSE(domain::normalize_cert_no("202600001"));
  CHECK_FALSE(domain::normalize_cert_no("20260000011"));
  CHECK_FALSE(domain::normalize_cert_no("2026O00001"));
  CHECK_FALSE(domain::normalize_cert_no(""));
}

TEST_CASE("verification text: the URL or its query and nothing else") {
  auto p = domain::parse_verify_text(" https://x.cn/#/verify?d=TURD-_1&s=abc_-9\n");
  REQUIRE(p);
  CHECK(p->d == "TURD-_1");
  CHECK(p->s == "abc_-9");
  CHECK(domain::parse_verify_text("d=AA&s=BB"));
  CHECK_FALSE(domain::parse_verify_text("https://x.cn/#/verify?d=AA"));
  CHECK_FALSE(domain::parse_verify_text("https://x.cn/#/verify?d=A+A&s=BB"));
  CHECK_FALSE(domain::parse_verify_text("https://x.cn/#/verify?d=&s=BB"));
  CHECK(domain::verify_url("http://h:8080/", "AA", "BB") == "http://h:8080/#/verify?d=AA&s=BB");
}

TEST_CASE("verdicts: not genuine unless found signed and matching then void before expired") {
  using R = domain::CertificateRecord;
  CHECK(domain::judge(std::nullopt, "2026-12-03") == Verdict::kNotGenuine);
  CHECK(domain::judge(R{false, true, false, "2026-12-31"}, "2026-12-03") == Verdict::kNotGenuine);
  CHECK(domain::judge(R{true, false, false, "2026-12-31"}, "2026-12-03") == Verdict::kNotGenuine);
  CHECK(domain::judge(R{true, true, true, "2025-12-31"}, "2026-12-03") == Verdict::kVoid);
  CHECK(domain::judge(R{true, true, false, "2025-12-31"}, "2026-12-03") == Verdict::kExpired);
  CHECK(domain::judge(R{true, true, false, "2026-12-03"}, "2026-12-03") == Verdict::kGenuine);
  CHECK(domain::verdict_message(Verdict::kExpired, "", "2025-12-31") == "证书真实，但已过有效期（有效期至2025年12月31日）");
  CHECK(domain::verdict_message(Verdict::kVoid, "退会", "") == "证书真实，但已作废（退会）");
  CHECK(domain::chinese_date("2026-01-05") == "2026年1月5日");
  CHECK(domain::certificate_type_label("agency") == "团体会员（专利代理机构）");
  CHECK(domain::certificate_type_label("non_practicing") == "个人会员（非执业会员）");
  CHECK(domain::certificate_valid_until(2027) == "2027-12-31");
}

TEST_CASE("signing: any changed byte of the payload or the signature fails") {
  const auto key = test_key(1);
  const std::string p = domain::payload_of(sample());
  const std::string sig = key.sign(p);
  CHECK(sig.size() == 86);
  CHECK(key.verify(p, sig));
  for (size_t i = 0; i < p.size(); ++i) {
    std::string t = p;
    t[i] = static_cast<char>(t[i] ^ 0x01);
    CHECK_FALSE(key.verify(t, sig));
  }
  std::string bad = sig;
  bad[10] = bad[10] == 'A' ? 'B' : 'A';
  CHECK_FALSE(key.verify(p, bad));
  CHECK_FALSE(key.verify(p, sig + "A"));
  CHECK_FALSE(key.verify(p, ""));
  CHECK_FALSE(test_key(2).verify(p, sig));
  CHECK(key.public_key_pem().rfind("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA", 0) == 0);
  CHECK(key.public_key_hex().size() == 64);
  auto raw = certs::from_base64url(certs::base64url("\xff\x00\x01会"));
  REQUIRE(raw.ok());
  CHECK(*raw == std::string("\xff\x00\x01会"));
  CHECK_FALSE(certs::from_base64url("AB=").ok());
  CHECK_FALSE(certs::from_base64url("A+B/").ok());
}

TEST_CASE("signing key file: made once with mode 0600 then kept and a damaged one is refused") {
  TempDir dir;
  const std::string path = dir.path + "/state/certificate-signing.key";
  auto first = certs::SigningKey::load_or_create(path);
  REQUIRE(first.ok());
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == 64);
  auto again = certs::SigningKey::load_or_create(path);
  REQUIRE(again.ok());
  CHECK(again->public_key_hex() == first->public_key_hex());
  CHECK(again->verify("x", first->sign("x")));

  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40);
    f.put('\x5a');
  }
  auto damaged = certs::SigningKey::load_or_create(path);
  REQUIRE_FALSE(damaged.ok());
  CHECK(damaged.error().message.find("damaged") != std::string::npos);
  std::ofstream(path, std::ios::trunc) << "short";
  auto truncated = certs::SigningKey::load_or_create(path);
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().message.find("not a 64-byte") != std::string::npos);
}

TEST_CASE("issuing: numbers per year and versions per member with one valid certificate a year") {
  TempDir dir;
  auto db = open_db(dir.path + "/t.db");
  REQUIRE(db);
  REQUIRE(store::migrate(*db, dir.path + "/b", nullptr).ok());
  store::Member m;
  m.type = "attorney";
  m.login_id = "1100001";
  m.name = "张伟";
  m.status = "active";
  m.member_no = "P2026000001";
  m.valid_until = "2026-12-31";
  auto id = store::MemberRepo(*db).insert(m);
  REQUIRE(id.ok());
  m.login_id = "1100002";
  m.name = "李娜";
  m.status = "roster";
  m.member_no.reset();
  auto roster = store::MemberRepo(*db).insert(m);
  REQUIRE(roster.ok());
  const auto key = test_key(3);

  auto a = certs::issue_for_paid(*db, key, *id, 2026, "2026-12-03");
  REQUIRE(a.ok());
  REQUIRE(a->has_value());
  CHECK((*a)->cert_no == "2026000001");
  CHECK((*a)->version == 1);
  auto dup = certs::issue_for_paid(*db, key, *id, 2026, "2026-12-03");
  REQUIRE(dup.ok());
  CHECK_FALSE(dup->has_value());  // paying twice does not issue twice
  auto skipped = certs::issue_for_paid(*db, key, *roster, 2026, "2026-12-03");
  REQUIRE(skipped.ok());
  CHECK_FALSE(skipped->has_value());

  auto other_year = certs::issue_by_staff(*db, key, {*id, 2025, "staff:desk1", "补录"}, "2026-12-03");
  REQUIRE(other_year.ok());
  CHECK(other_year->cert_no == "2025000001");
  auto same = certs::issue_by_staff(*db, key, {*id, 2026, "staff:desk1", "补发"}, "2026-12-03");
  REQUIRE_FALSE(same.ok());
  CHECK(same.error().code == "already_issued");

  auto re = certs::reissue(*db, key, (*a)->id, "staff:adm1", "姓名变更", "2026-12-04");
  REQUIRE(re.ok());
  CHECK(re->cert_no == "2026000002");
  CHECK(re->version == 2);
  CHECK(re->issued_on == "2026-12-04");
  CHECK(re->replaces_id == (*a)->id);
  auto v_old = certs::verify_by_number(*db, key, "2026000001", "2026-12-04");
  REQUIRE(v_old.ok());
  CHECK(v_old->verdict == Verdict::kVoid);
  auto v_new = certs::verify_by_number(*db, key, "2026000002", "2026-12-04");
  REQUIRE(v_new.ok());
  CHECK(v_new->verdict == Verdict::kGenuine);
  auto v_wrong_key = certs::verify_by_number(*db, test_key(4), "2026000002", "2026-12-04");
  REQUIRE(v_wrong_key.ok());
  CHECK(v_wrong_key->verdict == Verdict::kNotGenuine);

  auto n = certs::void_for_member(*db, *id, "staff:adm1", "退会");
  REQUIRE(n.ok());
  CHECK(*n == 2);  // this year's new version and last year's
  auto gone = certs::verify_by_number(*db, key, "2026000002", "2026-12-04");
  REQUIRE(gone.ok());
  CHECK(gone->verdict == Verdict::kVoid);
  CHECK(gone->message == "证书真实，但已作废（退会）");
  auto none = certs::reissue_for_member(*db, key, *id, "staff:adm1", "改名", "2026-12-04");
  REQUIRE(none.ok());
  CHECK(none->empty());  // nothing valid is left to re-issue
}

TEST_CASE("print status: a failed hand-over names why") {
  CHECK(domain::describe_job("failed", {"printer-missing"}, {}).message == "打印失败：未找到打印机，请联系工作人员");
  CHECK(domain::describe_job("failed", {"cups-unreachable"}, {}).message ==
        "打印失败：打印服务未响应，请稍后再试或联系工作人员");
  CHECK(domain::describe_job("failed", {"printer-not-accepting"}, {}).message ==
        "打印失败：打印机暂不接收任务，请联系工作人员");
  CHECK(domain::describe_job("failed", {}, {"media-empty"}).message == "打印失败，请联系工作人员");
  CHECK(domain::describe_job("failed", {}, {}).done);
}

TEST_CASE("issuing for members who paid before the appliance: once each and only the paid ones") {
  TempDir dir;
  auto db = open_db(dir.path + "/t.db");
  REQUIRE(db);
  REQUIRE(store::migrate(*db, dir.path + "/b", nullptr).ok());
  REQUIRE(demo::seed_demo(*db, 200).ok());
  auto expected = db->prepare(
      "SELECT COUNT(*) FROM members WHERE status = 'active' AND member_no IS NOT NULL AND valid_until >= '2026-12-31'");
  REQUIRE(expected.step());
  const int64_t paid = expected.col_int(0);
  REQUIRE(paid > 0);
  const auto key = test_key(5);
  auto n = certs::issue_for_paid_members(*db, key, 2026, "ctl", "2026-12-03");
  REQUIRE(n.ok());
  CHECK(*n == paid);
  auto again = certs::issue_for_paid_members(*db, key, 2026, "ctl", "2026-12-03");
  REQUIRE(again.ok());
  CHECK(*again == 0);
  auto numbers = db->prepare("SELECT COUNT(DISTINCT cert_no), MIN(cert_no), MAX(cert_no) FROM certificates");
  REQUIRE(numbers.step());
  CHECK(numbers.col_int(0) == paid);
  CHECK(numbers.col_text(1) == "2026000001");
  CHECK(numbers.col_text(2) == domain::format_cert_no(2026, static_cast<int>(paid)));
}

TEST_CASE("a member renamed outside the request flow gets a re-issued certificate") {
  TempDir dir;
  auto db = open_db(dir.path + "/t.db");
  REQUIRE(db);
  REQUIRE(store::migrate(*db, dir.path + "/b", nullptr).ok());
  store::Member m;
  m.type = "agency";
  m.login_id = "91110000000000001X";
  m.name = "北京某某专利代理有限公司";
  m.status = "active";
  m.member_no = "A2026000001";
  m.valid_until = "2026-12-31";
  auto id = store::MemberRepo(*db).insert(m);
  REQUIRE(id.ok());
  const auto key = test_key(6);
  REQUIRE(certs::issue_for_paid(*db, key, *id, 2026, "2026-12-03").ok());
  auto none = certs::reissue_stale(*db, key, "ctl", "名册更新", "2026-12-03");
  REQUIRE(none.ok());
  CHECK(none->empty());
  auto st = db->prepare("UPDATE members SET name = ? WHERE id = ?");
  st.bind(1, "北京某某知识产权代理有限公司").bind(2, *id);
  REQUIRE(st.exec().ok());
  auto re = certs::reissue_stale(*db, key, "ctl", "名册更新", "2026-12-04");
  REQUIRE(re.ok());
  REQUIRE(re->size() == 1);
  CHECK(re->front().name == "北京某某知识产权代理有限公司");
  CHECK(re->front().version == 2);
  auto old = certs::verify_by_number(*db, key, "2026000001", "2026-12-04");
  REQUIRE(old.ok());
  CHECK(old->verdict == Verdict::kVoid);
  CHECK(old->message == "证书真实，但已作废（已重新签发：名册更新）");
  auto again = certs::reissue_stale(*db, key, "ctl", "名册更新", "2026-12-04");
  REQUIRE(again.ok());
  CHECK(again->empty());
}
