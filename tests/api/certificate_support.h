// What the certificate and printing API tests share: a daemon with two approved attorneys of
// one agency (1100001, 1100002) and staff of every certificate role, paying dues by bank receipt
// (which issues the year's certificate), and polling a print job.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "harness.h"

namespace certtest {

inline const std::string kPw = "Member2026x";
inline const apitest::StaffSpec kAdmin{"adm1", "管理员老周", "admin", "Admin12345x"};
inline const apitest::StaffSpec kFinance{"fin1", "财务小王", "finance", "Finance12345"};

apitest::DaemonOptions options(const std::string& printer_queue = "");
int year_now();
// Approves the roster members (as an approved application would).
void approve(const apitest::TestDaemon& d, std::initializer_list<const char*> logins);
int64_t member_id(const apitest::TestDaemon& d, const std::string& login);
// The attorney pays this year's dues in person; finance confirms the bank transfer.
void pay_by_bank(const apitest::TestDaemon& d, apitest::HttpClient& attorney, const std::string& login);
// The member's current certificate (REQUIREs that there is one).
apitest::Json current_certificate(apitest::HttpClient& member);
// Polls `path` (a {"job"} answer) until the job is done or `limit` passes; the last job seen.
apitest::Json wait_job(apitest::HttpClient& c, const std::string& path, std::chrono::milliseconds limit,
                       const std::function<bool(const apitest::Json&)>& until = nullptr);

// A shell command's stdout and stderr (pdftotext, zbarimg, openssl …).
std::string run(const std::string& cmd);
void write_file(const std::string& path, const std::string& bytes);

}  // namespace certtest
