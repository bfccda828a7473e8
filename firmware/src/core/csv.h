// A small RFC 4180 CSV reader for the roster files staff export from spreadsheets:
// UTF-8 (a leading BOM is dropped), CRLF or LF, quoted fields with "" escapes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace md::core {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

// Parses the text; an unterminated quote is an error naming its line.
Result<std::vector<CsvRow>> parse_csv(std::string_view text);
Result<std::vector<CsvRow>> read_csv_file(const std::string& path);

}  // namespace md::core
