#include "core/csv.h"

#include <fstream>
#include <sstream>

namespace md::core {

Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool in_quotes = false;
  bool row_has_content = false;
  int line = 1;
  row.line = 1;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_row = [&] {
    end_field();
    // Blank lines (a single empty field) are skipped, as spreadsheets leave them at the end.
    if (row_has_content || row.fields.size() > 1) rows.push_back(std::move(row));
    row = CsvRow{};
    row_has_content = false;
  };
  int quote_line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        quote_line = line;
        row_has_content = true;
        break;
      case ',': end_field(); row_has_content = true; break;
      case '\r': break;
      case '\n':
        end_row();
        ++line;
        row.line = line;
        break;
      default: field += c; row_has_content = true;
    }
  }
  if (in_quotes)
    return make_error(ErrorKind::kInvalidArgument, "csv_quote",
                      "line " + std::to_string(quote_line) + ": unterminated quoted field");
  if (row_has_content || !field.empty()) end_row();
  return rows;
}

Result<std::vector<CsvRow>> read_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::kNotFound, "file_missing", "cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_csv(buf.str());
}

}  // namespace md::core
