// 会费缴纳信息 (domain/dues_history.h): which order a member's year shows, and who may open a
// receipt.
#include <doctest/doctest.h>

#include "domain/dues_history.h"

using md::domain::DuesHistoryEntry;
using md::domain::one_per_member_year;
using md::domain::receipt_visible;

TEST_CASE("dues history shows the paid order of a year over an expired and a cancelled one") {
  auto rows = one_per_member_year({
      {7, "1100001", 2026, 1, "expired", "2026-03-01T01:00:00Z"},
      {7, "1100001", 2026, 3, "cancelled", "2026-03-05T01:00:00Z"},
      {7, "1100001", 2026, 2, "paid", "2026-03-02T01:00:00Z"},
  });
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].order_id == 2);
}

TEST_CASE("dues history shows an open order over a closed one and the newest closed otherwise") {
  auto open = one_per_member_year({{7, "a", 2026, 1, "expired", "2026-03-09T00:00:00Z"},
                                   {7, "a", 2026, 2, "reduction_pending", "2026-03-01T00:00:00Z"}});
  REQUIRE(open.size() == 1);
  CHECK(open[0].order_id == 2);
  auto closed = one_per_member_year({{7, "a", 2026, 1, "expired", "2026-03-01T00:00:00Z"},
                                     {7, "a", 2026, 2, "cancelled", "2026-03-04T00:00:00Z"}});
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].order_id == 2);
}

TEST_CASE("dues history lists the newest year first then members by login id") {
  auto rows = one_per_member_year({{8, "1100002", 2025, 1, "paid", "x"},
                                   {7, "1100001", 2025, 1, "paid", "x"},
                                   {8, "1100002", 2026, 2, "paid", "y"},
                                   {7, "1100001", 2026, 3, "awaiting_payment", "y"}});
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].year == 2026);
  CHECK(rows[0].member_login == "1100001");
  CHECK(rows[1].member_login == "1100002");
  CHECK(rows[2].year == 2025);
  CHECK(rows[2].member_login == "1100001");
}

TEST_CASE("a receipt is visible to its payer its item's member and the payer's agency only") {
  CHECK(receipt_visible(5, 5, 0, false));     // placed it
  CHECK(receipt_visible(7, 5, 0, true));      // holds an item of it
  CHECK(receipt_visible(1, 7, 1, false));     // placed by one of the agency's attorneys
  CHECK_FALSE(receipt_visible(1, 9, 2, false));  // another agency's order
  CHECK_FALSE(receipt_visible(0, 0, 0, false));
}
