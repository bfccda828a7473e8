// 招聘信息: the posting form's checks, the pay text and when the public sees a posting
// (domain/job_posting.h).
#include <doctest/doctest.h>

#include "domain/job_posting.h"

using namespace md::domain;

namespace {

constexpr const char* kToday = "2026-12-04";

JobForm valid_form() {
  JobForm f;
  f.title = " 诚聘专利代理师 ";
  f.positions = "专利代理师（电学）";
  f.headcount = "3";
  f.requirements = "理工科本科及以上学历，持专利代理师资格证。";
  f.place = "北京市海淀区";
  f.pay_min = "8000";
  f.pay_max = "15000";
  f.contact_name = "李娜";
  f.contact_phone = "+86 13912345678";
  f.valid_until = "2027-03-31";
  return f;
}

}  // namespace

TEST_CASE("job posting: a complete form is trimmed and normalised") {
  JobFields out;
  auto e = check_job(valid_form(), kToday, &out);
  CHECK(e.empty());
  CHECK(out.title == "诚聘专利代理师");
  CHECK(out.headcount == 3);
  CHECK(out.pay_min_yuan == 8000);
  CHECK(out.pay_max_yuan == 15000);
  CHECK(out.contact_phone == "13912345678");
  CHECK(pay_text(out) == "8,000–15,000元/月");
  JobForm land = valid_form();
  land.contact_phone = "010-62345678";
  land.requirements = "";
  CHECK(check_job(land, kToday, &out).empty());
  CHECK(out.contact_phone == "010-62345678");
}

TEST_CASE("job posting: each bad field gets its own message") {
  JobForm f;
  f.valid_until = "";
  auto e = check_job(f, kToday, nullptr);
  CHECK(e.at("title") == "请填写招聘标题");
  CHECK(e.at("positions") == "请填写招聘岗位");
  CHECK(e.at("headcount") == "请填写招聘人数");
  CHECK(e.at("place") == "请填写工作地点");
  CHECK(e.at("pay_min") == "请填写最低月薪，或选择面议");
  CHECK(e.at("pay_max") == "请填写最高月薪，或选择面议");
  CHECK(e.at("contact_name") == "请填写联系人");
  CHECK(e.at("contact_phone") == "请填写联系电话");
  CHECK(e.at("valid_until") == "请填写有效期至");
  CHECK(e.count("requirements") == 0);

  f = valid_form();
  f.title.clear();
  for (int i = 0; i < 51; ++i) f.title += "聘";
  f.headcount = "1000";
  f.requirements = std::string(2001, 'a');
  f.contact_phone = "12345";
  f.valid_until = "2027-02-30";
  e = check_job(f, kToday, nullptr);
  CHECK(e.at("title") == "招聘标题不能超过50个字");
  CHECK(e.at("headcount") == "招聘人数应为1至999的整数");
  CHECK(e.at("requirements") == "岗位要求不能超过2000个字");
  CHECK(e.at("contact_phone") == "请填写正确的手机号或固定电话，如 13912345678 或 010-12345678");
  CHECK(e.at("valid_until") == "请填写正确的日期，如 2027-01-31");
  f = valid_form();
  f.headcount = "0";
  CHECK(check_job(f, kToday, nullptr).at("headcount") == "招聘人数应为1至999的整数");
  f.headcount = "2.5";
  CHECK(check_job(f, kToday, nullptr).count("headcount") == 1);
  f = valid_form();
  f.title.clear();
  for (int i = 0; i < 50; ++i) f.title += "聘";
  f.headcount = "999";
  CHECK(check_job(f, kToday, nullptr).empty());
}

TEST_CASE("job posting: a pay range with min up to max or 面议") {
  JobForm f = valid_form();
  f.pay_min = "20000";
  f.pay_max = "10000";
  CHECK(check_job(f, kToday, nullptr).at("pay_max") == "最高月薪不能低于最低月薪");
  f.pay_min = "-1";
  f.pay_max = "1e4";
  auto e = check_job(f, kToday, nullptr);
  CHECK(e.at("pay_min") == "最低月薪应为1至9999999的整数（元）");
  CHECK(e.at("pay_max") == "最高月薪应为1至9999999的整数（元）");
  f.pay_min = f.pay_max = "10000";
  JobFields out;
  REQUIRE(check_job(f, kToday, &out).empty());
  CHECK(pay_text(out) == "10,000元/月");
  f.pay_negotiable = true;
  f.pay_min = "abc";
  f.pay_max = "";
  REQUIRE(check_job(f, kToday, &out).empty());
  CHECK(out.pay_min_yuan == 0);
  CHECK(pay_text(out) == "面议");
}

TEST_CASE("job posting: valid until a date after today and within a year") {
  JobForm f = valid_form();
  f.valid_until = kToday;
  CHECK(check_job(f, kToday, nullptr).at("valid_until") == "有效期应晚于今天");
  f.valid_until = "2026-12-01";
  CHECK(check_job(f, kToday, nullptr).at("valid_until") == "有效期应晚于今天");
  f.valid_until = "2026-12-05";
  CHECK(check_job(f, kToday, nullptr).empty());
  f.valid_until = "2027-12-04";
  CHECK(check_job(f, kToday, nullptr).empty());
  f.valid_until = "2027-12-05";
  CHECK(check_job(f, kToday, nullptr).at("valid_until") == "有效期最长一年，最晚为2027-12-04");
}

TEST_CASE("job posting: states and what the public sees") {
  CHECK(job_status_label("pending") == "待审核");
  CHECK(job_status_label("approved") == "已发布");
  CHECK(job_status_label("rejected") == "未通过");
  CHECK(job_status_label("closed") == "已关闭");
  CHECK(job_editable("approved"));
  CHECK(job_editable("rejected"));
  CHECK_FALSE(job_editable("closed"));
  CHECK_FALSE(job_closable("closed"));
  CHECK(job_public("approved", "2026-12-04", kToday));
  CHECK_FALSE(job_public("approved", "2026-12-03", kToday));
  CHECK_FALSE(job_public("pending", "2027-01-01", kToday));
  CHECK_FALSE(job_public("closed", "2027-01-01", kToday));
  CHECK(job_display_label("approved", "2026-12-03", kToday) == "已过期");
  CHECK(job_display_label("approved", "2026-12-04", kToday) == "已发布");
  CHECK(job_display_label("rejected", "2026-12-03", kToday) == "未通过");
  CHECK(may_post_jobs(MemberStatus::kApprovedUnpaid));
  CHECK(may_post_jobs(MemberStatus::kActive));
  CHECK_FALSE(may_post_jobs(MemberStatus::kRoster));
  CHECK_FALSE(may_post_jobs(MemberStatus::kApplied));
  CHECK_FALSE(may_post_jobs(MemberStatus::kWithdrawn));
}
