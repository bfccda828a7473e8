#include "api/routes.h"

namespace md::api {

void register_all(http::Router& router, app::App& app) {
  register_public_routes(router, app);
  register_auth_routes(router, app);
  register_content_routes(router, app);
  register_directory_routes(router, app);
  register_center_routes(router, app);
  register_application_routes(router, app);
  register_review_routes(router, app);
  register_message_routes(router, app);
  register_dues_routes(router, app);
  register_staff_dues_routes(router, app);
  register_pay_notify_routes(router, app);
  register_certificate_routes(router, app);
  register_staff_certificate_routes(router, app);
  register_training_routes(router, app);
  register_profile_routes(router, app);
  register_staff_member_routes(router, app);
  register_dues_history_routes(router, app);
  register_cert_request_routes(router, app);
  register_ime_routes(router, app);
  register_job_routes(router, app);
  register_status_routes(router, app);
}

}  // namespace md::api
