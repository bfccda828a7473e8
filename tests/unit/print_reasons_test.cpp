// How print-job reasons are recorded and read back (certs/print_reasons).
#include <doctest/doctest.h>

#include "certs/print_reasons.h"

using md::certs::handover_failure_reason;
using md::certs::joined_reasons;
using md::certs::split_reasons;

TEST_CASE("print reasons are joined with single spaces and split back") {
  CHECK(joined_reasons({}) == "");
  CHECK(joined_reasons({"media-empty-error"}) == "media-empty-error");
  const std::vector<std::string> two = {"media-empty-error", "offline-report"};
  CHECK(joined_reasons(two) == "media-empty-error offline-report");
  CHECK(split_reasons(joined_reasons(two)) == two);
  CHECK(split_reasons("  a   b ") == std::vector<std::string>{"a", "b"});
  CHECK(split_reasons("").empty());
}

TEST_CASE("a refused hand-over records the printer module's reason or none") {
  CHECK(handover_failure_reason(md::make_error(md::ErrorKind::kUnavailable, "printer_missing", "x")) == "printer-missing");
  CHECK(handover_failure_reason(md::make_error(md::ErrorKind::kUnavailable, "cups_unreachable", "x")) == "cups-unreachable");
  CHECK(handover_failure_reason(md::make_error(md::ErrorKind::kUnavailable, "printer_not_accepting", "x")) == "printer-not-accepting");
  CHECK(handover_failure_reason(md::make_error(md::ErrorKind::kUnavailable, "io", "disk full")) == "");
}
