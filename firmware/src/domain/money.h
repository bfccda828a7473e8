// Money is integer fen (分) everywhere: amounts are never floating point. Yuan strings appear
// only at the edges: the UI, Alipay's total_amount and bank statements.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace md::domain {

using Fen = int64_t;

// 30000 → "300.00"; -5 → "-0.05".
std::string format_yuan(Fen fen);
// 130000 → "1,300.00" (how amounts are shown to people and printed on receipts).
std::string format_yuan_grouped(Fen fen);

// A plain non-negative yuan amount with at most two decimals: "300", "300.5", "300.00". With
// AllowGrouping::kYes, thousands separators as banks print them are accepted too ("1,300.00").
// Anything else ("", "-1", "1e3", "0.001", " 3") is nullopt. Amounts above 10^12 fen are refused.
enum class AllowGrouping { kNo, kYes };
std::optional<Fen> parse_yuan(std::string_view text, AllowGrouping grouping = AllowGrouping::kNo);

}  // namespace md::domain
