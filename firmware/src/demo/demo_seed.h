// memberdeskctl demo-seed: a realistic dataset for demos and benchmarks — agencies with their
// attorneys, industry organisations and non-practicing members, Chinese names, identifiers with
// valid check characters, a mix of statuses and validity years. Deterministic for a seed.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/db.h"

namespace md::demo {

struct SeedCounts {
  int agencies = 0, attorneys = 0, industry_orgs = 0, non_practicing = 0;
  int listed = 0;  // in good standing, so in the 会员名录
  int total() const { return agencies + attorneys + industry_orgs + non_practicing; }
};

// Adds about `members` members (skipping any login id that already exists) in one transaction.
Result<SeedCounts> seed_demo(store::Db& db, int members, uint64_t seed = 20261127);

}  // namespace md::demo
