// How a print job's reasons are recorded: CUPS' keyword lists as one space-separated string, and
// the job-reason of a hand-over that libcups refused. Shared by the print worker and the
// memberdeskctl test page, so a job reads the same whoever submitted it.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace md::certs {

// "media-empty-error offline-report" from {"media-empty-error", "offline-report"}.
std::string joined_reasons(const std::vector<std::string>& reasons);
// The other way round: the keywords of a recorded reasons string.
std::vector<std::string> split_reasons(const std::string& joined);

// printer-missing / cups-unreachable / printer-not-accepting for the printer module's error
// codes; "" for any other error (its message is kept as the job's message).
std::string handover_failure_reason(const Error& e);

}  // namespace md::certs
