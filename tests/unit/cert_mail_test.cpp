// 会员证邮寄申请: prefill by member type and the form's checks (domain/cert_mail.h).
#include <doctest/doctest.h>

#include "domain/cert_mail.h"

using namespace md::domain;

TEST_CASE("cert mail: prefill comes from the profile by member type") {
  const std::map<std::string, std::string> agency = {{"contact_name", "李娜"},
                                                     {"contact_mobile", "13912345678"},
                                                     {"office_address", "北京市海淀区知春路1号"},
                                                     {"registered_address", "别处"}};
  auto a = mail_prefill(MemberType::kAgency, agency);
  CHECK(a.recipient == "李娜");
  CHECK(a.phone == "13912345678");
  CHECK(a.address == "北京市海淀区知春路1号");
  const std::map<std::string, std::string> person = {
      {"name", "张伟"}, {"mobile", "13812345678"}, {"address", "上海市浦东新区世纪大道100号"}};
  for (auto t : {MemberType::kAttorney, MemberType::kNonPracticing}) {
    auto p = mail_prefill(t, person);
    CHECK(p.recipient == "张伟");
    CHECK(p.phone == "13812345678");
    CHECK(p.address == "上海市浦东新区世纪大道100号");
  }
  auto org = mail_prefill(MemberType::kIndustryOrg, {{"contact_name", "王强"}, {"address", "广州市天河区体育西路"}});
  CHECK(org.recipient == "王强");
  CHECK(org.phone.empty());
  CHECK(org.address == "广州市天河区体育西路");
}

TEST_CASE("cert mail: a mobile or a landline and an address of sensible length") {
  MailForm ok{" 张伟 ", "+86 13812345678", "上海市浦东新区世纪大道100号"};
  CHECK(check_mail(&ok).empty());
  CHECK(ok.recipient == "张伟");
  CHECK(ok.phone == "13812345678");
  MailForm land{"张伟", "010-62345678", "北京市海淀区知春路1号"};
  CHECK(check_mail(&land).empty());
  MailForm bad{"", "12345", "北京"};
  auto e = check_mail(&bad);
  CHECK(e.at("recipient") == "请填写收件人");
  CHECK(e.at("phone") == "请填写正确的手机号或固定电话，如 13912345678 或 010-12345678");
  CHECK(e.at("address") == "收件人地址应为5至200个字");
  MailForm empty{"张伟", "", ""};
  auto e2 = check_mail(&empty);
  CHECK(e2.at("phone") == "请填写收件人电话");
  CHECK(e2.at("address") == "请填写收件人地址");
}

TEST_CASE("cert mail: a shipment needs a courier and a tracking number of letters and digits") {
  std::string courier = " 顺丰速运 ", tracking = " SF1234567890 ";
  CHECK(check_shipment(&courier, &tracking).empty());
  CHECK(courier == "顺丰速运");
  CHECK(tracking == "SF1234567890");
  std::string none, short_no = "SF12", spaced = "SF 1234567";
  auto e = check_shipment(&none, &short_no);
  CHECK(e.at("courier") == "请填写快递公司");
  CHECK(e.at("tracking_no") == "快递单号应为6至30位字母或数字");
  std::string c2 = "中通快递";
  CHECK(check_shipment(&c2, &spaced).count("tracking_no") == 1);
  CHECK(mail_status_label("sent") == "已寄出");
  CHECK(mail_status_label("pending") == "待寄出");
}
