// `memberdeskctl print-test`: a test page straight to the configured CUPS queue, followed until
// it finishes or `wait` passes, recorded as a print job and audited like the daemon's own (the
// daemon's worker only follows it if it is running).
#pragma once

#include <chrono>
#include <functional>

#include "certs/documents.h"
#include "certs/print_worker.h"
#include "core/result.h"
#include "store/db.h"
#include "store/print_job_repo.h"

namespace md::certs {

// `progress` gets the job each time its state or message changes. Errors: the document or the
// database; a refusing or unreachable printer is a finished job in state failed, not an error.
Result<store::PrintJobRow> print_test_page(store::Db& db, const PrintSettings& settings, const DocumentSettings& docs,
                                           const std::string& actor, std::chrono::seconds wait,
                                           const std::function<void(const store::PrintJobRow&)>& progress);

}  // namespace md::certs
