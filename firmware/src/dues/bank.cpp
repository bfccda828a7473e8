#include "dues/bank.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/utf8.h"
#include "domain/working_days.h"
#include "store/audit_repo.h"
#include "store/order_repo.h"

namespace md::dues {
namespace {

// Inside a transaction the caller holds: record and credit one bank payment.
Result<CreditOutcome> credit_bank_in_tx(store::Db& db, const DuesContext& ctx, const store::DuesOrder& order,
                                        domain::Fen amount, const std::string& date,
                                        const std::string& ref, const std::string& source,
                                        const std::string& actor) {
  store::OrderRepo orders(db);
  auto seen = orders.payment_by_ref("bank", ref);
  if (!seen.ok()) return seen.error();
  if (seen->has_value()) return CreditOutcome::kDuplicate;
  const auto verdict = domain::judge_payment(facts_of(order), amount);
  if (verdict != domain::PaymentVerdict::kCredit) return CreditOutcome::kWrongAmount;
  store::PaymentRecord rec;
  rec.order_id = order.id;
  rec.method = "bank";
  rec.external_ref = ref;
  rec.amount_fen = amount;
  rec.paid_at = date;
  rec.received_at = store::utc_now_iso();
  rec.source = source;
  rec.outcome = "credited";
  rec.recorded_by = actor;
  auto id = orders.insert_payment(rec);
  if (!id.ok()) return id.error();
  auto marked = orders.mark_paid(order.id, "bank", rec.received_at);
  if (!marked.ok()) return marked.error();
  if (!*marked) return make_error(ErrorKind::kConflict, "not_payable", "订单状态已变化，请刷新");
  // Close QR attempts still open in our records; the gateway closes them when they expire.
  auto attempts = orders.attempts(order.id);
  if (!attempts.ok()) return attempts.error();
  for (const auto& a : *attempts)
    if (a.status == "open") MD_TRY(orders.set_attempt_status(a.id, "closed", std::string("paid by bank transfer")));
  auto paid = orders.find(order.id);
  if (!paid.ok()) return paid.error();
  MD_TRY(after_paid(db, ctx, **paid, domain::PayMethod::kBank, actor));
  return CreditOutcome::kCredited;
}

// The 申报系统单号 as members type it into a remittance note: D + 14 digits, either case, not
// inside a longer run of digits.
std::optional<std::string> find_order_no(const std::string& note) {
  auto digit = [&](size_t i) { return i < note.size() && note[i] >= '0' && note[i] <= '9'; };
  for (size_t i = 0; i + 15 <= note.size(); ++i) {
    if (note[i] != 'D' && note[i] != 'd') continue;
    size_t n = 0;
    while (n < 14 && digit(i + 1 + n)) ++n;
    if (n == 14 && !digit(i + 15)) return "D" + note.substr(i + 1, 14);
  }
  return std::nullopt;
}

std::string column_key(const std::string& header) {
  const std::string h = core::trim(header);
  if (h == "交易日期" || h == "日期") return "date";
  if (h == "金额" || h == "贷方金额" || h == "收入金额") return "amount";
  if (h == "流水号" || h == "交易流水号") return "ref";
  if (h == "摘要" || h == "附言" || h == "用途") return "note";
  if (h == "付款人" || h == "对方户名") return "payer";
  return "";
}

}  // namespace

const char* to_code(LineResult r) {
  switch (r) {
    case LineResult::kMatched: return "matched";
    case LineResult::kUnmatched: return "unmatched";
    case LineResult::kMismatched: return "mismatched";
    case LineResult::kDuplicate: return "duplicate";
    case LineResult::kInvalid: return "invalid";
  }
  return "";
}

Result<ReceiptOutcome> confirm_bank_receipt(store::Db& db, const DuesContext& ctx, int64_t order_id,
                                            const BankReceipt& r, const std::string& staff_login) {
  ReceiptOutcome out;
  const std::string ref = core::trim(r.bank_ref);
  if (r.amount_fen <= 0) out.field_errors["amount_fen"] = "请填写收款金额";
  if (!domain::parse_iso_date(r.date)) out.field_errors["date"] = "日期格式应为 年-月-日";
  if (ref.empty() || core::utf8_length(ref) > 64) out.field_errors["bank_ref"] = "请填写银行流水号（不超过64个字符）";
  if (!out.field_errors.empty()) return out;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto found = store::OrderRepo(db).find(order_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "订单不存在");
  const auto& order = **found;
  if (order.status != "awaiting_payment")
    return make_error(ErrorKind::kConflict, "not_payable",
                      "该订单" + std::string(domain::label(facts_of(order).status)) + "，不能确认收款");
  auto c = credit_bank_in_tx(db, ctx, order, r.amount_fen, r.date, ref, "staff", "staff:" + staff_login);
  if (!c.ok()) return c.error();
  if (*c == CreditOutcome::kDuplicate)
    return make_error(ErrorKind::kConflict, "duplicate_ref", "该银行流水号已入账，不能重复确认");
  if (*c == CreditOutcome::kWrongAmount) {
    out.field_errors["amount_fen"] = "收款金额与应缴金额（" + domain::format_yuan_grouped(order.amount_due_fen) + "元）不符";
    return out;
  }
  MD_TRY(tx.commit());
  if (ctx.sms_enqueued) ctx.sms_enqueued();
  out.outcome = *c;
  return out;
}

Result<StatementReport> import_statement(store::Db& db, const DuesContext& ctx, const std::string& csv,
                                         bool apply, const std::string& staff_login) {
  StatementReport report;
  auto rows = core::parse_csv(csv);
  if (!rows.ok()) {
    report.error = "CSV 格式错误：" + rows.error().message;
    return report;
  }
  if (rows->empty()) {
    report.error = "文件为空";
    return report;
  }
  std::map<std::string, size_t> cols;
  for (size_t i = 0; i < rows->front().fields.size(); ++i) {
    const std::string k = column_key(rows->front().fields[i]);
    if (!k.empty()) cols[k] = i;
  }
  for (const char* need : {"date", "amount", "ref", "note"})
    if (!cols.count(need)) {
      report.error = "缺少必需的列：交易日期、金额、流水号、摘要";
      return report;
    }
  store::OrderRepo orders(db);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  std::map<std::string, int> refs_in_file;
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    auto cell = [&](const char* k) {
      auto it = cols.find(k);
      return it != cols.end() && it->second < row.fields.size() ? core::trim(row.fields[it->second]) : std::string();
    };
    bool blank = true;
    for (const auto& f : row.fields) blank = blank && core::trim(f).empty();
    if (blank) continue;
    StatementLine line;
    line.line = row.line;
    line.date = cell("date");
    line.bank_ref = cell("ref");
    line.payer = cell("payer");
    const std::string note = cell("note");
    auto amount = domain::parse_yuan(cell("amount"), domain::AllowGrouping::kYes);
    line.order_no = find_order_no(note);
    if (!amount || *amount <= 0 || line.bank_ref.empty() || !domain::parse_iso_date(line.date)) {
      line.result = LineResult::kInvalid;
      line.message = "日期、金额或流水号格式错误";
    } else if (refs_in_file[line.bank_ref]++ > 0) {
      line.amount_fen = *amount;
      line.result = LineResult::kDuplicate;
      line.message = "流水号在文件中重复";
    } else {
      line.amount_fen = *amount;
      auto seen = orders.payment_by_ref("bank", line.bank_ref);
      if (!seen.ok()) return seen.error();
      std::optional<store::DuesOrder> order;
      if (line.order_no) {
        auto o = orders.find_by_no(*line.order_no);
        if (!o.ok()) return o.error();
        order = *o;
      }
      if (seen->has_value()) {
        line.result = LineResult::kDuplicate;
        line.message = "该流水已入账";
      } else if (!order) {
        line.result = LineResult::kUnmatched;
        line.message = line.order_no ? "申报系统单号不存在" : "摘要中未找到申报系统单号";
      } else if (order->status != "awaiting_payment") {
        line.result = LineResult::kMismatched;
        line.message = "订单" + std::string(domain::label(facts_of(*order).status)) + "，不能入账";
      } else if (order->amount_due_fen != *amount) {
        line.result = LineResult::kMismatched;
        line.message = "金额不符：应缴" + domain::format_yuan_grouped(order->amount_due_fen) + "元";
      } else {
        line.result = LineResult::kMatched;
        line.message = "匹配";
        line.order_id = order->id;
      }
    }
    report.lines.push_back(line);
  }
  if (!apply) return report;  // the transaction rolls back: nothing was written
  int credited = 0;
  for (auto& line : report.lines) {
    if (line.result != LineResult::kMatched) continue;
    auto order = orders.find(line.order_id);
    if (!order.ok()) return order.error();
    auto c = credit_bank_in_tx(db, ctx, **order, line.amount_fen, line.date, line.bank_ref,
                               "statement", "staff:" + staff_login);
    if (!c.ok()) return c.error();  // rolls everything back
    if (*c != CreditOutcome::kCredited)
      return make_error(ErrorKind::kConflict, "statement_changed", "流水匹配结果已变化，请重新预览");
    ++credited;
  }
  MD_TRY(store::append_audit(db, {"staff:" + staff_login, "dues.statement_import", "", "",
                                  nlohmann::json{{"lines", report.lines.size()}, {"credited", credited}}.dump()}));
  MD_TRY(tx.commit());
  if (ctx.sms_enqueued && credited) ctx.sms_enqueued();
  report.applied = true;
  return report;
}

}  // namespace md::dues
