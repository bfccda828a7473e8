#include "roster/roster_import.h"

#include <map>
#include <optional>

#include "domain/fees.h"
#include "store/fee_repo.h"
#include <set>

#include "core/csv.h"
#include "core/utf8.h"
#include "domain/identifiers.h"
#include "store/account_repo.h"
#include "store/audit_repo.h"
#include "store/member_repo.h"

namespace md::roster {
namespace {

constexpr size_t kMaxNameChars = 100;

struct AgencyRow {
  int line;
  std::string code, name;
  std::optional<std::string> uscc;
  std::optional<domain::AgencyTier> tier;  // 会员单位级别, when the file has the column
};

struct AttorneyRow {
  int line;
  std::string qualification_no, name, agency_code;
  std::optional<std::string> practice_no;
};

// Maps header names to column positions; every expected column must be there, optional ones
// may be, no others.
std::optional<std::map<std::string, size_t>> columns(const core::CsvRow& header,
                                                     const std::vector<std::string>& expected,
                                                     std::string* message,
                                                     const std::vector<std::string>& optional = {}) {
  std::map<std::string, size_t> pos;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = core::trim(header.fields[i]);
    bool known = false;
    for (const auto& e : expected) known = known || e == name;
    for (const auto& e : optional) known = known || e == name;
    if (!known) {
      *message = "unknown column '" + name + "'";
      return std::nullopt;
    }
    pos[name] = i;
  }
  for (const auto& e : expected) {
    if (!pos.count(e)) {
      *message = "missing column '" + e + "'";
      return std::nullopt;
    }
  }
  return pos;
}

std::string cell(const core::CsvRow& row, size_t i) {
  return i < row.fields.size() ? core::trim(row.fields[i]) : std::string();
}

class Checker {
 public:
  explicit Checker(std::vector<RosterProblem>& problems) : problems_(problems) {}
  void add(const std::string& file, int line, const std::string& msg) {
    problems_.push_back({file, line, msg});
  }
  // A required name: non-empty valid UTF-8 of bounded length.
  bool name_ok(const std::string& file, int line, const std::string& field, const std::string& v) {
    if (v.empty()) add(file, line, field + ": 不能为空");
    else if (!core::utf8_valid(v)) add(file, line, field + ": 不是有效的 UTF-8 文本");
    else if (core::utf8_length(v) > kMaxNameChars) add(file, line, field + ": 超过100个字");
    else return true;
    return false;
  }
  std::optional<std::string> id_ok(const std::string& file, int line, const std::string& field,
                                   const domain::IdCheck& c) {
    if (c.ok) return c.normalized;
    add(file, line, field + ": " + c.message);
    return std::nullopt;
  }

 private:
  std::vector<RosterProblem>& problems_;
};

Result<std::vector<core::CsvRow>> load(const std::string& path, std::vector<RosterProblem>& problems) {
  auto rows = core::read_csv_file(path);
  if (!rows.ok()) {
    problems.push_back({path, 0, rows.error().message});
    return std::vector<core::CsvRow>{};
  }
  if (rows->empty()) problems.push_back({path, 1, "empty file: a header row is required"});
  return rows;
}

}  // namespace

