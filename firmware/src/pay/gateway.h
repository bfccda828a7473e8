// Payment gateways behind one interface: WeChat Pay API v3 Native (wechat_pay.cpp) and Alipay
// alipay.trade.precreate / 当面付 (alipay.cpp). A gateway knows the wire protocol — request
// signing, answer and notification verification, decryption — and nothing of orders: the dues
// code (dues/) decides what a verified payment means and credits it exactly once.
//
// Every call is synchronous and bounded by the gateway's configured timeout; a gateway object is
// safe to use from several threads at once (it holds only immutable keys and settings).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/result.h"

namespace md::pay {

enum class Method { kWechat, kAlipay };

// "wechat" / "alipay" (stored in payment_attempts.method) and the zh-CN names.
const char* method_code(Method m);
const char* method_label(Method m);  // 微信支付 / 支付宝支付
std::optional<Method> method_from_code(const std::string& code);

// One QR payment to open at the gateway.
struct QrRequest {
  std::string out_trade_no;  // ≤ 32 of [0-9A-Za-z_-] (both gateways accept that)
  int64_t amount_fen = 0;    // > 0
  std::string description;   // e.g. "中华全国专利代理师协会2026年度会费"
  std::string expires_at;    // UTC "YYYY-MM-DDTHH:MM:SSZ": the gateway must refuse payment after it
  std::string notify_url;    // where the gateway sends the notification (decided by the caller)
};

struct QrCode {
  std::string code_url;  // WeChat code_url / Alipay qr_code: the text to put in the QR
};

enum class TradeState {
  kNotPaid,  // created, waiting for the payer (WeChat NOTPAY/USERPAYING, Alipay WAIT_BUYER_PAY)
  kPaid,     // WeChat SUCCESS, Alipay TRADE_SUCCESS / TRADE_FINISHED
  kClosed,   // WeChat CLOSED/REVOKED/PAYERROR, Alipay TRADE_CLOSED
  kRefunded, // WeChat REFUND
  kNotFound, // the gateway does not know the out_trade_no (WeChat 404 ORDER_NOT_EXIST,
             // Alipay ACQ.TRADE_NOT_EXIST: an Alipay precreate trade exists only once scanned)
};

// What the gateway says about one trade, from a verified query answer or notification.
struct TradeStatus {
  std::string out_trade_no;
  TradeState state = TradeState::kNotPaid;
  std::string transaction_id;  // the gateway's own trade number (empty until paid)
  int64_t amount_fen = 0;      // the amount the gateway reports (total), in fen
  std::string paid_at;         // as the gateway gives it (RFC 3339 / "yyyy-MM-dd HH:mm:ss"); may be empty
};

// A notification as it arrived over HTTP.
struct NotifyRequest {
  std::map<std::string, std::string> headers;  // lower-case names
  std::string content_type;
  std::string body;  // raw bytes as received (the signature covers them exactly)
};

// How to answer the gateway's HTTP request.
struct NotifyAnswer {
  int status = 200;
  std::string content_type;  // "application/json" (WeChat) or "text/plain" (Alipay)
  std::string body;          // WeChat: "" for 204 or {"code":"FAIL","message":...}; Alipay: "success" / "fail"
};

class Gateway {
 public:
  virtual ~Gateway() = default;
  virtual Method method() const = 0;

  // WeChat POST /v3/pay/transactions/native; Alipay alipay.trade.precreate. The answer's
  // signature is verified before code_url is trusted. Errors: kUnavailable for transport
  // failures, timeouts and 5xx (message in zh-CN for the member, e.g. "微信支付暂时无法连接，请稍后再试或选择转账汇款");
  // kInternal for a bad or unverifiable answer (logged); kInvalidArgument for a refused request.
  virtual Result<QrCode> create_qr(const QrRequest& req) = 0;

  // WeChat GET /v3/pay/transactions/out-trade-no/{no}?mchid=; Alipay alipay.trade.query.
  // The answer is verified. A trade the gateway does not know gives TradeState::kNotFound (ok).
  virtual Result<TradeStatus> query(const std::string& out_trade_no) = 0;

  // WeChat POST …/out-trade-no/{no}/close (204); Alipay alipay.trade.close. A trade the gateway
  // does not know (never scanned) counts as closed: success.
  virtual Status close(const std::string& out_trade_no) = 0;

  // Verifies a notification and returns the trade it reports. Errors (kInvalidArgument /
  // kForbidden with an English reason for the log): bad or missing signature, unknown serial,
  // stale timestamp (> 5 minutes, WeChat), a WECHATPAY/SIGNTEST/ probe, undecryptable resource,
  // wrong app id / mchid / seller. The amount is NOT compared here (the dues code knows it).
  virtual Result<TradeStatus> verify_notification(const NotifyRequest& req, int64_t now_unix) = 0;

  // The answers to the notification's HTTP request: accepted (credited or already credited), or
  // refused / failed (the gateway will send it again) with a reason.
  virtual NotifyAnswer notify_accepted() const = 0;
  virtual NotifyAnswer notify_refused(int status, const std::string& message) const = 0;
};

// The gateways the configuration enables (wechat.enabled, alipay.enabled), with their keys
// loaded. A configured gateway whose key files are missing or unreadable is an error (the
// daemon refuses to start rather than fail at the first payment).
struct Gateways {
  std::unique_ptr<Gateway> wechat;  // null when disabled
  std::unique_ptr<Gateway> alipay;  // null when disabled
  Gateway* get(Method m) const { return m == Method::kWechat ? wechat.get() : alipay.get(); }
};
Result<Gateways> make_gateways(const config::Config& cfg);

}  // namespace md::pay
