// 名录导入: the official roster of agencies and attorneys, from two UTF-8 CSV files.
//
// agencies.csv  header: 机构代码,机构名称,统一社会信用代码   (统一社会信用代码 may be empty)
// attorneys.csv header: 资格证号,姓名,机构代码,执业证号       (执业证号 may be empty)
//
// Every row is checked first; one bad row (invalid code, unknown agency, duplicate) means
// nothing at all is imported. Otherwise one transaction creates or updates the members, their
// logins (default password = login id, no hash) and each attorney's agency link. Importing the
// same files again changes nothing.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace md::roster {

struct RosterProblem {
  std::string file;
  int line = 0;
  std::string message;
};

struct RosterCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

struct RosterReport {
  RosterCounts agencies;
  RosterCounts attorneys;
  std::vector<RosterProblem> problems;  // non-empty: nothing was imported
};

Result<RosterReport> import_roster(store::Db& db, const std::string& agencies_csv,
                                   const std::string& attorneys_csv, const std::string& actor);

}  // namespace md::roster
