#include <doctest/doctest.h>

#include "core/csv.h"

using md::core::parse_csv;

TEST_CASE("csv reads quoted fields and CRLF and a BOM") {
  auto rows = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\n3,\"multi\nline\",z\n");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 3);
  CHECK((*rows)[0].fields == std::vector<std::string>{"a", "b", "c"});
  CHECK((*rows)[1].fields == std::vector<std::string>{"x, y", "say \"hi\"", ""});
  CHECK((*rows)[1].line == 2);
  CHECK((*rows)[2].line == 4);
  CHECK((*rows)[2].fields[1] == "multi\nline");
}

TEST_CASE("csv reports an unterminated quote with its line") {
  auto rows = parse_csv("a,b\n\"open,c\n");
  REQUIRE_FALSE(rows.ok());
  CHECK(rows.error().message.find("line 2") != std::string::npos);
}

TEST_CASE("csv without a final newline keeps the last row") {
  auto rows = parse_csv("a,b\n1,2");
  REQUIRE(rows.ok());
  CHECK(rows->size() == 2);
}
