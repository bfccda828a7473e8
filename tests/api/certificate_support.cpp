#include "certificate_support.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "demo/demo_approve.h"
#include "store/directory_cache.h"

namespace certtest {

using apitest::HttpClient;
using apitest::Json;

apitest::DaemonOptions options(const std::string& printer_queue) {
  apitest::DaemonOptions o;
  for (const char* login : {"11001", "1100001", "1100002", "1100005"}) o.member_passwords[login] = kPw;
  o.staff = {kAdmin, kFinance, apitest::desk_staff(), apitest::reviewer_staff()};
  o.printer_queue = printer_queue;
  return o;
}

int year_now() { return std::stoi(md::store::today_shanghai().substr(0, 4)); }

void approve(const apitest::TestDaemon& d, std::initializer_list<const char*> logins) {
  auto db = d.open_db();
  for (const char* l : logins) {
    auto r = md::demo::approve_for_demo(*db, l);
    REQUIRE_MESSAGE(r.ok(), l);
  }
}

int64_t member_id(const apitest::TestDaemon& d, const std::string& login) {
  return apitest::sql_int(d, "SELECT id FROM members WHERE login_id = '" + login + "'");
}

void pay_by_bank(const apitest::TestDaemon& d, HttpClient& attorney, const std::string& login) {
  REQUIRE(attorney.post("/member/dues/attorney-choice", {{"year", year_now()}, {"choice", "personal"}}).status == 200);
  Json contact = {{"name", "陈静"}, {"mobile", "13912345678"}, {"email", "chen@example.cn"}, {"office_phone", "010-62345678"}};
  auto order = attorney.post("/member/dues/orders",
                             {{"year", year_now()}, {"member_ids", {member_id(d, login)}}, {"contact", contact}});
  REQUIRE(order.status == 201);
  HttpClient fin(d.port());
  REQUIRE(fin.login_staff(kFinance.login_id, kFinance.password).status == 200);
  auto paid = fin.post("/staff/dues/orders/" + std::to_string(order.body["order"]["id"].get<int64_t>()) + "/bank-receipt",
                       {{"amount_fen", order.body["order"]["amount_due_fen"]},
                        {"date", md::store::today_shanghai()},
                        {"bank_ref", "B-" + login}});
  REQUIRE(paid.status == 200);
  REQUIRE(paid.body["order"]["status"] == "paid");
}

Json current_certificate(HttpClient& member) {
  auto list = member.get("/member/certificates");
  REQUIRE(list.status == 200);
  REQUIRE(list.body["current"].is_object());
  return list.body["current"];
}

Json wait_job(HttpClient& c, const std::string& path, std::chrono::milliseconds limit,
              const std::function<bool(const Json&)>& until) {
  const auto end = std::chrono::steady_clock::now() + limit;
  Json job;
  for (;;) {
    auto r = c.get(path);
    REQUIRE(r.status == 200);
    job = r.body["job"];
    if (until ? until(job) : job["done"].get<bool>()) return job;
    if (std::chrono::steady_clock::now() >= end) return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace certtest
