// `memberdeskctl status`: the 设备状态 page on the shell. Reads the configuration and the
// database directly, asks CUPS and the gateways itself, and asks the daemon's /health (on
// http.listen) only whether it runs and for how long.
#pragma once

#include "config/config.h"

namespace md::ctl {

// Prints the report (as JSON with `json`); 0 when the daemon answers, 3 when it does not, 1 when
// the report could not be made.
int status_command(const config::Config& cfg, bool json);

}  // namespace md::ctl
