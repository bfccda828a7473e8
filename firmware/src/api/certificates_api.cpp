// 会员证 for members (preview, 下载PDF, 打印 and the job's progress) and the public 证书核验
// (by number, by the QR's URL, by a camera frame or an uploaded picture) with the public key.
#include <nlohmann/json.hpp>

#include "api/certificates_json.h"
#include "api/routes.h"
#include "api/support.h"
#include "app/app.h"
#include "certs/documents.h"
#include "certs/print_requests.h"
#include "certs/verification.h"
#include "domain/certificate.h"
#include "memberdesk/qr/qr.h"
#include "store/directory_cache.h"

namespace md::api {
namespace {

using Handler = http::Response (*)(app::App&, http::Call&);

constexpr size_t kMaxScanPixels = 1u << 20;

std::string today() { return store::today_shanghai(); }

// The caller's own certificate, or a 404 (another member's id answers the same as a missing one).
Result<store::CertificateRow> own_certificate(store::Db& db, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return make_error(ErrorKind::kNotFound, "not_found", "会员证不存在");
  auto c = store::CertificateRepo(db).find(*id);
  if (!c.ok()) return c.error();
  if (!c->has_value() || (*c)->member_id != call.session->member_id)
    return make_error(ErrorKind::kNotFound, "not_found", "会员证不存在");
  return **c;
}

http::Response public_key(app::App& app, http::Call&) {
  const auto& key = app.signing_key();
  return http::Response::ok({{"algorithm", "Ed25519"},
                             {"public_key_hex", key.public_key_hex()},
                             {"public_key_pem", key.public_key_pem()},
                             {"payload_format", "MDC1|cert_no|version|year|member_no|member_type|name|valid_until|issued_on"},
                             {"url_format", "{verify_base_url}/#/verify?d=<payload, base64url>&s=<signature, base64url>"}});
}

http::Response public_key_pem(app::App& app, http::Call&) {
  auto r = http::Response::raw(200, "text/plain; charset=utf-8", app.signing_key().public_key_pem());
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"memberdesk-certificates.pem\"");
  return r;
}

http::Response verify(app::App& app, http::Call& call) {
  auto body = json_object_body(call.req);
  if (!body.ok()) return http::error_response(body.error());
  auto db = app.db().acquire();
  Result<certs::Verification> v = make_error(ErrorKind::kInternal, "unreachable", "");
  if (body->contains("d") || body->contains("s")) {
    v = certs::verify_signed(*db, app.signing_key(), string_field(*body, "d"), string_field(*body, "s"), today());
  } else if (body->contains("qr")) {
    v = certs::verify_text(*db, app.signing_key(), string_field(*body, "qr"), today());
  } else {
    auto no = domain::normalize_cert_no(string_field(*body, "no"));
    if (!no) return http::error_response(400, "validation_failed", "请检查证书编号", {{"no", "请输入10位证书编号"}});
    v = certs::verify_by_number(*db, app.signing_key(), *no, today());
  }
  if (!v.ok()) return http::error_response(v.error());
  return http::Response::ok(verification_json(*v));
}

std::optional<int> dimension(const http::Request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v || v->empty() || v->size() > 5) return std::nullopt;
  int n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n > 0 ? std::optional<int>(n) : std::nullopt;
}

// At most this many frames are decoded at once; a kiosk sends about three a second.
constexpr int kMaxConcurrentScans = 2;

