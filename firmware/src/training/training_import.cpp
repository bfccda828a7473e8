#include "training/training_import.h"

#include <nlohmann/json.hpp>

#include "store/audit_repo.h"
#include "store/member_repo.h"
#include "store/training_repo.h"

namespace md::training {
namespace {

using Json = nlohmann::json;
using domain::TrainingFile;

Json row_json(TrainingFile kind, const std::string& login_id, const domain::TrainingRow& r) {
  if (kind == TrainingFile::kRegistrations)
    return {{"login_id", login_id},
            {"registered_on", r.registered_on},
            {"status", domain::to_code(r.status)}};
  return {{"login_id", login_id},
          {"score", domain::format_score(r.score_tenths)},
          {"passed", r.passed},
          {"exam_date", r.exam_date}};
}

// The stored row of this attorney for the class, in the file's terms; nullopt when none.
Result<std::optional<domain::TrainingRow>> stored(store::TrainingRepo& repo, TrainingFile kind,
                                                  int64_t class_id, const domain::TrainingRow& r) {
  domain::TrainingRow old = r;
  if (kind == TrainingFile::kRegistrations) {
    auto s = repo.registration(class_id, r.member_id);
    if (!s.ok()) return s.error();
    if (!s->has_value()) return std::optional<domain::TrainingRow>();
    old.registered_on = (*s)->registered_on;
    old.status = domain::registration_status_from_code((*s)->status)
                     .value_or(domain::RegistrationStatus::kRegistered);
  } else {
    auto s = repo.score(class_id, r.member_id);
    if (!s.ok()) return s.error();
    if (!s->has_value()) return std::optional<domain::TrainingRow>();
    old.score_tenths = (*s)->score_tenths;
    old.passed = (*s)->passed;
    old.exam_date = (*s)->exam_date;
  }
  return std::optional<domain::TrainingRow>(old);
}

}  // namespace

Result<ImportReport> import_training_csv(store::Db& db, int64_t class_id, TrainingFile kind,
                                         const std::string& csv, ImportMode mode,
                                         const std::string& actor) {
  store::TrainingRepo repo(db);
  // Apply reads and writes under one write lock, so what was checked is what is written.
  std::optional<store::Transaction> tx;
  if (mode == ImportMode::kApply) {
    tx.emplace(db);
    MD_TRY(tx->begun());
  }
  auto cls = repo.find_class(class_id);
  if (!cls.ok()) return cls.error();
  if (!cls->has_value()) return make_error(ErrorKind::kNotFound, "not_found", "培训班不存在");

  store::MemberRepo members(db);
  std::optional<Error> lookup_error;
  auto lookup = [&](const std::string& login) -> std::optional<domain::KnownMember> {
    auto m = members.find_by_login(login);
    if (!m.ok()) {
      lookup_error = m.error();
      return std::nullopt;
    }
    if (!m->has_value()) return std::nullopt;
    return domain::KnownMember{(*m)->id, (*m)->type, (*m)->name};
  };
  auto check = domain::check_training_csv(kind, csv, lookup);
  if (lookup_error) return *lookup_error;

  ImportReport report;
  report.problems = std::move(check.problems);
  report.rows = static_cast<int>(check.rows.size());
  if (!report.problems.empty()) return report;

  Json before = Json::array(), after = Json::array();
  for (const auto& r : check.rows) {
    auto old = stored(repo, kind, class_id, r);
    if (!old.ok()) return old.error();
    const Json now = row_json(kind, r.login_id, r);
    if (!old->has_value()) {
      ++report.created;
    } else if (row_json(kind, r.login_id, **old) == now) {
      ++report.unchanged;
      continue;
    } else {
      ++report.updated;
      before.push_back(row_json(kind, r.login_id, **old));
    }
    after.push_back(now);
    if (mode == ImportMode::kApply) {
      if (kind == TrainingFile::kRegistrations)
        MD_TRY(repo.put_registration(class_id, r, actor));
      else
        MD_TRY(repo.put_score(class_id, r, actor));
    }
  }
  if (mode == ImportMode::kPreview) return report;

  const char* what = kind == TrainingFile::kRegistrations ? "registrations" : "scores";
  if (report.created + report.updated > 0) {
    Json summary = {{"file", what},
                    {"created", report.created},
                    {"updated", report.updated},
                    {"unchanged", report.unchanged},
                    {"rows", after}};
    MD_TRY(store::append_audit(db, {actor, std::string("training.") + what + "_import",
                                    "training_class:" + std::to_string(class_id),
                                    Json{{"rows", before}}.dump(), summary.dump()}));
  }
  MD_TRY(tx->commit());
  report.applied = true;
  return report;
}

}  // namespace md::training
