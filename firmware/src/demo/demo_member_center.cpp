#include "demo/demo_member_center.h"

#include "store/training_repo.h"
#include "training/training_import.h"

namespace md::demo {
namespace {

constexpr const char* kActor = "memberdeskctl:demo";
constexpr const char* kClassName = "2026年第一期专利代理实务培训班";

// The demo attorneys only: attorneys of the seeded bulk are not on the roster's training lists.
constexpr const char* kRegistrations =
    "资格证号,姓名,报名日期,报名状态\n"
    "1100001,张伟,2026-03-01,已报名\n"
    "1100002,王芳,2026-03-02,已确认\n"
    "3100003,李娜,2026-03-03,已报名\n";
constexpr const char* kScores =
    "资格证号,姓名,成绩,考试结果,考试日期\n"
    "1100001,张伟,85.5,合格,2026-03-20\n"
    "1100002,王芳,59,不合格,2026-03-20\n"
    "3100003,李娜,92,合格,2026-03-20\n";

// The demo class, looked up among the first classes (the demo never has many).
Result<bool> class_exists(store::Db& db) {
  auto page = store::TrainingRepo(db).classes(1, 100);
  if (!page.ok()) return page.error();
  for (const auto& c : page->items)
    if (c.fields.name == kClassName) return true;
  return false;
}

}  // namespace

Result<MemberCenterCounts> seed_member_center(store::Db& db) {
  MemberCenterCounts counts;
  auto exists = class_exists(db);
  if (!exists.ok()) return exists.error();
  if (*exists) return counts;
  domain::TrainingClassFields f{kClassName, "2026-03-10", "2026-03-12", "北京市海淀区知识产权培训中心", 24};
  auto id = store::TrainingRepo(db).create_class(f, kActor);
  if (!id.ok()) return id.error();
  counts.classes = 1;
  auto regs = training::import_training_csv(db, *id, domain::TrainingFile::kRegistrations, kRegistrations,
                                            training::ImportMode::kApply, kActor);
  if (!regs.ok()) return regs.error();
  if (!regs->problems.empty())
    return make_error(ErrorKind::kInternal, "demo_data", "demo registrations refused: " + regs->problems.front().message);
  counts.registrations = regs->created;
  auto scores = training::import_training_csv(db, *id, domain::TrainingFile::kScores, kScores,
                                              training::ImportMode::kApply, kActor);
  if (!scores.ok()) return scores.error();
  if (!scores->problems.empty())
    return make_error(ErrorKind::kInternal, "demo_data", "demo scores refused: " + scores->problems.front().message);
  counts.scores = scores->created;
  return counts;
}

}  // namespace md::demo