Result<RosterReport> import_roster(store::Db& db, const std::string& agencies_csv,
                                   const std::string& attorneys_csv, const std::string& actor) {
  RosterReport report;
  Checker check(report.problems);
  auto agency_rows = load(agencies_csv, report.problems);
  auto attorney_rows = load(attorneys_csv, report.problems);
  if (!report.problems.empty()) return report;

  std::vector<AgencyRow> agencies;
  std::map<std::string, int> agency_lines;  // code → line, for duplicates
  std::string msg;
  auto acols = columns((*agency_rows)[0], {"机构代码", "机构名称", "统一社会信用代码"}, &msg, {"会员单位级别"});
  if (!acols) check.add(agencies_csv, (*agency_rows)[0].line, msg);
  for (size_t r = 1; acols && r < agency_rows->size(); ++r) {
    const auto& row = (*agency_rows)[r];
    const std::string& f = agencies_csv;
    auto code = check.id_ok(f, row.line, "机构代码", domain::check_agency_code(cell(row, acols->at("机构代码"))));
    std::string name = cell(row, acols->at("机构名称"));
    bool name_ok = check.name_ok(f, row.line, "机构名称", name);
    std::optional<std::string> uscc;
    std::string raw_uscc = cell(row, acols->at("统一社会信用代码"));
    bool uscc_ok = true;
    if (!raw_uscc.empty()) {
      uscc = check.id_ok(f, row.line, "统一社会信用代码", domain::check_uscc(raw_uscc));
      uscc_ok = uscc.has_value();
    }
    std::optional<domain::AgencyTier> tier;
    bool tier_ok = true;
    if (acols->count("会员单位级别")) {
      const std::string raw = cell(row, acols->at("会员单位级别"));
      if (!raw.empty()) {
        tier = domain::agency_tier_from_label(raw);
        tier_ok = tier.has_value();
        if (!tier_ok) check.add(f, row.line, "会员单位级别 '" + raw + "' 应为 副会长单位、常务理事单位、理事单位 或 普通会员单位");
      }
    }
    if (!code || !name_ok || !uscc_ok || !tier_ok) continue;
    if (auto dup = agency_lines.find(*code); dup != agency_lines.end()) {
      check.add(f, row.line, "机构代码 " + *code + " 重复（第" + std::to_string(dup->second) + "行已有）");
      continue;
    }
    agency_lines[*code] = row.line;
    agencies.push_back({row.line, *code, name, uscc, tier});
  }

  std::vector<AttorneyRow> attorneys;
  std::map<std::string, int> attorney_lines;
  store::MemberRepo members(db);
  auto pcols = columns((*attorney_rows)[0], {"资格证号", "姓名", "机构代码", "执业证号"}, &msg);
  if (!pcols) check.add(attorneys_csv, (*attorney_rows)[0].line, msg);
  for (size_t r = 1; pcols && r < attorney_rows->size(); ++r) {
    const auto& row = (*attorney_rows)[r];
    const std::string& f = attorneys_csv;
    auto qno = check.id_ok(f, row.line, "资格证号", domain::check_qualification_no(cell(row, pcols->at("资格证号"))));
    std::string name = cell(row, pcols->at("姓名"));
    bool name_ok = check.name_ok(f, row.line, "姓名", name);
    auto agency = check.id_ok(f, row.line, "机构代码", domain::check_agency_code(cell(row, pcols->at("机构代码"))));
    std::optional<std::string> practice;
    std::string raw_practice = cell(row, pcols->at("执业证号"));
    bool practice_ok = true;
    if (!raw_practice.empty()) {
      practice = check.id_ok(f, row.line, "执业证号", domain::check_practice_no(raw_practice));
      practice_ok = practice.has_value();
    }
    if (agency && !agency_lines.count(*agency)) {
      auto known = members.find_by_login(*agency);
      if (!known.ok()) return known.error();
      if (!known->has_value() || (*known)->type != "agency") {
        check.add(f, row.line, "机构代码 " + *agency + " 不在机构名录中");
        agency.reset();
      }
    }
    if (!qno || !name_ok || !agency || !practice_ok) continue;
    if (auto dup = attorney_lines.find(*qno); dup != attorney_lines.end()) {
      check.add(f, row.line, "资格证号 " + *qno + " 重复（第" + std::to_string(dup->second) + "行已有）");
      continue;
    }
    attorney_lines[*qno] = row.line;
    attorneys.push_back({row.line, *qno, name, *agency, practice});
  }
  if (!report.problems.empty()) return report;

  store::Transaction tx(db);
  MD_TRY(tx.begun());
  store::AccountRepo accounts(db);
  auto count = [](RosterCounts& c, store::UpsertOutcome o) {
    if (o == store::UpsertOutcome::kCreated) ++c.created;
    else if (o == store::UpsertOutcome::kUpdated) ++c.updated;
    else ++c.unchanged;
  };
  auto upsert = [&](const store::Member& m, const std::string& file, int line,
                    RosterCounts& counts) -> Result<int64_t> {
    int64_t id = 0;
    auto outcome = members.upsert_roster(m, &id);
    if (!outcome.ok()) {
      if (outcome.error().kind == ErrorKind::kConflict) {
        report.problems.push_back({file, line, outcome.error().message});
        return id;
      }
      return outcome.error();
    }
    count(counts, *outcome);
    MD_TRY(accounts.ensure_member_login(id, m.login_id));
    return id;
  };

  std::map<std::string, int64_t> agency_ids;
  for (const auto& a : agencies) {
    store::Member m;
    m.type = "agency";
    m.login_id = a.code;
    m.name = a.name;
    m.uscc = a.uscc;
    auto id = upsert(m, agencies_csv, a.line, report.agencies);
    if (!id.ok()) return id.error();
    if (a.tier && *id) MD_TRY(store::FeeRepo(db).set_tier(*id, *a.tier));
    agency_ids[a.code] = *id;
  }
  for (const auto& p : attorneys) {
    store::Member m;
    m.type = "attorney";
    m.login_id = p.qualification_no;
    m.name = p.name;
    m.practice_no = p.practice_no;
    if (auto it = agency_ids.find(p.agency_code); it != agency_ids.end()) {
      m.agency_id = it->second;
    } else {
      auto known = members.find_by_login(p.agency_code);
      if (!known.ok()) return known.error();
      m.agency_id = (*known)->id;  // checked above: it exists
    }
    auto id = upsert(m, attorneys_csv, p.line, report.attorneys);
    if (!id.ok()) return id.error();
  }
  if (!report.problems.empty()) return report;  // the transaction rolls back

  const auto& a = report.agencies;
  const auto& t = report.attorneys;
  if (a.created + a.updated + t.created + t.updated > 0) {
    std::string summary = "{\"agencies\":{\"created\":" + std::to_string(a.created) +
                          ",\"updated\":" + std::to_string(a.updated) +
                          "},\"attorneys\":{\"created\":" + std::to_string(t.created) +
                          ",\"updated\":" + std::to_string(t.updated) + "}}";
    MD_TRY(store::append_audit(db, {actor, "roster.import", "roster", "", summary}));
  }
  MD_TRY(tx.commit());
  return report;
}

}  // namespace md::roster
