// bench_certificate: the 会员证 renderer and the verifier's QR decode, in process.
//
// 1. Renders the A4 certificate PDF and its 96 dpi PNG preview N times each (default 200) with
//    varying realistic Chinese names (persons and agencies, from the demo name generator) and a
//    realistic signed verification URL; prints median and p99 (goals: PDF < 50 ms, PNG < 80 ms).
// 2. A phone photo of the certificate: the ID-1 card PNG, rotated by ~10°, scaled and with
//    sensor noise on a grey 1920 x 1080 frame; times md::qr::decode_grey over it (goal median
//    and p99 < 100 ms) and checks that it reads the URL. The whole A4 page in the same frame is
//    timed too, for information (its modules are ~1.5 px wide there).
//
//   bench_certificate [--n N] [--decodes N] [--frame-out FILE.png]
//
// Figures, not a test: exits 0 when a goal is missed (prints MISS), 1 only if set-up fails.
#include <cairo.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "demo/chinese_names.h"
#include "memberdesk/printer/certificate.h"
#include "memberdesk/qr/qr.h"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_certificate: %s\n", what.c_str());
  std::exit(1);
}

struct Stats {
  double median = 0, p99 = 0, max = 0;
};

Stats stats(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const size_t n = ms.size();
  const size_t p99 = static_cast<size_t>(std::ceil(0.99 * static_cast<double>(n))) - 1;
  return {ms[n / 2], ms[std::min(p99, n - 1)], ms.back()};
}

template <typename F>
double time_ms(F&& f) {
  const auto t0 = Clock::now();
  f();
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string base64url(size_t n, std::mt19937_64& rng) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kAlphabet[rng() % 64];
  return s;
}

md::printer::CertificateFacts facts(md::demo::NameGenerator& gen, int i) {
  md::printer::CertificateFacts f;
  const bool agency = i % 3 == 0;
  f.member_name = agency ? gen.agency_name(md::demo::city_for_province(gen.random_province()))
                         : gen.person_name();
  f.member_type_label = agency ? "团体会员（专利代理机构）" : "个人会员（专利代理师）";
  char no[32];
  std::snprintf(no, sizeof no, "%s-2025-%06d", agency ? "TT" : "GR", 1000 + i);
  f.member_no = no;
  std::snprintf(no, sizeof no, "HYZ-2025-%06d", 20000 + i);
  f.cert_no = no;
  f.version = 1 + i % 2;
  f.valid_until = "2026-12-31";
  f.issued_on = "2025-03-01";
  f.qr_text = "http://127.0.0.1:8080/#/verify?d=" + base64url(200, gen.rng()) + "&s=" +
              base64url(86, gen.rng());
  return f;
}

cairo_surface_t* surface_from_png(const std::vector<uint8_t>& png) {
  struct Reader {
    const std::vector<uint8_t>* data;
    size_t at;
  } reader{&png, 0};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* c, unsigned char* out, unsigned int n) {
        auto* r = static_cast<Reader*>(c);
        if (r->at + n > r->data->size()) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(out, r->data->data() + r->at, n);
        r->at += n;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) die("cannot read the certificate PNG");
  return s;
}

// A grey 1920 x 1080 "camera frame": the image rotated by `degrees`, scaled to `height_px`
// tall, on a darker desk with uneven light and Gaussian sensor noise.
std::vector<uint8_t> camera_frame(const std::vector<uint8_t>& png, double degrees,
                                  double height_px, std::mt19937_64& rng, const char* out_path) {
  constexpr int W = 1920, H = 1080;
  cairo_surface_t* cert = surface_from_png(png);
  cairo_surface_t* frame = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
  cairo_t* cr = cairo_create(frame);
  cairo_set_source_rgb(cr, 0.32, 0.30, 0.28);
  cairo_paint(cr);
  const double scale = height_px / cairo_image_surface_get_height(cert);
  cairo_translate(cr, W / 2.0 + 40, H / 2.0 - 10);
  cairo_rotate(cr, degrees * M_PI / 180);
  cairo_scale(cr, scale, scale);
  cairo_translate(cr, -cairo_image_surface_get_width(cert) / 2.0,
                  -cairo_image_surface_get_height(cert) / 2.0);
  cairo_set_source_surface(cr, cert, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(frame);
  if (out_path) cairo_surface_write_to_png(frame, out_path);

  std::normal_distribution<double> noise(0, 9);  // figures only: library-specific is fine here
  std::vector<uint8_t> grey(static_cast<size_t>(W) * H);
  const unsigned char* data = cairo_image_surface_get_data(frame);
  const int stride = cairo_image_surface_get_stride(frame);
  for (int y = 0; y < H; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < W; ++x) {
      const uint32_t p = row[x];
      const double lum = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
      const double light = 0.80 + 0.2 * (1.0 - std::hypot(x - W * 0.3, y - H * 0.2) / W);
      grey[static_cast<size_t>(y) * W + x] =
          static_cast<uint8_t>(std::clamp(lum * light + noise(rng), 0.0, 255.0));
    }
  }
  cairo_surface_destroy(frame);
  cairo_surface_destroy(cert);
  return grey;
}

