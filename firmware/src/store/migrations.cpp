#include "store/migrations.h"

#include <filesystem>
#include <vector>

#include "store/fee_repo.h"
#include "store/seed_content.h"

namespace md::store {
namespace {

struct Rung {
  int version;
  const char* description;
  const char* sql;
};

// v1: members (all four types), their accounts, staff accounts, the audit log, and the
// directory revision counter that the in-memory search index watches.
constexpr const char* kV1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta(key, value) VALUES ('directory_rev', 0);

CREATE TABLE members(
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('agency','attorney','industry_org','non_practicing')),
  login_id TEXT NOT NULL UNIQUE,      -- 机构代码 / 资格证号 / 统一社会信用代码 / 手机号
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'roster'
    CHECK (status IN ('roster','applied','approved_unpaid','active','withdrawn')),
  member_no TEXT UNIQUE,              -- 会员编号, assigned on approval
  valid_until TEXT,                   -- 'YYYY-MM-DD', last day of the paid year
  agency_id INTEGER REFERENCES members(id),  -- an attorney's practising agency
  uscc TEXT,                          -- 统一社会信用代码 (agency, industry_org)
  practice_no TEXT,                   -- 执业证号 (attorney)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX members_agency ON members(agency_id);

CREATE TABLE accounts(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('member','staff')),
  login_id TEXT NOT NULL,
  -- NULL: the default password (the login id itself) is still in force; no hash is needed
  -- until the member sets a real password, which keeps a 40,000-row roster import fast.
  password_hash TEXT,
  member_id INTEGER UNIQUE REFERENCES members(id) ON DELETE CASCADE,
  display_name TEXT,                  -- staff only; members show members.name
  role TEXT CHECK (role IN ('admin','reviewer','finance','desk')),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  password_changed_at TEXT,
  UNIQUE (kind, login_id),
  CHECK ((kind = 'staff') = (role IS NOT NULL)),
  CHECK ((kind = 'member') = (member_id IS NOT NULL))
);

CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,                -- 'staff:LOGIN', 'member:LOGIN', 'ctl', 'system'
  action TEXT NOT NULL,
  object TEXT,
  before_json TEXT,
  after_json TEXT
);

CREATE TRIGGER members_directory_ins AFTER INSERT ON members
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'directory_rev'; END;
CREATE TRIGGER members_directory_upd AFTER UPDATE OF name, member_no, type, status, valid_until ON members
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'directory_rev'; END;
CREATE TRIGGER members_directory_del AFTER DELETE ON members
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'directory_rev'; END;
)SQL";

// v2: public content that staff edit: FAQ and pages (入会指南, 章程). Seeded in C++ below.
constexpr const char* kV2 = R"SQL(
CREATE TABLE faq(
  id INTEGER PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL
);
CREATE TABLE pages(
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)SQL";

// v3: membership applications (入会申请) and their review, the working-day calendar that sets
// review due dates (seeded with the State Council's 2026 holidays, notice of 2025-11-04), the
// SMS outbox, and member messages (会员消息).
constexpr const char* kV3 = R"SQL(
ALTER TABLE members ADD COLUMN profile_json TEXT;   -- the approved application's fields

CREATE TABLE applications(
  id INTEGER PRIMARY KEY,
  member_type TEXT NOT NULL CHECK (member_type IN ('agency','attorney','industry_org','non_practicing')),
  applicant_key TEXT NOT NULL,        -- the future login id: 机构代码/资格证号/统一社会信用代码/手机号
  member_id INTEGER REFERENCES members(id),  -- known from the roster, or set on approval
  status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','approved','rejected')),
  form_json TEXT NOT NULL,            -- normalised field values
  mobile TEXT NOT NULL,               -- where the SMS notices go
  submitted_at TEXT NOT NULL,         -- UTC
  due_date TEXT NOT NULL,             -- 5 working days after submission (Asia/Shanghai date)
  decided_at TEXT,
  decided_by TEXT,                    -- staff login
  reject_reason TEXT,
  previous_id INTEGER REFERENCES applications(id)  -- the rejected application this corrects
);
CREATE UNIQUE INDEX applications_one_open ON applications(applicant_key) WHERE status = 'submitted';
CREATE INDEX applications_queue ON applications(status, due_date);
CREATE INDEX applications_member ON applications(member_id);

