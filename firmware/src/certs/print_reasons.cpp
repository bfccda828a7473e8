#include "certs/print_reasons.h"

#include <sstream>

namespace md::certs {

std::string joined_reasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += ' ';
    out += r;
  }
  return out;
}

std::vector<std::string> split_reasons(const std::string& joined) {
  std::vector<std::string> out;
  std::istringstream in(joined);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string handover_failure_reason(const Error& e) {
  if (e.code == "printer_missing") return "printer-missing";
  if (e.code == "cups_unreachable") return "cups-unreachable";
  if (e.code == "printer_not_accepting") return "printer-not-accepting";
  return "";
}

}  // namespace md::certs
