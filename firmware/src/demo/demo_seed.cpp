#include "demo/demo_seed.h"

#include <array>
#include <cstdio>
#include <map>

#include "demo/chinese_names.h"
#include "domain/member_number.h"
#include "store/account_repo.h"
#include "store/directory_cache.h"
#include "store/member_repo.h"

namespace md::demo {
namespace {

class Seeder {
 public:
  Seeder(store::Db& db, uint64_t seed) : db_(db), members_(db), accounts_(db), gen_(seed) {
    year_ = std::stoi(store::today_shanghai().substr(0, 4));
    // Continue member-number sequences past existing members, so seeding twice never collides.
    auto st = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM members");
    const int base = st.step() ? static_cast<int>(st.col_int(0)) : 0;
    for (auto t : {domain::MemberType::kAgency, domain::MemberType::kAttorney,
                   domain::MemberType::kIndustryOrg, domain::MemberType::kNonPracticing})
      sequence_[t] = base;
  }

  // Adds one member with a login; false when its login id was taken (nothing added).
  Result<bool> add(store::Member m, domain::MemberType type) {
    auto existing = members_.find_by_login(m.login_id);
    if (!existing.ok()) return existing.error();
    if (existing->has_value()) return false;
    assign_status(m, type);
    auto id = members_.insert(m);
    if (!id.ok()) return id.error();
    MD_TRY(accounts_.ensure_member_login(*id, m.login_id));
    last_id_ = *id;
    return true;
  }

  // 75% in good standing this year, 8% lapsed last year, the rest along the way to joining.
  void assign_status(store::Member& m, domain::MemberType type) {
    const auto roll = gen_.below(100);
    const int joined = year_ - static_cast<int>(gen_.below(12));
    if (roll < 83) {
      m.status = "active";
      m.valid_until = std::to_string(roll < 75 ? year_ : year_ - 1) + "-12-31";
      if (roll < 75) ++counts.listed;
    } else if (roll < 90) {
      m.status = "approved_unpaid";
    } else if (roll < 95) {
      m.status = "applied";
    } else {
      m.status = "roster";
    }
    if (m.status == "active" || m.status == "approved_unpaid")
      m.member_no = domain::format_member_number(type, joined, ++sequence_[type] % 1000000);
  }

  std::string agency_code(int province) {
    // Sequences start at 100 (attorney 10000) so hand-made roster fixtures never collide.
    int& next = agency_seq_[province];
    if (next == 0) next = 100;
    if (next > 999) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d%03d", province, next++);
    return buf;
  }
  std::string qualification_no(int province) {
    int& next = attorney_seq_[province];
    if (next == 0) next = 10000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d%05d", province, next++ % 100000);
    return buf;
  }

  store::Db& db_;
  store::MemberRepo members_;
  store::AccountRepo accounts_;
  NameGenerator gen_;
  SeedCounts counts;
  int64_t last_id_ = 0;

 private:
  int year_;
  std::map<domain::MemberType, int> sequence_;
  std::map<int, int> agency_seq_, attorney_seq_;
};

}  // namespace

Result<SeedCounts> seed_demo(store::Db& db, int members, uint64_t seed) {
  store::Transaction tx(db);
  MD_TRY(tx.begun());
  Seeder s(db, seed);
  NameGenerator& gen = s.gen_;
  // Mix: ~85% attorneys in agencies of ~11 attorneys, ~3% industry orgs, ~4% non-practicing.
  const int orgs = members * 3 / 100;
  const int non_practicing = members * 4 / 100;
  int remaining = members - orgs - non_practicing;
  int guard = 0;
  while (remaining > 0 && guard++ < members * 2) {
    const int province = gen.random_province();
    const std::string code = s.agency_code(province);
    if (code.empty()) continue;  // that province's agency codes are used up
    store::Member agency;
    agency.type = "agency";
    agency.login_id = code;
    agency.name = gen.agency_name(city_for_province(province));
    agency.uscc = gen.uscc();
    auto added = s.add(agency, domain::MemberType::kAgency);
    if (!added.ok()) return added.error();
    if (!*added) continue;
    ++s.counts.agencies;
    --remaining;
    const int64_t agency_id = s.last_id_;
    const int staff = std::min(remaining, 3 + static_cast<int>(gen.below(17)));
    for (int i = 0; i < staff; ++i) {
      store::Member p;
      p.type = "attorney";
      p.login_id = s.qualification_no(province);
      p.name = gen.person_name();
      p.agency_id = agency_id;
      char practice[48];
      std::snprintf(practice, sizeof practice, "%s%06d", code.c_str(), static_cast<int>(gen.below(1000000)));
      p.practice_no = practice;
      auto ok = s.add(p, domain::MemberType::kAttorney);
      if (!ok.ok()) return ok.error();
      if (*ok) {
        ++s.counts.attorneys;
        --remaining;
      }
    }
  }
  for (int i = 0; i < orgs; ++i) {
    store::Member o;
    o.type = "industry_org";
    o.uscc = gen.uscc(UsccKind::kSocialOrganisation);
    o.login_id = *o.uscc;
    const int province = gen.random_province();
    o.name = gen.org_name(gen.below(2) ? province_name(province) : city_for_province(province));
    auto ok = s.add(o, domain::MemberType::kIndustryOrg);
    if (!ok.ok()) return ok.error();
    s.counts.industry_orgs += *ok ? 1 : 0;
  }
  for (int i = 0; i < non_practicing; ++i) {
    store::Member n;
    n.type = "non_practicing";
    n.login_id = gen.mobile();
    n.name = gen.person_name();
    auto ok = s.add(n, domain::MemberType::kNonPracticing);
    if (!ok.ok()) return ok.error();
    s.counts.non_practicing += *ok ? 1 : 0;
  }
  MD_TRY(tx.commit());
  return s.counts;
}

}  // namespace md::demo
