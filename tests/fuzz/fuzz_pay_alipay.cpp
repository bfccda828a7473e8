// Alipay asynchronous notifications (pay/alipay.h, pay/alipay_format.h) with the fixture keys:
// the first input byte picks
//   0: the body as it came (form parsing, signature check)
//   1: the body's parameters re-signed correctly with the fixture Alipay key (everything after
//      the signature: merchant, trade_status, total_amount)
// and the format helpers run on the same bytes. Rules checked besides crashes and sanitizer
// reports: form_decode(form_encode(p)) == p; yuan_to_fen(fen_to_yuan(n)) == n; an accepted
// notification names a trade.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "pay/alipay.h"
#include "pay/alipay_format.h"
#include "pay/rsa.h"

using namespace md::pay;

namespace {

std::string fixture(const std::string& rel) {
  auto text = read_file(std::string(MEMBERDESK_FIXTURES_DIR) + "/pay/alipay/" + rel);
  if (!text.ok()) fuzz::finding("fixture " + rel);
  return *text;
}

struct Keys {
  Alipay* gateway = nullptr;
  RsaKey alipay_key;
};

Keys& keys() {
  static Keys* k = [] {
    auto* out = new Keys;
    auto signer = RsaKey::private_from_pem(fixture("alipay_key.pem"));
    auto pub = RsaKey::public_from_pem(fixture("alipay_public.pem"));
    auto app = RsaKey::private_from_pem(fixture("app_key.pem"));
    if (!signer.ok() || !pub.ok() || !app.ok()) fuzz::finding("fixture keys");
    out->alipay_key = *signer;
    AlipayOptions o;
    o.gateway_url = "http://127.0.0.1:1/gateway.do";
    o.app_id = "2021000000000001";
    o.seller_id = "2088000000000001";
    o.app_key = *app;
    o.alipay_key = *pub;
    out->gateway = new Alipay(o);
    return out;
  }();
  return *k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Keys& k = keys();
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  auto params = form_decode(text);
  if (params) {
    auto again = form_decode(form_encode(*params));
    FUZZ_CHECK(again && *again == *params, "form_decode(form_encode(p)) != p");
  }
  if (auto fen = yuan_to_fen(text)) {
    FUZZ_CHECK(*fen >= 0, "negative amount from " + text);
    FUZZ_CHECK(yuan_to_fen(fen_to_yuan(*fen)) == fen, "yuan round trip of " + text);
  }
  (void)json_member_raw(text, "alipay_trade_query_response");

  NotifyRequest req;
  req.content_type = "application/x-www-form-urlencoded";
  req.body = text;
  if ((data[0] & 1) && params) {
    Params p = *params;
    p.erase("sign");
    auto sig = sign_sha256_rsa(k.alipay_key, alipay_sign_content(p, SignScope::kNotification));
    if (!sig.ok()) fuzz::finding("signing failed");
    p["sign"] = *sig;
    req.body = form_encode(p);
  }
  auto t = k.gateway->verify_notification(req, 0);
  if (t.ok()) FUZZ_CHECK(!t->out_trade_no.empty(), "accepted notification without out_trade_no");
  return 0;
}