CREATE TABLE calendar_days(
  day TEXT PRIMARY KEY,               -- 'YYYY-MM-DD'
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),  -- workday: a make-up working weekend day
  name TEXT NOT NULL
);
INSERT INTO calendar_days(day, kind, name) VALUES
  ('2026-01-01','holiday','元旦'),
  ('2026-01-02','holiday','元旦'),
  ('2026-01-03','holiday','元旦'),
  ('2026-01-04','workday','元旦调休上班'),
  ('2026-02-14','workday','春节调休上班'),
  ('2026-02-15','holiday','春节'),
  ('2026-02-16','holiday','春节'),
  ('2026-02-17','holiday','春节'),
  ('2026-02-18','holiday','春节'),
  ('2026-02-19','holiday','春节'),
  ('2026-02-20','holiday','春节'),
  ('2026-02-21','holiday','春节'),
  ('2026-02-22','holiday','春节'),
  ('2026-02-23','holiday','春节'),
  ('2026-02-28','workday','春节调休上班'),
  ('2026-04-04','holiday','清明节'),
  ('2026-04-05','holiday','清明节'),
  ('2026-04-06','holiday','清明节'),
  ('2026-05-01','holiday','劳动节'),
  ('2026-05-02','holiday','劳动节'),
  ('2026-05-03','holiday','劳动节'),
  ('2026-05-04','holiday','劳动节'),
  ('2026-05-05','holiday','劳动节'),
  ('2026-05-09','workday','劳动节调休上班'),
  ('2026-06-19','holiday','端午节'),
  ('2026-06-20','holiday','端午节'),
  ('2026-06-21','holiday','端午节'),
  ('2026-09-20','workday','国庆节调休上班'),
  ('2026-09-25','holiday','中秋节'),
  ('2026-09-26','holiday','中秋节'),
  ('2026-09-27','holiday','中秋节'),
  ('2026-10-01','holiday','国庆节'),
  ('2026-10-02','holiday','国庆节'),
  ('2026-10-03','holiday','国庆节'),
  ('2026-10-04','holiday','国庆节'),
  ('2026-10-05','holiday','国庆节'),
  ('2026-10-06','holiday','国庆节'),
  ('2026-10-07','holiday','国庆节'),
  ('2026-10-10','workday','国庆节调休上班');

CREATE TABLE sms_outbox(
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL,
  event TEXT NOT NULL,                -- application_submitted / application_approved / ...
  template_code TEXT NOT NULL,
  params_json TEXT NOT NULL,
  text TEXT NOT NULL,                 -- the message as the member reads it
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  provider_id TEXT,                   -- the provider's id for the sent message (BizId)
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX sms_outbox_due ON sms_outbox(status, next_attempt_at);

CREATE TABLE messages(
  id INTEGER PRIMARY KEY,
  audience TEXT NOT NULL CHECK (audience IN ('member','all','type')),
  member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,  -- audience 'member'
  member_type TEXT,                                            -- audience 'type'
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((audience = 'member') = (member_id IS NOT NULL)),
  CHECK ((audience = 'type') = (member_type IS NOT NULL))
);
CREATE INDEX messages_member ON messages(member_id);
CREATE TABLE message_reads(
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  read_at TEXT NOT NULL,
  PRIMARY KEY (message_id, member_id)
);
)SQL";

// v4: dues and payments (会费缴纳). The fee schedule per year and fee class with the year's
// payment window; an agency's tier; staff settings (bank details); orders (会费缴纳申报, numbered
// by 申报系统单号) with their items; QR payment attempts at the gateways; and every payment
// received. Two rules live in the schema itself, not only in code:
//  - an item (member, year) is held by at most one order that is open or paid
//    (dues_item_once), and an order that expires or is cancelled releases its items (trigger);
//  - an order is credited by at most one payment (payments_one_credit), and one gateway
//    transaction or bank reference is recorded once (UNIQUE(method, external_ref)).
constexpr const char* kV4 = R"SQL(
ALTER TABLE members ADD COLUMN tier TEXT NOT NULL DEFAULT 'ordinary'
  CHECK (tier IN ('vice_president','standing_director','director','ordinary'));

