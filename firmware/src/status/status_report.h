// The appliance's status for staff (设备状态) and for `memberdeskctl status`: version, uptime,
// database and backups, disk, printer, gateway and SMS reachability, the working-day calendar
// and the last errors recorded in the database. The daemon and the ctl tool gather the live
// parts their own way (LiveFacts) and share everything read from the configuration and the
// database here.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "domain/working_days.h"
#include "status/reachability.h"
#include "store/db.h"

namespace md::status {

struct LiveFacts {
  std::optional<int64_t> uptime_s;  // the daemon's; none when it is not running
  nlohmann::json printer;           // api::printer_json of the queue, or null when unknown
  std::vector<ProbeResult> network;
};

// How many recent errors the report lists.
constexpr int kRecentErrors = 10;

// The whole report:
//   {version, uptime_s, database {path, size_bytes}, backup {dir, last {file, at, size_bytes}|null},
//    disk {path, free_bytes, total_bytes}, printer, network [ProbeResult…],
//    calendar {missing_years, message}, errors [{at, source, source_label, subject, detail}]}
Result<nlohmann::json> status_report(const config::Config& cfg, store::Db& db, const LiveFacts& live);

// {missing_years: [2027], message: "2027年的节假日日历尚未录入…"} for `today` (YYYY-MM-DD).
nlohmann::json calendar_warning_json(const domain::WorkCalendar& cal, const std::string& today);

nlohmann::json probe_json(const ProbeResult& r);

}  // namespace md::status
