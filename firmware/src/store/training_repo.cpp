#include "store/training_repo.h"

namespace md::store {
namespace {

constexpr const char* kClassCols =
    "c.id, c.name, c.start_date, c.end_date, c.place, c.hours, c.created_at, c.created_by, "
    "c.updated_at, c.updated_by";
constexpr int kClassColCount = 10;

TrainingClass read_class(Statement& st, int at = 0) {
  TrainingClass c;
  c.id = st.col_int(at);
  c.fields.name = st.col_text(at + 1);
  c.fields.start_date = st.col_text(at + 2);
  c.fields.end_date = st.col_text(at + 3);
  c.fields.place = st.col_text(at + 4);
  c.fields.hours = static_cast<int>(st.col_int(at + 5));
  c.created_at = st.col_text(at + 6);
  c.created_by = st.col_text(at + 7);
  c.updated_at = st.col_text(at + 8);
  c.updated_by = st.col_text(at + 9);
  return c;
}

TrainingAttorney read_attorney(Statement& st, int at) {
  return {st.col_int(at), st.col_text(at + 1), st.col_text(at + 2)};
}

// Who may be listed, in one place: an attorney, an agency's attorneys, a class (0 = any).
constexpr const char* kScope =
    " FROM training_classes c JOIN %T t ON t.class_id = c.id JOIN members m ON m.id = t.member_id "
    "WHERE (?1 = 0 OR t.member_id = ?1) AND (?2 = 0 OR m.agency_id = ?2) AND (?3 = 0 OR t.class_id "
    "= ?3) ";

std::string scoped(const char* table) {
  std::string s = kScope;
  s.replace(s.find("%T"), 2, table);
  return s;
}

void bind_scope(Statement& st, const TrainingQuery& q) {
  st.bind(1, q.member_id).bind(2, q.agency_id).bind(3, q.class_id);
}

template <typename T, typename Read>
Result<TrainingPage<T>> page_of(Db& db, const char* table, const char* cols, const TrainingQuery& q,
                                Read read) {
  TrainingPage<T> out;
  {
    auto n = db.prepare("SELECT COUNT(*)" + scoped(table));
    bind_scope(n, q);
    if (n.step()) out.total = n.col_int(0);
    if (!n.status().ok()) return n.status().error();
  }
  auto st = db.prepare(std::string("SELECT ") + kClassCols + ", m.id, m.login_id, m.name, " + cols +
                       scoped(table) +
                       "ORDER BY c.start_date DESC, c.id DESC, m.login_id LIMIT ?4 OFFSET ?5");
  bind_scope(st, q);
  st.bind(4, q.page_size).bind(5, static_cast<int64_t>(q.page - 1) * q.page_size);
  while (st.step()) out.items.push_back(read(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

TrainingRegistration read_registration(Statement& st) {
  return {read_class(st), read_attorney(st, kClassColCount), st.col_text(kClassColCount + 3),
          st.col_text(kClassColCount + 4)};
}

TrainingScore read_score(Statement& st) {
  return {read_class(st), read_attorney(st, kClassColCount),
          static_cast<int>(st.col_int(kClassColCount + 3)), st.col_int(kClassColCount + 4) != 0,
          st.col_text(kClassColCount + 5)};
}

}  // namespace

Result<int64_t> TrainingRepo::create_class(const domain::TrainingClassFields& f,
                                           const std::string& by) {
  const std::string now = utc_now_iso();
  auto r =
      db_.prepare(
             "INSERT INTO training_classes(name, start_date, end_date, place, hours, created_at, "
             "created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)")
          .bind(1, f.name)
          .bind(2, f.start_date)
          .bind(3, f.end_date)
          .bind(4, f.place)
          .bind(5, f.hours)
          .bind(6, now)
          .bind(7, by)
          .exec();
  if (!r.ok()) return r.error();
  return db_.last_insert_id();
}

Status TrainingRepo::update_class(int64_t id, const domain::TrainingClassFields& f,
                                  const std::string& by) {
  auto r =
      db_.prepare(
             "UPDATE training_classes SET name = ?2, start_date = ?3, end_date = ?4, place = ?5, "
             "hours = ?6, updated_at = ?7, updated_by = ?8 WHERE id = ?1")
          .bind(1, id)
          .bind(2, f.name)
          .bind(3, f.start_date)
          .bind(4, f.end_date)
          .bind(5, f.place)
          .bind(6, f.hours)
          .bind(7, utc_now_iso())
          .bind(8, by)
          .exec();
  if (!r.ok()) return r.error();
  if (*r == 0) return make_error(ErrorKind::kNotFound, "not_found", "培训班不存在");
  return Status::success();
}

Result<std::optional<TrainingClass>> TrainingRepo::find_class(int64_t id) {
  auto st =
      db_.prepare(std::string("SELECT ") + kClassCols + " FROM training_classes c WHERE c.id = ?");
  st.bind(1, id);
  return first_row<TrainingClass>(st, [](Statement& s) { return read_class(s); });
}

Result<TrainingPage<TrainingClass>> TrainingRepo::classes(int page, int page_size) {
  TrainingPage<TrainingClass> out;
  {
    auto n = db_.prepare("SELECT COUNT(*) FROM training_classes");
    if (n.step()) out.total = n.col_int(0);
    if (!n.status().ok()) return n.status().error();
  }
  auto st = db_.prepare(
      std::string("SELECT ") + kClassCols +
      " FROM training_classes c ORDER BY c.start_date DESC, c.id DESC LIMIT ? OFFSET ?");
  st.bind(1, page_size).bind(2, static_cast<int64_t>(page - 1) * page_size);
  while (st.step()) out.items.push_back(read_class(st));
  if (!st.status().ok()) return st.status().error();
  return out;
}

Result<std::optional<TrainingRegistration>> TrainingRepo::registration(int64_t class_id,
                                                                       int64_t member_id) {
  auto p = page_of<TrainingRegistration>(db_, "training_registrations", "t.registered_on, t.status",
                                         {member_id, 0, class_id, 1, 1}, read_registration);
  if (!p.ok()) return p.error();
  if (p->items.empty()) return std::optional<TrainingRegistration>();
  return std::optional<TrainingRegistration>(p->items.front());
}

Result<std::optional<TrainingScore>> TrainingRepo::score(int64_t class_id, int64_t member_id) {
  auto p = page_of<TrainingScore>(db_, "training_scores", "t.score_tenths, t.passed, t.exam_date",
                                  {member_id, 0, class_id, 1, 1}, read_score);
  if (!p.ok()) return p.error();
  if (p->items.empty()) return std::optional<TrainingScore>();
  return std::optional<TrainingScore>(p->items.front());
}

Status TrainingRepo::put_registration(int64_t class_id, const domain::TrainingRow& row,
                                      const std::string& by) {
  auto r = db_.prepare(
                  "INSERT INTO training_registrations(class_id, member_id, registered_on, status, "
                  "imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                  "ON CONFLICT(class_id, member_id) DO UPDATE SET registered_on = "
                  "excluded.registered_on, "
                  "status = excluded.status, imported_at = excluded.imported_at, imported_by = "
                  "excluded.imported_by")
               .bind(1, class_id)
               .bind(2, row.member_id)
               .bind(3, row.registered_on)
               .bind(4, domain::to_code(row.status))
               .bind(5, utc_now_iso())
               .bind(6, by)
               .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Status TrainingRepo::put_score(int64_t class_id, const domain::TrainingRow& row,
                               const std::string& by) {
  auto r =
      db_.prepare(
             "INSERT INTO training_scores(class_id, member_id, score_tenths, passed, exam_date, "
             "imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
             "ON CONFLICT(class_id, member_id) DO UPDATE SET score_tenths = excluded.score_tenths, "
             "passed = excluded.passed, exam_date = excluded.exam_date, "
             "imported_at = excluded.imported_at, imported_by = excluded.imported_by")
          .bind(1, class_id)
          .bind(2, row.member_id)
          .bind(3, row.score_tenths)
          .bind(4, row.passed ? 1 : 0)
          .bind(5, row.exam_date)
          .bind(6, utc_now_iso())
          .bind(7, by)
          .exec();
  if (!r.ok()) return r.error();
  return Status::success();
}

Result<TrainingPage<TrainingRegistration>> TrainingRepo::registrations(const TrainingQuery& q) {
  return page_of<TrainingRegistration>(db_, "training_registrations", "t.registered_on, t.status",
                                       q, read_registration);
}

Result<TrainingPage<TrainingScore>> TrainingRepo::scores(const TrainingQuery& q) {
  return page_of<TrainingScore>(db_, "training_scores", "t.score_tenths, t.passed, t.exam_date", q,
                                read_score);
}

Result<std::pair<int64_t, int64_t>> TrainingRepo::counts(int64_t class_id) {
  auto st = db_.prepare(
      "SELECT (SELECT COUNT(*) FROM training_registrations WHERE class_id = ?1), "
      "(SELECT COUNT(*) FROM training_scores WHERE class_id = ?1)");
  st.bind(1, class_id);
  if (st.step()) return std::make_pair(st.col_int(0), st.col_int(1));
  if (!st.status().ok()) return st.status().error();
  return std::make_pair(int64_t{0}, int64_t{0});
}

}  // namespace md::store