CREATE TABLE settings(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE dues_years(
  year INTEGER PRIMARY KEY,
  window_start TEXT NOT NULL,         -- 'YYYY-MM-DD', Asia/Shanghai
  window_end TEXT NOT NULL,
  CHECK (window_start <= window_end)
);
CREATE TABLE fee_schedule(
  year INTEGER NOT NULL REFERENCES dues_years(year),
  fee_class TEXT NOT NULL CHECK (fee_class IN ('agency_vice_president','agency_standing_director',
    'agency_director','agency_ordinary','attorney','industry_org','non_practicing')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  PRIMARY KEY (year, fee_class)
);

CREATE TABLE dues_orders(
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL UNIQUE,      -- 申报系统单号
  payer_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('reduction_pending','awaiting_payment','paid','expired','cancelled')),
  total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
  amount_due_fen INTEGER NOT NULL CHECK (amount_due_fen >= 0 AND amount_due_fen <= total_fen),
  contact_name TEXT NOT NULL,
  contact_mobile TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  contact_office_phone TEXT NOT NULL DEFAULT '',
  reduction_requested_fen INTEGER,
  reduction_reason TEXT,
  reduction_status TEXT CHECK (reduction_status IN ('pending','approved','rejected')),
  reduction_decided_fen INTEGER,
  reduction_reject_reason TEXT,
  reduction_decided_by TEXT,
  reduction_decided_at TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,                    -- NULL while a reduction waits for finance
  paid_at TEXT,
  paid_method TEXT CHECK (paid_method IN ('wechat','alipay','bank','waiver')),
  closed_at TEXT,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
  CHECK ((reduction_status IS NULL) = (reduction_requested_fen IS NULL))
);
CREATE INDEX dues_orders_payer ON dues_orders(payer_id, year);
CREATE INDEX dues_orders_status ON dues_orders(status, expires_at);

CREATE TABLE dues_order_items(
  order_id INTEGER NOT NULL REFERENCES dues_orders(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL,
  fee_class TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  holds INTEGER NOT NULL DEFAULT 1 CHECK (holds IN (0, 1)),  -- 1 while the order is open or paid
  PRIMARY KEY (order_id, member_id)
);
CREATE UNIQUE INDEX dues_item_once ON dues_order_items(member_id, year) WHERE holds = 1;
CREATE INDEX dues_order_items_member ON dues_order_items(member_id, year);
CREATE TRIGGER dues_order_release AFTER UPDATE OF status ON dues_orders
  WHEN NEW.status IN ('expired', 'cancelled')
BEGIN UPDATE dues_order_items SET holds = 0 WHERE order_id = NEW.id; END;
CREATE TRIGGER dues_order_final BEFORE UPDATE OF status ON dues_orders
  WHEN OLD.status IN ('paid', 'expired', 'cancelled')
BEGIN SELECT RAISE(ABORT, 'dues order already settled or closed'); END;

CREATE TABLE payment_attempts(
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES dues_orders(id),
  method TEXT NOT NULL CHECK (method IN ('wechat','alipay')),
  out_trade_no TEXT NOT NULL UNIQUE,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  code_url TEXT,
  status TEXT NOT NULL CHECK (status IN ('open','paid','closed','failed')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_query_at TEXT,
  closed_at TEXT,
  error TEXT
);
CREATE INDEX payment_attempts_order ON payment_attempts(order_id);
CREATE INDEX payment_attempts_open ON payment_attempts(status, expires_at);

CREATE TABLE payments(
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES dues_orders(id),
  method TEXT NOT NULL CHECK (method IN ('wechat','alipay','bank','waiver')),
  attempt_id INTEGER REFERENCES payment_attempts(id),
  external_ref TEXT NOT NULL,         -- gateway transaction id / bank reference / order no (waiver)
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  paid_at TEXT,                       -- as the gateway or bank states it
  received_at TEXT NOT NULL,          -- when we recorded it (UTC)
  source TEXT NOT NULL CHECK (source IN ('notify','query','staff','statement','waiver')),
  outcome TEXT NOT NULL CHECK (outcome IN ('credited','surplus')),  -- surplus: refund by hand
  recorded_by TEXT NOT NULL,
  UNIQUE (method, external_ref)
);
CREATE UNIQUE INDEX payments_one_credit ON payments(order_id) WHERE outcome = 'credited';

CREATE TABLE dues_agency_requests(
  attorney_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL,
  choice TEXT NOT NULL CHECK (choice IN ('personal','agency')),
  chosen_at TEXT NOT NULL,
  PRIMARY KEY (attorney_id, year)
);
)SQL";

// v5: certificates (会员证), one row per issued version, and the print jobs that put them (or a
// test page) on the kiosk's CUPS queue. A member has at most one valid certificate per year.
constexpr const char* kV5 = R"SQL(
CREATE TABLE certificates(
  id INTEGER PRIMARY KEY,
  cert_no TEXT NOT NULL UNIQUE,       -- 证书编号: year + 6-digit sequence
  member_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  member_no TEXT NOT NULL,
  member_type TEXT NOT NULL,
  name TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  issued_on TEXT NOT NULL,            -- Asia/Shanghai date
  payload TEXT NOT NULL,              -- the signed facts (domain/certificate.h)
  signature TEXT NOT NULL,            -- Ed25519, base64url
  status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','void')),
  issue_reason TEXT NOT NULL CHECK (issue_reason IN ('dues_paid','staff','reissue')),
  issued_by TEXT NOT NULL,
  note TEXT,
  replaces_id INTEGER REFERENCES certificates(id),
  void_reason TEXT,
  voided_at TEXT,
  voided_by TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (member_id, year, version),
  CHECK ((status = 'void') = (voided_at IS NOT NULL))
);
CREATE UNIQUE INDEX certificates_one_valid ON certificates(member_id, year) WHERE status = 'valid';
CREATE INDEX certificates_member ON certificates(member_id);
-- The signed facts never change once issued: a change is a new version.
CREATE TRIGGER certificates_facts_fixed BEFORE UPDATE OF cert_no, member_id, year, version,
  member_no, member_type, name, valid_until, issued_on, payload, signature ON certificates
BEGIN SELECT RAISE(ABORT, 'certificate facts are immutable'); END;
CREATE TRIGGER certificates_void_final BEFORE UPDATE OF status ON certificates
  WHEN OLD.status = 'void'
BEGIN SELECT RAISE(ABORT, 'a void certificate stays void'); END;

CREATE TABLE print_jobs(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('certificate','test_page')),
  certificate_id INTEGER REFERENCES certificates(id),
  member_id INTEGER REFERENCES members(id),   -- whose job it is, when a member printed it
  requested_by TEXT NOT NULL,                 -- audit actor
  queue TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
    ('queued','pending','held','processing','stopped','completed','canceled','aborted','failed')),
  job_reasons TEXT NOT NULL DEFAULT '',       -- space-separated IPP job-state-reasons
  printer_reasons TEXT NOT NULL DEFAULT '',   -- the queue's printer-state-reasons at the time
  detail TEXT NOT NULL DEFAULT '',            -- CUPS' own words, for staff and the log
  cups_job_id INTEGER,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  reprint_of INTEGER REFERENCES print_jobs(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'certificate') = (certificate_id IS NOT NULL))
);
CREATE INDEX print_jobs_open ON print_jobs(state) WHERE state NOT IN ('completed','canceled','aborted','failed');
)SQL";