const char* verdict(double v, double goal) { return v < goal ? "OK" : "MISS"; }

}  // namespace

int main(int argc, char** argv) {
  int n = 200, decodes = 60;
  const char* frame_out = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--n") && i + 1 < argc) n = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--decodes") && i + 1 < argc) decodes = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--frame-out") && i + 1 < argc) frame_out = argv[++i];
    else die(std::string("unknown argument ") + argv[i]);
  }
  if (n < 1 || decodes < 1) die("--n and --decodes must be >= 1");

  md::demo::NameGenerator gen(20250301);
  std::vector<md::printer::CertificateFacts> all;
  for (int i = 0; i < n; ++i) all.push_back(facts(gen, i));
  const auto a4 = md::printer::a4();

  // Warm-up: fontconfig and pango caches are built on the first render.
  double first_ms = time_ms([&] {
    if (!md::printer::render_certificate_pdf(all[0], a4).ok()) die("PDF render failed");
  });
  std::vector<double> pdf_ms, png_ms;
  size_t pdf_bytes_max = 0;
  for (const auto& f : all) {
    pdf_ms.push_back(time_ms([&] {
      auto pdf = md::printer::render_certificate_pdf(f, a4);
      if (!pdf.ok()) die("PDF render failed: " + pdf.error().message);
      pdf_bytes_max = std::max(pdf_bytes_max, pdf->size());
    }));
  }
  for (const auto& f : all) {
    png_ms.push_back(time_ms([&] {
      if (!md::printer::render_certificate_png(f, a4, 96).ok()) die("PNG render failed");
    }));
  }
  const Stats pdf = stats(pdf_ms), png = stats(png_ms);

  // The verifier's side: photos of the ID-1 card (goal) and of the whole A4 page (information).
  std::mt19937_64 rng(7);
  const md::printer::CertificateFacts& f = all[all.size() > 1 ? 1 : 0];  // the long agency name when there is one
  auto card_png = md::printer::render_certificate_png(f, md::printer::card_mm(85.6, 54), 300);
  auto page_png = md::printer::render_certificate_png(f, a4, 150);
  if (!card_png.ok() || !page_png.ok()) die("PNG render for the camera frame failed");
  std::vector<std::vector<uint8_t>> card_frames, page_frames;
  for (double deg : {10.0, 8.0, 12.0}) {
    card_frames.push_back(camera_frame(*card_png, deg, 600, rng,
                                       card_frames.empty() ? frame_out : nullptr));
    page_frames.push_back(camera_frame(*page_png, deg, 1000, rng, nullptr));
  }
  auto time_decodes = [&](const std::vector<std::vector<uint8_t>>& frames, int& read_ok) {
    std::vector<double> ms;
    read_ok = 0;
    for (int i = 0; i < decodes; ++i) {
      const auto& frame = frames[static_cast<size_t>(i) % frames.size()];
      std::optional<std::string> text;
      ms.push_back(time_ms([&] { text = md::qr::decode_grey(frame.data(), 1920, 1080, 1920); }));
      if (text && *text == f.qr_text) ++read_ok;
    }
    return stats(ms);
  };
  int card_ok = 0, page_ok = 0;
  const Stats card = time_decodes(card_frames, card_ok);
  const Stats page = time_decodes(page_frames, page_ok);

  std::printf("== Certificate rendering (A4, %d varying names; first render %.1f ms) ==\n", n,
              first_ms);
  std::printf("  %-40s %10s %10s %10s %8s\n", "", "median", "p99", "max", "goal");
  std::printf("  %-40s %7.2f ms %7.2f ms %7.2f ms %8s  %s\n", "PDF (to bytes)", pdf.median,
              pdf.p99, pdf.max, "< 50 ms", verdict(pdf.p99, 50));
  std::printf("  %-40s %7.2f ms %7.2f ms %7.2f ms %8s  %s\n", "PNG preview 96 dpi", png.median,
              png.p99, png.max, "< 80 ms", verdict(png.p99, 80));
  std::printf("  largest PDF: %zu bytes\n", pdf_bytes_max);
  std::printf("== QR decode of a 1920x1080 grey camera frame (%d decodes, 3 frames, 8-12 deg) ==\n",
              decodes);
  std::printf("  %-40s %7.2f ms %7.2f ms %7.2f ms %8s  %s  read %d/%d\n",
              "ID-1 card, 600 px tall", card.median, card.p99, card.max, "< 100 ms",
              card_ok == decodes ? verdict(card.p99, 100) : "MISS", card_ok, decodes);
  std::printf("  %-40s %7.2f ms %7.2f ms %7.2f ms %8s  (info)  read %d/%d\n",
              "whole A4 page, 1000 px tall", page.median, page.p99, page.max, "-", page_ok,
              decodes);
  std::printf(
      "RESULT pdf_median_ms=%.2f pdf_p99_ms=%.2f png_median_ms=%.2f png_p99_ms=%.2f "
      "decode_median_ms=%.2f decode_p99_ms=%.2f decoded=%d/%d pdf_bytes=%zu\n",
      pdf.median, pdf.p99, png.median, png.p99, card.median, card.p99, card_ok, decodes,
      pdf_bytes_max);
  return 0;
}
