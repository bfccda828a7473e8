#include <doctest/doctest.h>

#include "config/config.h"

using md::config::Config;

TEST_CASE("config defaults match the schema and serve 127.0.0.1:8080") {
  Config c = Config::defaults();
  CHECK(c.str("http.listen") == "127.0.0.1:8080");
  CHECK(c.integer("kiosk.idle_reset_s") == 120);
  CHECK(c.integer("auth.lockout_threshold") == 5);
  for (const auto& k : md::config::schema()) CHECK_FALSE(k.help.empty());
}

TEST_CASE("config file overrides defaults and keeps the rest") {
  auto c = Config::load_string("[http]\nlisten = \"0.0.0.0:9090\"\n[kiosk]\nidle_reset_s = 300\n");
  REQUIRE(c.ok());
  CHECK(c->str("http.listen") == "0.0.0.0:9090");
  CHECK(c->integer("kiosk.idle_reset_s") == 300);
  CHECK(c->integer("kiosk.idle_warning_s") == 20);
}

TEST_CASE("config rejects unknown keys and wrong types and out-of-range values") {
  CHECK(Config::load_string("[http]\nlisen = \"x\"\n").error().code == "config_key");
  CHECK(Config::load_string("[http]\nthreads = \"8\"\n").error().code == "config_type");
  CHECK(Config::load_string("[http]\nthreads = 0\n").error().code == "config_range");
  CHECK(Config::load_string("[kiosk]\nidle_reset_s = 5\n").error().code == "config_range");
  CHECK(Config::load_string("listen = 1\n").error().code == "config_key");
  CHECK(Config::load_string("[http\n").error().code == "config_parse");
}

TEST_CASE("printed default config parses back to the defaults") {
  const std::string text = md::config::render_default_toml();
  auto c = Config::load_string(text);
  REQUIRE(c.ok());
  for (const auto& k : md::config::schema()) {
    const std::string key = k.section + "." + k.name;
    CHECK(text.find(k.help) != std::string::npos);
    if (std::holds_alternative<int64_t>(k.default_value))
      CHECK(c->integer(key) == std::get<int64_t>(k.default_value));
  }
  CHECK(c->str("store.database") == "/var/lib/memberdesk/memberdesk.db");
}
