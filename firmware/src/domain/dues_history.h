// 会费缴纳信息 (dues history): the rules with no I/O. A member's item of a year may have been in
// several orders (one expired, then one paid); the history shows one line per member and year,
// and says whether the viewer may open that order's receipt.
//
// Glossary: 代理机构会费缴纳信息 = an agency's (or other unit's) own dues by year; 专利代理师会费缴纳信息
// = attorneys' dues by year (an agency sees all of its attorneys', an attorney their own).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace md::domain {

// One order's item for one member and year.
struct DuesHistoryEntry {
  int64_t member_id = 0;
  std::string member_login;  // sort key within a year
  int year = 0;
  int64_t order_id = 0;
  std::string status;      // OrderStatus code
  std::string created_at;  // ISO 8601 UTC, sorts as text
};

// The entry each (member, year) shows: the paid order, else the open one (awaiting payment or a
// reduction pending), else the newest closed one (expired or cancelled). The result is newest
// year first, then by member login id.
std::vector<DuesHistoryEntry> one_per_member_year(std::vector<DuesHistoryEntry> entries);

// Whether `viewer` may open the receipt of a paid order: they placed it, it holds their own
// item, or it was placed by one of their attorneys (the viewer is the payer's 执业机构).
// An order another agency placed for an attorney who has since moved stays that agency's.
bool receipt_visible(int64_t viewer_id, int64_t payer_id, int64_t payer_agency_id,
                     bool viewer_holds_item);

}  // namespace md::domain
