// Matrix rules for 培训班 (staff) and 报名信息 / 成绩查询 (members): an agency sees its own
// attorneys only, an attorney only themself.
#include "authz_matrix.h"

namespace authz {

Area training_area() {
  auto setup = [](World& w) {
    auto cls = w.as(kReviewer).post("/staff/training/classes",
                                    {{"name", "矩阵测试培训班"},
                                     {"start_date", "2026-03-10"},
                                     {"end_date", "2026-03-12"},
                                     {"place", "北京市海淀区"},
                                     {"hours", 24}});
    REQUIRE_MESSAGE(cls.status == 201, cls.raw_body);
    w.ids["training.class"] = std::to_string(cls.body["class"]["id"].get<int64_t>());
  };
  auto rules = [](const World& w) {
    const std::string cls = "/staff/training/classes/" + w.ids.at("training.class");
    const std::string attorney = std::to_string(w.member_ids.at(kAttorneyA));
    const unsigned rev = kReviewer | kAdmin;
    const char* scope = "attorney A's rows: attorney A and its agency only";
    return std::vector<Rule>{
        {"GET", "/staff/training/classes", rev},
        {"POST", "/staff/training/classes", rev},
        {"GET", "/staff/training/classes/{id}", rev, cls},
        {"PUT", "/staff/training/classes/{id}", rev, cls},
        {"POST", "/staff/training/classes/{id}/registrations/import", rev, cls + "/registrations/import"},
        {"POST", "/staff/training/classes/{id}/scores/import", rev, cls + "/scores/import"},
        {"GET", "/staff/training/classes/{id}/registrations", rev, cls + "/registrations"},
        {"GET", "/staff/training/classes/{id}/scores", rev, cls + "/scores"},
        {"GET", "/member/training/registrations", kAgencyA | kAttorneyA,
         "/member/training/registrations?attorney_id=" + attorney, "{}", scope},
        {"GET", "/member/training/scores", kAgencyA | kAttorneyA,
         "/member/training/scores?attorney_id=" + attorney, "{}", scope},
    };
  };
  return {"training", setup, rules};
}

}  // namespace authz