// v6: training classes (培训班) staff keep, and the registrations (报名) and exam scores (成绩)
// imported for them: one of each per member and class, so a re-import updates the row.
constexpr const char* kV6 = R"SQL(
CREATE TABLE training_classes(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  start_date TEXT NOT NULL,           -- 'YYYY-MM-DD', Asia/Shanghai
  end_date TEXT NOT NULL,
  place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 1000),  -- 学时
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CHECK (start_date <= end_date)
);
CREATE INDEX training_classes_start ON training_classes(start_date);

CREATE TABLE training_registrations(
  id INTEGER PRIMARY KEY,
  class_id INTEGER NOT NULL REFERENCES training_classes(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  registered_on TEXT NOT NULL,        -- 报名日期
  status TEXT NOT NULL CHECK (status IN ('registered','confirmed','cancelled')),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (class_id, member_id)
);
CREATE INDEX training_registrations_member ON training_registrations(member_id);

CREATE TABLE training_scores(
  id INTEGER PRIMARY KEY,
  class_id INTEGER NOT NULL REFERENCES training_classes(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  score_tenths INTEGER NOT NULL CHECK (score_tenths BETWEEN 0 AND 1000),  -- 85.5 → 855
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  exam_date TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (class_id, member_id)
);
CREATE INDEX training_scores_member ON training_scores(member_id);
)SQL";

// v7: withdrawal requests (退会申请): a member asks to leave, staff approve or reject with a
// reason. At most one pending request per member; decided ones stay as history.
constexpr const char* kV7 = R"SQL(
CREATE TABLE withdrawal_requests(
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),  -- the member's, optional
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending','approved','rejected','cancelled')),
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,                    -- staff login, or the member's for a cancellation
  decision_reason TEXT                -- required for a rejection
);
CREATE UNIQUE INDEX withdrawal_requests_pending ON withdrawal_requests(member_id)
  WHERE status = 'pending';
