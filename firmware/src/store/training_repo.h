// 培训班, 报名 and 成绩: training classes staff keep, and the registrations and exam scores
// imported for them (one of each per member and class).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "domain/training.h"
#include "store/db.h"

namespace md::store {

struct TrainingClass {
  int64_t id = 0;
  domain::TrainingClassFields fields;
  std::string created_at, created_by, updated_at, updated_by;
};

struct TrainingAttorney {
  int64_t member_id = 0;
  std::string login_id;  // 资格证号
  std::string name;
};

struct TrainingRegistration {
  TrainingClass cls;
  TrainingAttorney attorney;
  std::string registered_on;
  std::string status;  // domain::RegistrationStatus code
};

struct TrainingScore {
  TrainingClass cls;
  TrainingAttorney attorney;
  int score_tenths = 0;
  bool passed = false;
  std::string exam_date;
};

// Who is asked about. Zero means "any"; the API always sets member_id or agency_id for members.
struct TrainingQuery {
  int64_t member_id = 0;  // this attorney only
  int64_t agency_id = 0;  // attorneys whose agency link is this agency
  int64_t class_id = 0;
  int page = 1;
  int page_size = 20;
};

template <typename T>
struct TrainingPage {
  int64_t total = 0;
  std::vector<T> items;
};

class TrainingRepo {
 public:
  explicit TrainingRepo(Db& db) : db_(db) {}

  Result<int64_t> create_class(const domain::TrainingClassFields& f, const std::string& by);
  Status update_class(int64_t id, const domain::TrainingClassFields& f, const std::string& by);
  Result<std::optional<TrainingClass>> find_class(int64_t id);
  // Newest start date first.
  Result<TrainingPage<TrainingClass>> classes(int page, int page_size);

  // The stored row of (class, member), if any.
  Result<std::optional<TrainingRegistration>> registration(int64_t class_id, int64_t member_id);
  Result<std::optional<TrainingScore>> score(int64_t class_id, int64_t member_id);
  Status put_registration(int64_t class_id, const domain::TrainingRow& row, const std::string& by);
  Status put_score(int64_t class_id, const domain::TrainingRow& row, const std::string& by);

  Result<TrainingPage<TrainingRegistration>> registrations(const TrainingQuery& q);
  Result<TrainingPage<TrainingScore>> scores(const TrainingQuery& q);

  // How many registrations and scores the class has.
  Result<std::pair<int64_t, int64_t>> counts(int64_t class_id);

 private:
  Db& db_;
};

}  // namespace md::store