http::Response scan(app::App& app, http::Call& call) {
  struct Slot {
    std::atomic<int>& n;
    ~Slot() { --n; }
  } slot{app.scans_in_flight()};
  if (++slot.n > kMaxConcurrentScans)
    return http::error_response(429, "busy", "正在识别上一张图像，请稍候");
  std::string type = call.req.header("content-type");
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::optional<std::string> text;
  if (type.rfind("image/png", 0) == 0) {
    const auto& b = call.req.body;
    text = qr::decode_png(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(b.data()), b.size()));
    if (!text && (b.size() < 8 || b.compare(1, 3, "PNG") != 0))
      return http::error_response(400, "bad_image", "图片格式无效，请上传PNG图片或重新拍摄");
  } else if (type.rfind("application/octet-stream", 0) == 0) {
    auto w = dimension(call.req, "w");
    auto h = dimension(call.req, "h");
    if (!w || !h || static_cast<size_t>(*w) * static_cast<size_t>(*h) > kMaxScanPixels ||
        static_cast<size_t>(*w) * static_cast<size_t>(*h) != call.req.body.size())
      return http::error_response(400, "bad_image", "图像尺寸与数据不符（w×h须等于字节数，且不超过1048576）");
    text = qr::decode_grey(reinterpret_cast<const uint8_t*>(call.req.body.data()), *w, *h, *w);
  } else {
    return http::error_response(400, "bad_image", "请发送灰度图像数据或PNG图片");
  }
  if (!text) return http::Response::ok({{"found", false}, {"message", "未识别到二维码，请将证书二维码对准摄像头"}});
  auto db = app.db().acquire();
  auto v = certs::verify_text(*db, app.signing_key(), *text, today());
  if (!v.ok()) return http::error_response(v.error());
  return http::Response::ok({{"found", true}, {"qr_text", *text}, {"verification", verification_json(*v)}});
}

http::Response list_mine(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto all = store::CertificateRepo(*db).for_member(call.session->member_id);
  if (!all.ok()) return http::error_response(all.error());
  const std::string t = today();
  http::Json list = http::Json::array();
  http::Json current = nullptr;
  for (const auto& c : *all) {
    list.push_back(certificate_json(c, app.documents().verify_base_url, t));
    if (current.is_null() && c.status == "valid" && c.valid_until >= t)
      current = list.back();  // newest year first, so the first in force is the current one
  }
  http::Json printer = {{"ready", false}, {"message", "打印机未启用"}};
  if (app.printer()) {
    app.printer()->wake();  // whoever opens the page next sees a fresh look at the printer
    auto p = printer_json(app.printer()->printer(), app.printer()->queue(), false);
    printer = {{"ready", p["ready"]}, {"message", p["message"]}};
  }
  return http::Response::ok({{"current", current}, {"certificates", list}, {"printer", printer},
                             {"dues_url", "/member/dues"}});
}

}  // namespace

// Shared with the staff routes: the preview and the PDF of one certificate.
http::Response certificate_preview(app::App& app, const http::Call& call, const store::CertificateRow& c) {
  double dpi = 96;
  if (auto v = call.req.query_param("dpi")) {
    char* end = nullptr;
    dpi = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || !(dpi >= 36 && dpi <= 200))
      return http::error_response(400, "validation_failed", "dpi 应在36至200之间");
  }
  const std::string size = call.req.query_param("size").value_or("");
  if (!size.empty() && size != "a4" && size != "card")
    return http::error_response(400, "validation_failed", "size 应为 a4 或 card");
  const auto& docs = app.documents();
  auto png = certs::certificate_png(c, docs, size == "card" ? docs.card : size == "a4" ? printer::a4() : docs.print, dpi);
  if (!png.ok()) return http::error_response(png.error());
  auto r = http::Response::raw(200, "image/png", std::string(png->begin(), png->end()));
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

http::Response certificate_download(app::App& app, const http::Call& call, const store::CertificateRow& c) {
  const std::string size = call.req.query_param("size").value_or("a4");
  if (size != "a4" && size != "card") return http::error_response(400, "validation_failed", "size 应为 a4 或 card");
  auto pdf = certs::certificate_pdf(c, app.documents(), size == "card" ? app.documents().card : printer::a4());
  if (!pdf.ok()) return http::error_response(pdf.error());
  auto r = http::Response::raw(200, "application/pdf", std::move(pdf).value());
  // 会员证-<no>.pdf for browsers that read RFC 5987, certificate-<no>.pdf for the others.
  const std::string suffix = size == "card" ? "-card" : "";
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"certificate-" + c.cert_no + suffix +
                             ".pdf\"; filename*=UTF-8''%E4%BC%9A%E5%91%98%E8%AF%81-" + c.cert_no + suffix + ".pdf");
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