CREATE INDEX withdrawal_requests_status ON withdrawal_requests(status, created_at);
)SQL";

// v8: 会员证信息修改申请 and 会员证邮寄申请. A change request keeps the values before and after
// (JSON objects keyed name / qualification_no); a mailing request keeps the address it was sent
// to and the courier's tracking number. At most one open request of each kind per member.
constexpr const char* kV8 = R"SQL(
CREATE TABLE cert_change_requests(
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending','approved','rejected','cancelled')),
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,
  decision_reason TEXT
);
CREATE UNIQUE INDEX cert_change_requests_pending ON cert_change_requests(member_id)
  WHERE status = 'pending';
CREATE INDEX cert_change_requests_status ON cert_change_requests(status, created_at);

CREATE TABLE cert_mail_requests(
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  certificate_id INTEGER NOT NULL REFERENCES certificates(id),
  recipient TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','cancelled')),
  created_at TEXT NOT NULL,
  handled_at TEXT,
  handled_by TEXT,
  courier TEXT,
  tracking_no TEXT,
  cancel_reason TEXT,
  CHECK (status != 'sent' OR (courier IS NOT NULL AND tracking_no IS NOT NULL))
);
CREATE UNIQUE INDEX cert_mail_requests_open ON cert_mail_requests(member_id)
  WHERE status = 'pending';
CREATE INDEX cert_mail_requests_status ON cert_mail_requests(status, created_at);
)SQL";

// v9: 招聘信息. An agency's job postings; the public sees the approved ones through valid_until
// (Asia/Shanghai date). An edit goes back to pending; a rejection keeps its reason until then.
constexpr const char* kV9 = R"SQL(
CREATE TABLE job_postings(
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES members(id),
  title TEXT NOT NULL,
  positions TEXT NOT NULL,
  headcount INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 999),
  requirements TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL,
  pay_negotiable INTEGER NOT NULL CHECK (pay_negotiable IN (0, 1)),
  pay_min_yuan INTEGER,               -- 月薪, whole 元; NULL when 面议
  pay_max_yuan INTEGER,
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  valid_until TEXT NOT NULL,          -- 'YYYY-MM-DD', the last day it is shown
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending','approved','rejected','closed')),
  reject_reason TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (pay_negotiable = 1 OR (pay_min_yuan IS NOT NULL AND pay_max_yuan IS NOT NULL
                                AND pay_min_yuan <= pay_max_yuan)),
  CHECK (status != 'rejected' OR reject_reason IS NOT NULL)
);
CREATE INDEX job_postings_agency ON job_postings(agency_id, id);
CREATE INDEX job_postings_status ON job_postings(status, valid_until);
)SQL";

