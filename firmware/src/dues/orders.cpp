#include "dues/orders.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/utf8.h"
#include "dues/settlement.h"
#include "notify/sms_outbox.h"
#include "store/audit_repo.h"
#include "store/directory_cache.h"
#include "store/message_repo.h"

namespace md::dues {
namespace {

Error invalid(const std::string& code, const std::string& message) {
  return make_error(ErrorKind::kInvalidArgument, code, message);
}

domain::FieldDef contact_field(const char* key, const char* label, domain::FieldKind kind,
                               bool required, int max_chars = 0) {
  domain::FieldDef f;
  f.key = key;
  f.label = label;
  f.kind = kind;
  f.required = required;
  f.max_chars = max_chars;
  return f;
}

std::string field_or(const nlohmann::json& profile, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (profile.contains(k) && profile[k].is_string() && !profile[k].get<std::string>().empty())
      return profile[k].get<std::string>();
  return "";
}

}  // namespace

const domain::FormDef& contact_form() {
  using K = domain::FieldKind;
  static const domain::FormDef form{domain::MemberType::kAgency,
                                    "会费缴纳申报确认单",
                                    "name",
                                    "mobile",
                                    "mobile",
                                    {contact_field("name", "联系人姓名", K::kText, true, 50),
                                     contact_field("mobile", "手机号", K::kMobile, true),
                                     contact_field("email", "邮箱", K::kEmail, true),
                                     contact_field("office_phone", "办公电话", K::kPhone, false)}};
  return form;
}

Contact contact_prefill(store::Db& db, const store::Member& m) {
  Contact c;
  auto st = db.prepare("SELECT profile_json FROM members WHERE id = ?");
  st.bind(1, m.id);
  nlohmann::json profile = nlohmann::json::object();
  if (st.step() && !st.col_null(0)) profile = nlohmann::json::parse(st.col_text(0), nullptr, false);
  if (!profile.is_object()) profile = nlohmann::json::object();
  const bool person = m.type == "attorney" || m.type == "non_practicing";
  c.name = person ? m.name : field_or(profile, {"contact_name", "leader"});
  c.mobile = field_or(profile, {"contact_mobile", "mobile", "leader_mobile"});
  c.email = field_or(profile, {"email"});
  c.office_phone = field_or(profile, {"office_phone"});
  return c;
}

Result<Quote> quote(store::Db& db, const store::Member& payer, const Selection& sel,
                    const std::string& today) {
  auto year = dues_year(db, sel.year);
  if (!year.ok()) return year.error();
  if (auto problem = window_problem(*year, today); !problem.empty())
    return invalid("window_closed", problem);
  if (payer.type == "attorney") {
    auto choice = attorney_choice(db, payer.id, sel.year);
    if (!choice.ok()) return choice.error();
    if (*choice != "personal")
      return make_error(ErrorKind::kForbidden, "choose_payment_first",
                        "请先选择个人缴费，或等候所属代理机构统一缴费");
  }
  if (sel.member_ids.empty()) return invalid("validation_failed", "请勾选要缴费的项目");
  auto all = payable_items(db, payer, *year);
  if (!all.ok()) return all.error();
  Quote q;
  q.year = *year;
  for (int64_t id : sel.member_ids) {
    auto it = std::find_if(all->begin(), all->end(), [&](const PayableItem& i) { return i.member.id == id; });
    if (it == all->end()) {
      q.unavailable[id] = "该项目不在您的待缴费清单中";
    } else if (it->state != ItemState::kPayable) {
      q.unavailable[id] = it->member.name + "：" + label(it->state) +
                          (it->order_no ? "（申报系统单号" + *it->order_no + "）" : std::string());
    }
  }
  for (const auto& item : *all) {
    if (std::find(sel.member_ids.begin(), sel.member_ids.end(), item.member.id) == sel.member_ids.end()) continue;
    if (q.unavailable.count(item.member.id)) continue;
    q.items.push_back(item);
    q.total_fen += item.amount_fen;
  }
  return q;
}

Result<PlaceOutcome> place_order(store::Db& db, const DuesContext& ctx, const store::Member& payer,
                                 const Selection& sel, const Contact& contact,
                                 const std::optional<ReductionRequest>& reduction) {
  PlaceOutcome out;
  domain::Values values;
  out.field_errors = domain::validate_form(
      contact_form(),
      {{"name", contact.name}, {"mobile", contact.mobile}, {"email", contact.email},
       {"office_phone", contact.office_phone}},
      &values, store::today_shanghai());
  std::map<std::string, std::string> prefixed;
  for (auto& [k, v] : out.field_errors) prefixed["contact." + k] = v;
  out.field_errors = prefixed;

  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto q = quote(db, payer, sel, store::today_shanghai());
  if (!q.ok()) return q.error();
  if (!q->unavailable.empty()) {
    out.unavailable = q->unavailable;
    return out;
  }
  if (reduction) {
    std::string field;
    const std::string problem =
        domain::check_reduction_request(q->total_fen, reduction->amount_fen, reduction->reason, &field);
    if (!problem.empty()) out.field_errors[field == "amount" ? "reduction.amount_fen" : "reduction.reason"] = problem;
  }
  if (!out.field_errors.empty()) return out;

  store::OrderRepo orders(db);
  const int64_t now = core::now_unix();
  const auto facts = domain::new_order(q->total_fen, reduction.has_value(), now,
                                       ctx.cfg.integer("dues.order_expiry_s"));
  const std::string day = core::unix_to_shanghai(now, "%Y%m%d");
  auto seq = orders.next_sequence(day);
  if (!seq.ok()) return seq.error();
  store::DuesOrder o;
  o.order_no = domain::format_order_no(day, *seq);
  o.payer_id = payer.id;
  o.year = sel.year;
  o.status = std::string(domain::to_code(facts.status));
  o.total_fen = facts.total;
  o.amount_due_fen = facts.amount_due;
  o.contact_name = values["name"];
  o.contact_mobile = values["mobile"];
  o.contact_email = values["email"];
  o.contact_office_phone = values["office_phone"];
  if (reduction) {
    o.reduction_requested_fen = reduction->amount_fen;
    o.reduction_reason = core::trim(reduction->reason);
    o.reduction_status = "pending";
  }
  o.created_at = core::unix_to_iso(now);
  if (facts.expires_at) o.expires_at = core::unix_to_iso(*facts.expires_at);
  auto id = orders.insert(o);
  if (!id.ok()) return id.error();
  for (const auto& item : q->items) {
    auto st = orders.insert_item({*id, item.member.id, sel.year, std::string(domain::to_code(item.fee_class)),
                                  item.amount_fen, true, "", "", ""});
    if (!st.ok()) {
      // The partial unique index refused it: another order took the item meanwhile.
      if (st.error().kind == ErrorKind::kConflict) {
        out.unavailable[item.member.id] = item.member.name + "：已在其他订单中";
        return out;
      }
      return st.error();
    }
  }
  nlohmann::json after = {{"order_no", o.order_no}, {"year", o.year}, {"total_fen", o.total_fen},
                          {"status", o.status}, {"items", q->items.size()}};
  if (reduction) after["reduction_requested_fen"] = reduction->amount_fen;
  MD_TRY(store::append_audit(db, {"member:" + payer.login_id, "dues.order_create",
                                  "dues_order:" + o.order_no, "", after.dump()}));
  if (reduction) {
    auto msg = store::MessageRepo(db).add_personal(
        payer.id, "减免申请已提交",
        "您的会费减免申请已提交（申报系统单号：" + o.order_no + "），审批通过后方可减免。审批结果将通过短信和会员消息通知您。",
        "system");
    if (!msg.ok()) return msg.error();
  }
  MD_TRY(tx.commit());
  auto stored = orders.find(*id);
  if (!stored.ok()) return stored.error();
  out.order = **stored;
  return out;
}

Result<store::DuesOrder> cancel_order(store::Db& db, int64_t order_id, const std::string& actor) {
  store::OrderRepo orders(db);
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto found = orders.find(order_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "订单不存在");
  const auto& o = **found;
  if (!domain::can_cancel(facts_of(o)))
    return make_error(ErrorKind::kConflict, "not_cancellable", "该订单已" + std::string(domain::label(facts_of(o).status)) + "，不能取消");
  auto changed = orders.set_status(o.id, o.status, "cancelled");
  if (!changed.ok()) return changed.error();
  if (!*changed) return make_error(ErrorKind::kConflict, "not_cancellable", "订单状态已变化，请刷新");
  MD_TRY(store::append_audit(db, {actor, "dues.order_cancel", "dues_order:" + o.order_no,
                                  nlohmann::json{{"status", o.status}}.dump(), R"({"status":"cancelled"})"}));
  MD_TRY(tx.commit());
  auto stored = orders.find(o.id);
  if (!stored.ok()) return stored.error();
  return **stored;
}

Result<DecideOutcome> decide_reduction(store::Db& db, const DuesContext& ctx, int64_t order_id,
                                       const ReductionVerdict& v, const std::string& staff_login) {
  store::OrderRepo orders(db);
  DecideOutcome out;
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto found = orders.find(order_id);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "订单不存在");
  const store::DuesOrder o = **found;
  if (o.status != "reduction_pending")
    return make_error(ErrorKind::kConflict, "not_pending", "该订单没有待审批的减免申请");
  const int64_t now = core::now_unix();
  auto r = domain::decide_reduction(facts_of(o), {v.approve, v.amount_fen, v.reason}, now,
                                    ctx.cfg.integer("dues.order_expiry_s"));
  if (!r.error.empty()) {
    out.field_errors[r.error_field.empty() ? "decision" : r.error_field] = r.error;
    return out;
  }
  const std::string new_status = std::string(domain::to_code(r.order.status));
  std::optional<std::string> expires;
  if (r.order.expires_at) expires = core::unix_to_iso(*r.order.expires_at);
  const std::string reason = core::trim(v.reason);
  MD_TRY(orders.decide_reduction(o.id, v.approve ? "approved" : "rejected",
                                 v.approve ? v.amount_fen : 0,
                                 v.approve ? std::nullopt : std::optional<std::string>(reason),
                                 staff_login, r.order.amount_due, new_status, expires));
  const std::string actor = "staff:" + staff_login;
  std::string result_text;
  std::string body;
  if (!v.approve) {
    result_text = "未获批准，原因：" + reason + "。";
    body = "您的会费减免申请未获批准，原因：" + reason + "。请按原金额" +
           domain::format_yuan_grouped(o.total_fen) + "元缴费（申报系统单号：" + o.order_no + "）。";
  } else if (r.waived) {
    result_text = "已批准，会费全额减免。";
    body = "您的会费减免申请已批准，" + std::to_string(o.year) + "年度会费全额减免（申报系统单号：" + o.order_no + "），无需缴费。";
  } else {
    result_text = "已批准，减免" + domain::format_yuan_grouped(v.amount_fen) + "元。";
    body = "您的会费减免申请已批准，减免" + domain::format_yuan_grouped(v.amount_fen) + "元，请缴纳" +
           domain::format_yuan_grouped(r.order.amount_due) + "元（申报系统单号：" + o.order_no + "）。";
  }
  auto msg = store::MessageRepo(db).add_personal(o.payer_id, "减免申请审批结果", body, actor);
  if (!msg.ok()) return msg.error();
  MD_TRY(notify::enqueue_sms(db, ctx.cfg, notify::SmsEvent::kReductionDecided, o.contact_mobile,
                             {{"name", o.contact_name}, {"order_no", o.order_no}, {"result", result_text}}));
  nlohmann::json after = {{"decision", v.approve ? "approve" : "reject"},
                          {"amount_fen", v.approve ? v.amount_fen : 0},
                          {"amount_due_fen", r.order.amount_due},
                          {"status", new_status}};
  if (!v.approve) after["reason"] = reason;
  MD_TRY(store::append_audit(db, {actor, "dues.reduction_decide", "dues_order:" + o.order_no,
                                  nlohmann::json{{"status", o.status}, {"amount_due_fen", o.amount_due_fen}}.dump(),
                                  after.dump()}));
  if (r.waived) {
    store::PaymentRecord rec;
    rec.order_id = o.id;
    rec.method = "waiver";
    rec.external_ref = o.order_no;
    rec.amount_fen = 0;
    rec.received_at = store::utc_now_iso();
    rec.source = "waiver";
    rec.outcome = "credited";
    rec.recorded_by = actor;
    auto id = orders.insert_payment(rec);
    if (!id.ok()) return id.error();
    auto paid = orders.find(o.id);
    if (!paid.ok()) return paid.error();
    MD_TRY(after_paid(db, ctx, **paid, domain::PayMethod::kWaiver, actor));
  }
  MD_TRY(tx.commit());
  if (ctx.sms_enqueued) ctx.sms_enqueued();
  auto stored = orders.find(o.id);
  if (!stored.ok()) return stored.error();
  out.order = **stored;
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> expire_due_orders(store::Db& db, int limit) {
  store::OrderRepo orders(db);
  std::vector<std::pair<std::string, std::string>> to_close;  // (method, out_trade_no)
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  auto due = orders.due_to_expire(store::utc_now_iso(), limit);
  if (!due.ok()) return due.error();
  for (const auto& o : *due) {
    auto changed = orders.set_status(o.id, "awaiting_payment", "expired");
    if (!changed.ok()) return changed.error();
    if (!*changed) continue;
    auto attempts = orders.attempts(o.id);
    if (!attempts.ok()) return attempts.error();
    for (const auto& a : *attempts) {
      if (a.status != "open") continue;
      MD_TRY(orders.set_attempt_status(a.id, "closed", std::string("order expired")));
      to_close.emplace_back(a.method, a.out_trade_no);
    }
    MD_TRY(store::append_audit(db, {"system", "dues.order_expire", "dues_order:" + o.order_no,
                                    R"({"status":"awaiting_payment"})", R"({"status":"expired"})"}));
  }
  MD_TRY(tx.commit());
  return to_close;
}

}  // namespace md::dues