// Queues a print of `c`, or the error to answer (void certificate, printer not taking jobs).
http::Response queue_certificate_print(app::App& app, const store::CertificateRow& c, std::optional<int64_t> member_id,
                                       const std::string& actor, std::optional<int64_t> reprint_of) {
  if (c.status != "valid") return http::error_response(409, "certificate_void", "该会员证已作废，不能打印");
  if (!app.printer()) return http::error_response(503, "printer_unavailable", "打印机未启用");
  std::string why;
  if (!printer_takes_jobs(app.printer()->printer(), &why))
    return http::error_response(503, "printer_unavailable", why);
  auto db = app.db().acquire();
  auto job = certs::request_print(*db, {"certificate", c.id, member_id, actor, app.printer()->queue(), reprint_of});
  if (!job.ok()) return http::error_response(job.error());
  app.printer()->wake();
  http::Response r = http::Response::ok({{"job", print_job_json(*job, !member_id)}});
  r.status = 202;
  return r;
}

namespace {

http::Response preview_mine(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto c = own_certificate(*db, call);
  if (!c.ok()) return http::error_response(c.error());
  return certificate_preview(app, call, *c);
}

http::Response pdf_mine(app::App& app, http::Call& call) {
  auto db = app.db().acquire();
  auto c = own_certificate(*db, call);
  if (!c.ok()) return http::error_response(c.error());
  return certificate_download(app, call, *c);
}

http::Response print_mine(app::App& app, http::Call& call) {
  std::optional<store::CertificateRow> c;
  {
    auto db = app.db().acquire();
    auto found = own_certificate(*db, call);
    if (!found.ok()) return http::error_response(found.error());
    c = std::move(found).value();
  }
  if (c->status == "valid" && c->valid_until < today())
    return http::error_response(409, "certificate_expired", "该会员证已过有效期，请缴纳会费后打印新证");
  return queue_certificate_print(app, *c, call.session->member_id, "member:" + call.session->login_id, std::nullopt);
}

http::Response job_mine(app::App& app, http::Call& call) {
  auto id = id_path_param(call.req);
  if (!id) return http::error_response(404, "not_found", "打印任务不存在");
  auto db = app.db().acquire();
  auto job = store::PrintJobRepo(*db).find(*id);
  if (!job.ok()) return http::error_response(job.error());
  if (!job->has_value() || (*job)->member_id != call.session->member_id)
    return http::error_response(404, "not_found", "打印任务不存在");
  if (app.printer() && !(*job)->state.empty() && !store::print_state_done((*job)->state)) app.printer()->wake();
  return http::Response::ok({{"job", print_job_json(**job, false)}});
}

}  // namespace

void register_certificate_routes(http::Router& router, app::App& app) {
  using http::Access;
  auto bind = [&app](Handler fn) { return [&app, fn](http::Call& c) { return fn(app, c); }; };
  router.add({"GET", "/certificates/public-key", Access::kPublic, {}, "证书核验: the Ed25519 public key and the signed payload's format", bind(public_key)});
  router.add({"GET", "/certificates/public-key.pem", Access::kPublic, {}, "The public key as PEM (for openssl)", bind(public_key_pem)});
  router.add({"POST", "/certificates/verify", Access::kPublic, {}, "证书核验: {no} | {qr} | {d, s} → verdict", bind(verify)});
  {
    http::Route r{"POST", "/certificates/scan", Access::kPublic, {}, "证书核验 from a camera frame (?w=&h=, grey bytes) or a PNG", bind(scan)};
    r.body_kind = http::BodyKind::kRaw;
    router.add(std::move(r));
  }
  router.add({"GET", "/member/certificates", Access::kMember, {}, "会员证: the current one, history, printer readiness", bind(list_mine)});
  router.add({"GET", "/member/certificates/{id}/preview.png", Access::kMember, {}, "Preview image (?dpi=36..200, ?size=a4|card)", bind(preview_mine)});
  router.add({"GET", "/member/certificates/{id}/pdf", Access::kMember, {}, "下载PDF (?size=a4|card)", bind(pdf_mine)});
  router.add({"POST", "/member/certificates/{id}/print", Access::kMember, {}, "打印 on the kiosk printer → 202 {job}", bind(print_mine)});
  router.add({"GET", "/member/print-jobs/{id}", Access::kMember, {}, "One of the caller's print jobs", bind(job_mine)});
}

}  // namespace md::api