const std::vector<Rung>& ladder() {
  static const std::vector<Rung> rungs = {
      {1, "members, accounts, audit log", kV1},
      {2, "public content: FAQ and pages", kV2},
      {3, "applications, working-day calendar, SMS outbox, member messages", kV3},
      {4, "dues: fee schedule, tiers, settings, orders, payment attempts, payments", kV4},
      {5, "certificates and print jobs", kV5},
      {6, "training classes, registrations and scores", kV6},
      {7, "withdrawal requests", kV7},
      {8, "certificate change and mailing requests", kV8},
      {9, "job postings", kV9},
  };
  return rungs;
}

Status seed_for(Db& db, int version) {
  if (version == 2) return seed_public_content(db);
  if (version == 4) return seed_dues(db);
  return Status::success();
}

Status ensure_migrations_table(Db& db) {
  return db.exec_script(
      "CREATE TABLE IF NOT EXISTS migrations(version INTEGER PRIMARY KEY, "
      "applied_at TEXT NOT NULL, description TEXT NOT NULL)");
}

}  // namespace

int latest_schema_version() { return ladder().back().version; }

Result<int> schema_version(Db& db) {
  auto st = db.prepare("PRAGMA user_version");
  if (st.step()) return static_cast<int>(st.col_int(0));
  return st.status().ok() ? 0 : Result<int>(st.status().error());
}

Status backup_to(Db& db, const std::string& dest_path) {
  std::error_code ec;
  std::filesystem::path dest(dest_path);
  if (dest.has_parent_path()) std::filesystem::create_directories(dest.parent_path(), ec);
  sqlite3* out = nullptr;
  if (sqlite3_open(dest_path.c_str(), &out) != SQLITE_OK) {
    sqlite3_close(out);
    return make_error(ErrorKind::kUnavailable, "backup_open", "cannot create " + dest_path);
  }
  sqlite3_backup* b = sqlite3_backup_init(out, "main", db.raw(), "main");
  int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(out);
  if (b) sqlite3_backup_finish(b);
  std::string msg = sqlite3_errmsg(out);
  sqlite3_close(out);
  if (rc != SQLITE_DONE)
    return make_error(ErrorKind::kInternal, "backup_failed", "backup to " + dest_path + ": " + msg);
  return Status::success();
}

Status migrate(Db& db, const std::string& backup_dir, std::string* backup_path, int target) {
  if (backup_path) backup_path->clear();
  if (target < 0) target = latest_schema_version();
  auto current = schema_version(db);
  if (!current.ok()) return current.error();
  if (*current > latest_schema_version())
    return make_error(ErrorKind::kConflict, "schema_too_new",
                      "database schema v" + std::to_string(*current) +
                          " is newer than this program (v" +
                          std::to_string(latest_schema_version()) + "): refusing to start");
  if (*current >= target) return Status::success();

  if (*current > 0) {
    // Data exists: keep a consistent copy before any rung touches it.
    std::string stamp = utc_now_iso();
    for (char& c : stamp)
      if (c == ':') c = '-';
    std::string path = backup_dir + "/memberdesk-v" + std::to_string(*current) + "-" + stamp + ".db";
    MD_TRY(backup_to(db, path));
    if (backup_path) *backup_path = path;
  }

  MD_TRY(ensure_migrations_table(db));
  for (const auto& rung : ladder()) {
    if (rung.version <= *current || rung.version > target) continue;
    Transaction tx(db);
    MD_TRY(tx.begun());
    MD_TRY(db.exec_script(rung.sql));
    MD_TRY(seed_for(db, rung.version));
    MD_TRY(db.prepare("INSERT INTO migrations(version, applied_at, description) VALUES (?,?,?)")
               .bind(1, rung.version)
               .bind(2, utc_now_iso())
               .bind(3, rung.description)
               .exec());
    MD_TRY(db.exec_script("PRAGMA user_version = " + std::to_string(rung.version)));
    MD_TRY(tx.commit());
  }
  return Status::success();
}

}  // namespace md::store
