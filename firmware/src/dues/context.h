// What the dues use cases need from the daemon: settings, the enabled gateways, the hook that
// issues certificates when dues are paid, and where notifications should be sent.
#pragma once

#include <functional>
#include <string>

#include "config/config.h"
#include "core/result.h"
#include "pay/gateway.h"
#include "store/db.h"

namespace md::dues {

// One member's dues of one year, just paid (inside the paying transaction).
struct PaidItem {
  int64_t member_id = 0;
  int year = 0;
  std::string order_no;
};

struct DuesContext {
  const config::Config& cfg;
  const pay::Gateways& gateways;
  // Called for every paid item inside the transaction that credits the payment; an error rolls
  // the whole credit back. Certificates (issue 7) issue here; until then it records the event.
  std::function<Status(store::Db&, const PaidItem&)> on_item_paid;
  // The daemon's own base URL (http://127.0.0.1:PORT), for notify URLs left empty in the config.
  std::string own_base_url;
  // Called after a commit that queued SMS, so they go out at once.
  std::function<void()> sms_enqueued;
};

}  // namespace md::dues
