// JSON views of dues objects (CONTRACT.md "Dues and payments"), shared by the member and staff
// APIs so both sides describe an order the same way.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "dues/payable.h"
#include "http/message.h"
#include "pay/gateway.h"
#include "store/fee_repo.h"
#include "store/order_repo.h"

namespace md::api {

http::Json item_json(const dues::PayableItem& item);
// summary: without items and contact (lists).
http::Json order_json(store::Db& db, const store::DuesOrder& o, const pay::Gateways& gateways,
                      bool summary = false);
// with_qr: include the inline SVG QR of code_url (member's QR screen).
http::Json attempt_json(const store::PaymentAttempt& a, bool with_qr, bool show_pay_link);
http::Json bank_json(const std::map<std::string, std::string>& settings);
http::Json year_json(const store::DuesYear& y);
// The receipt of a paid order (CONTRACT.md: GET /member/dues/orders/{id}/receipt).
Result<http::Json> receipt_json(store::Db& db, const store::DuesOrder& o);

// Maps a use-case error to its response; kInvalidArgument becomes 400 with the error's code.
http::Response dues_error(const Error& e);

}  // namespace md::api
