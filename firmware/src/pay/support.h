// Small pieces both gateway clients share: the out_trade_no rule, the log line, the messages
// members see when a gateway fails, and lenient JSON field access.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "pay/gateway.h"

namespace md::pay {

// ≤ 32 of [0-9A-Za-z_-]: what both gateways accept (gateway.h, QrRequest::out_trade_no).
bool valid_out_trade_no(const std::string& s);

// "memberdesk: wechat: <line>" on stderr (English, for operators; never key material).
void log_gateway(Method m, const std::string& line);

// Errors for the member (zh-CN), with the English detail logged first.
Error unavailable(Method m, const std::string& detail);   // kUnavailable: transport, timeout, 5xx
Error bad_answer(Method m, const std::string& detail);    // kInternal: unverifiable or malformed
Error refused(Method m, const std::string& detail);       // kInvalidArgument: the gateway said no
Error not_closable(Method m, const std::string& detail);  // kConflict: close of a paid trade

// Compact JSON text; invalid UTF-8 (which nlohmann would throw on) becomes U+FFFD.
std::string json_text(const nlohmann::json& j);

// j[key] as a string; "" when missing or not a string.
std::string json_string(const nlohmann::json& j, const char* key);

}  // namespace md::pay
