#include <doctest/doctest.h>

#include "domain/directory_index.h"

using namespace md::domain;

namespace {

DirectoryIndex sample() {
  return DirectoryIndex({
      {"北京智诚专利代理事务所（普通合伙）", "A2019000001", "agency", "2026-12-31"},
      {"张伟", "P2019000002", "attorney", "2026-12-31"},
      {"张伟强", "P2020000003", "attorney", "2026-12-31"},
      {"王张", "P2021000004", "attorney", "2026-12-31"},
      {"欧阳娜娜", "N2022000005", "non_practicing", "2026-12-31"},
  });
}

std::vector<std::string> names(const DirectoryPage& p) {
  std::vector<std::string> out;
  for (auto* e : p.items) out.push_back(e->name);
  return out;
}

}  // namespace

TEST_CASE("directory finds one and two character Chinese substrings") {
  auto idx = sample();
  auto r = idx.search({"张", std::nullopt, 1, 20});
  CHECK(r.total == 3);
  CHECK(names(r) == std::vector<std::string>{"张伟", "张伟强", "王张"});
  CHECK(idx.search({"张伟", std::nullopt, 1, 20}).total == 2);
  CHECK(idx.search({"伟强", std::nullopt, 1, 20}).total == 1);
  CHECK(idx.search({"智诚专利", std::nullopt, 1, 20}).total == 1);
  CHECK(idx.search({"欧阳娜", std::nullopt, 1, 20}).total == 1);
  CHECK(idx.search({"李", std::nullopt, 1, 20}).total == 0);
  CHECK(idx.search({"张李", std::nullopt, 1, 20}).total == 0);
}

TEST_CASE("directory confirms long queries against the whole text") {
  auto idx = sample();
  // Every bigram of "张伟张" exists, but the string does not.
  CHECK(idx.search({"张伟张", std::nullopt, 1, 20}).total == 0);
  CHECK(idx.search({"张伟强", std::nullopt, 1, 20}).total == 1);
}

TEST_CASE("directory searches member numbers case-insensitively") {
  auto idx = sample();
  CHECK(idx.search({"p2019", std::nullopt, 1, 20}).total == 1);
  CHECK(idx.search({"000003", std::nullopt, 1, 20}).total == 1);
  CHECK(idx.search({"20", std::nullopt, 1, 20}).total == 5);
}

TEST_CASE("directory filters by type and pages") {
  auto idx = sample();
  CHECK(idx.search({"", std::string("attorney"), 1, 20}).total == 3);
  CHECK(idx.search({"张", std::string("agency"), 1, 20}).total == 0);
  auto p1 = idx.search({"", std::nullopt, 1, 2});
  auto p3 = idx.search({"", std::nullopt, 3, 2});
  CHECK(p1.total == 5);
  CHECK(p1.items.size() == 2);
  CHECK(p3.items.size() == 1);
  CHECK(p3.items[0]->name == "欧阳娜娜");
  CHECK(idx.search({"", std::nullopt, 9, 2}).items.empty());
  CHECK(idx.search({"  张伟  ", std::nullopt, 1, 20}).total == 2);  // trimmed
}
