// Every API area registers its routes on the router; App calls register_all once.
#pragma once

#include "http/router.h"

namespace md::app {
class App;
}

namespace md::api {

void register_all(http::Router& router, app::App& app);

void register_public_routes(http::Router& router, app::App& app);     // health, kiosk, endpoints
void register_auth_routes(http::Router& router, app::App& app);       // login, logout, password
void register_content_routes(http::Router& router, app::App& app);    // FAQ, pages
void register_directory_routes(http::Router& router, app::App& app);  // 会员名录
void register_center_routes(http::Router& router, app::App& app);     // member / staff home
void register_application_routes(http::Router& router, app::App& app);  // 入会申请
void register_review_routes(http::Router& router, app::App& app);       // staff review, calendar
void register_message_routes(http::Router& router, app::App& app);      // 会员消息, SMS outbox
void register_dues_routes(http::Router& router, app::App& app);         // 会费缴纳 (member)
void register_staff_dues_routes(http::Router& router, app::App& app);   // 会费 (finance)
void register_pay_notify_routes(http::Router& router, app::App& app);   // gateway notifications
void register_certificate_routes(http::Router& router, app::App& app);  // 会员证 (member), 证书核验
void register_staff_certificate_routes(http::Router& router, app::App& app);  // 会员证, printer (staff)
void register_training_routes(http::Router& router, app::App& app);      // 报名信息, 成绩查询, 培训班
void register_profile_routes(http::Router& router, app::App& app);       // 会员资料, 退会, 会员信息修改
void register_staff_member_routes(http::Router& router, app::App& app);  // 会员查询, 执业机构 (staff)
void register_dues_history_routes(http::Router& router, app::App& app);  // 会费缴纳信息 (issue 8)
void register_cert_request_routes(http::Router& router, app::App& app);  // 会员证信息修改申请, 会员证邮寄申请
void register_ime_routes(http::Router& router, app::App& app);           // pinyin input (keyboard)
void register_job_routes(http::Router& router, app::App& app);           // 招聘信息 (issue 8)
void register_status_routes(http::Router& router, app::App& app);        // 设备状态 (staff)

}  // namespace md::api
