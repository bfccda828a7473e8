// Matrix rules for 会费缴纳: the member's orders belong to the member who filed them (here
// attorney A, who paid by bank transfer), the staff side to finance and admin.
#include "authz_matrix.h"
#include "certificate_support.h"

namespace authz {

Area dues_area() {
  auto setup = [](World& w) {
    certtest::pay_by_bank(*w.daemon, w.as(kAttorneyA), "1100001");
    w.ids["dues.order"] = std::to_string(apitest::sql_int(
        *w.daemon, "SELECT MAX(id) FROM dues_orders WHERE payer_id = " +
                       std::to_string(w.member_ids.at(kAttorneyA))));
  };
  auto rules = [](const World& w) {
    const std::string year = std::to_string(certtest::year_now());
    const std::string mine = "/member/dues/orders/" + w.ids.at("dues.order");
    const std::string staff = "/staff/dues/orders/" + w.ids.at("dues.order");
    const unsigned fin = kFinance | kAdmin;
    const char* own = "an order is seen and handled only by the member who filed it";
    return std::vector<Rule>{
        {"GET", "/member/dues", kMembers},
        {"POST", "/member/dues/attorney-choice", kMembers},
        {"GET", "/member/dues/items", kMembers, "/member/dues/items?year=" + year},
        {"POST", "/member/dues/quote", kMembers},
        {"POST", "/member/dues/orders", kMembers},
        {"GET", "/member/dues/orders", kMembers},
        {"GET", "/member/dues/orders/{id}", kAttorneyA, mine, "{}", own},
        {"POST", "/member/dues/orders/{id}/pay", kAttorneyA, mine + "/pay", "{}", own},
        {"GET", "/member/dues/orders/{id}/status", kAttorneyA, mine + "/status", "{}", own},
        {"POST", "/member/dues/orders/{id}/cancel", kAttorneyA, mine + "/cancel", "{}", own},
        {"GET", "/member/dues/orders/{id}/receipt", kAttorneyA, mine + "/receipt", "{}", own},
        {"GET", "/staff/dues/years", fin},
        {"PUT", "/staff/dues/years/{year}", fin, "/staff/dues/years/" + year},
        {"GET", "/staff/dues/agencies", fin},
        {"PUT", "/staff/dues/agencies/{id}/tier", fin,
         "/staff/dues/agencies/" + std::to_string(w.member_ids.at(kAgencyA)) + "/tier"},
        {"GET", "/staff/dues/orders", fin},
        {"GET", "/staff/dues/orders/{id}", fin, staff},
        {"POST", "/staff/dues/orders/{id}/reduction", fin, staff + "/reduction"},
        {"POST", "/staff/dues/orders/{id}/bank-receipt", fin, staff + "/bank-receipt"},
        {"POST", "/staff/dues/bank-statement", fin},
        {"GET", "/staff/dues/settings", fin},
        {"PUT", "/staff/dues/settings", fin},
        {"POST", "/pay/wechat/notify", kNobody, "", "{}",
         "a notification without the gateway's signature is refused whoever sends it"},
        {"POST", "/pay/alipay/notify", kNobody, "", "{}",
         "a notification without the gateway's signature is refused whoever sends it"},
    };
  };
  return {"dues", setup, rules};
}

}  // namespace authz
