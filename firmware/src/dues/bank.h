// 转账汇款: finance confirms a bank transfer by hand, or imports the bank's statement (CSV) whose
// lines are matched to orders by the 申报系统单号 in the remittance note and by amount.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/money.h"
#include "dues/context.h"
#include "dues/settlement.h"
#include "store/db.h"

namespace md::dues {

struct BankReceipt {
  domain::Fen amount_fen = 0;
  std::string date;      // YYYY-MM-DD
  std::string bank_ref;  // the bank's transaction reference (流水号)
};

// Field errors (amount_fen, date, bank_ref) or the credit's outcome. kConflict duplicate_ref when
// the reference was recorded before; kConflict not_payable when the order cannot take money.
struct ReceiptOutcome {
  std::map<std::string, std::string> field_errors;
  std::optional<CreditOutcome> outcome;
};
Result<ReceiptOutcome> confirm_bank_receipt(store::Db& db, const DuesContext& ctx, int64_t order_id,
                                            const BankReceipt& r, const std::string& staff_login);

enum class LineResult { kMatched, kUnmatched, kMismatched, kDuplicate, kInvalid };
const char* to_code(LineResult r);

struct StatementLine {
  int line = 0;
  std::string date;
  domain::Fen amount_fen = 0;
  std::string bank_ref;
  std::string payer;
  std::optional<std::string> order_no;
  LineResult result = LineResult::kInvalid;
  std::string message;  // zh-CN
  int64_t order_id = 0;
};

struct StatementReport {
  bool applied = false;
  std::vector<StatementLine> lines;
  std::string error;  // non-empty: the file itself is unusable (missing column, bad CSV)
};

// Matches every line; with apply, credits all matched lines in ONE transaction (all or none).
Result<StatementReport> import_statement(store::Db& db, const DuesContext& ctx, const std::string& csv,
                                         bool apply, const std::string& staff_login);

}  // namespace md::dues
