// 报名 / 成绩 import for one training class: check the whole CSV (domain/training.h), and only
// when asked and when every line is good, write every line in one transaction. Re-importing a
// line for the same attorney and class updates that attorney's row; the audit row holds the
// before and after of every row that changed.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/training.h"
#include "store/db.h"

namespace md::training {

enum class ImportMode { kPreview, kApply };

struct ImportReport {
  std::vector<domain::LineProblem> problems;    // non-empty: nothing was written
  int rows = 0;                                 // good data lines
  int created = 0, updated = 0, unchanged = 0;  // what applying did (or would do, in a preview)
  bool applied = false;
};

// kNotFound when the class does not exist. `actor` is the audit actor ("staff:LOGIN").
Result<ImportReport> import_training_csv(store::Db& db, int64_t class_id, domain::TrainingFile kind,
                                         const std::string& csv, ImportMode mode,
                                         const std::string& actor);

}  // namespace md::training
