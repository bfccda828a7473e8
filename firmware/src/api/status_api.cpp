// 设备状态 (every staff role): what `memberdeskctl status` prints, with the daemon's live parts:
// its uptime, the print worker's last look at the printer and the reachability monitor's last
// probes. Nothing here waits on the network or CUPS: both are checked on their own threads.
#include "api/certificates_json.h"
#include "api/routes.h"
#include "app/app.h"
#include "status/status_report.h"

namespace md::api {
namespace {

http::Response status(app::App& app, http::Call&) {
  status::LiveFacts live;
  live.uptime_s = app.uptime_s();
  if (app.printer()) {
    app.printer()->wake();  // the next look is fresh; this one answers from the last check
    live.printer = printer_json(app.printer()->printer(), app.printer()->queue(), true);
  }
  if (app.reachability()) live.network = app.reachability()->snapshot();
  auto db = app.db().acquire();
  auto report = status::status_report(app.config(), *db, live);
  if (!report.ok()) return http::error_response(report.error());
  return http::Response::ok(*report);
}

}  // namespace

void register_status_routes(http::Router& router, app::App& app) {
  router.add({"GET", "/staff/status", http::Access::kStaff, {},
              "设备状态: version, uptime, database, backup, disk, printer, gateways, SMS, calendar, "
              "last errors",
              [&app](http::Call& c) { return status(app, c); }});
}

}  // namespace md::api
