#include "config/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

namespace md::config {
namespace {

// The state folder: systemd's StateDirectory= when run as a service, else the FHS default.
std::string state_dir() {
  const char* env = std::getenv("STATE_DIRECTORY");
  return env && *env ? std::string(env) : std::string("/var/lib/memberdesk");
}

std::string key_of(const KeySpec& k) { return k.section + "." + k.name; }

std::string render_value(const Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  std::ostringstream out;
  out << '"';
  for (char c : std::get<std::string>(v)) {
    if (c == '"' || c == '\\') out << '\\';
    out << c;
  }
  out << '"';
  return out.str();
}

}  // namespace

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> keys = {
      {"http", "listen", std::string("127.0.0.1:8080"),
       "Address and port to listen on (IPv4). Use 0.0.0.0:8080 to serve office browsers on the LAN.",
       0, 0},
      {"http", "webui_dir", std::string("/usr/share/memberdesk/webui"),
       "Folder of the static web UI served at /.", 0, 0},
      {"http", "threads", int64_t{8}, "Worker threads serving requests.", 1, 64},
      {"store", "database", std::string("/var/lib/memberdesk/memberdesk.db"),
       "SQLite database file (created on first start).", 0, 0},
      {"store", "backup_dir", std::string("/var/lib/memberdesk/backups"),
       "Folder for automatic pre-migration backups and `memberdeskctl backup`.", 0, 0},
      {"session", "idle_timeout_s", int64_t{1800},
       "A session ends after this many seconds without a request.", 60, 86400},
      {"session", "absolute_timeout_s", int64_t{43200},
       "A session ends this many seconds after login, whatever its use.", 300, 604800},
      {"kiosk", "idle_reset_s", int64_t{120},
       "Kiosk screens log out and return home after this many seconds without a touch.", 30, 3600},
      {"kiosk", "idle_warning_s", int64_t{20},
       "Seconds of visible countdown before the idle reset.", 5, 120},
      {"auth", "lockout_threshold", int64_t{5},
       "Failed logins on one login id before further attempts are refused.", 1, 100},
      {"auth", "lockout_base_s", int64_t{30},
       "First refusal period in seconds; it doubles with each further failure.", 1, 3600},
      {"auth", "lockout_max_s", int64_t{3600}, "Longest refusal period in seconds.", 1, 86400},
      {"auth", "address_lockout_threshold", int64_t{50},
       "Failed logins from one client address before it is refused too (the kiosk is one "
       "address for everybody, so this is set higher).",
       1, 10000},
  };
  return keys;
}

Config Config::defaults() {
  Config c;
  for (const auto& k : schema()) c.values_[key_of(k)] = k.default_value;
  const std::string dir = state_dir();
  c.values_["store.database"] = dir + "/memberdesk.db";
  c.values_["store.backup_dir"] = dir + "/backups";
  return c;
}

Result<Config> Config::load_string(const std::string& text) {
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "config: " << e.description() << " at line " << e.source().begin.line;
    return make_error(ErrorKind::kInvalidArgument, "config_parse", msg.str());
  }
  Config c = defaults();
  for (const auto& [section_key, section_node] : table) {
    const std::string section(section_key.str());
    const toml::table* section_table = section_node.as_table();
    if (!section_table)
      return make_error(ErrorKind::kInvalidArgument, "config_key",
                        "config: '" + section + "' must be a table");
    for (const auto& [name_key, node] : *section_table) {
      const std::string key = section + "." + std::string(name_key.str());
      const KeySpec* spec = nullptr;
      for (const auto& k : schema())
        if (key_of(k) == key) spec = &k;
      if (!spec)
        return make_error(ErrorKind::kInvalidArgument, "config_key",
                          "config: unknown key '" + key + "'");
      if (std::holds_alternative<int64_t>(spec->default_value)) {
        auto v = node.value<int64_t>();
        if (!v || !node.is_integer())
          return make_error(ErrorKind::kInvalidArgument, "config_type",
                            "config: '" + key + "' must be an integer");
        if (*v < spec->min || *v > spec->max)
          return make_error(ErrorKind::kInvalidArgument, "config_range",
                            "config: '" + key + "' must be between " + std::to_string(spec->min) +
                                " and " + std::to_string(spec->max));
        c.values_[key] = *v;
      } else if (std::holds_alternative<bool>(spec->default_value)) {
        if (!node.is_boolean())
          return make_error(ErrorKind::kInvalidArgument, "config_type",
                            "config: '" + key + "' must be true or false");
        c.values_[key] = *node.value<bool>();
      } else {
        if (!node.is_string() || node.value<std::string>()->empty())
          return make_error(ErrorKind::kInvalidArgument, "config_type",
                            "config: '" + key + "' must be a non-empty string");
        c.values_[key] = *node.value<std::string>();
      }
    }
  }
  return c;
}

Result<Config> Config::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::kNotFound, "config_missing", "config: cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return load_string(buf.str());
}

const std::string& Config::str(const std::string& key) const {
  return std::get<std::string>(values_.at(key));
}
int64_t Config::integer(const std::string& key) const { return std::get<int64_t>(values_.at(key)); }
bool Config::boolean(const std::string& key) const { return std::get<bool>(values_.at(key)); }

std::string render_default_toml() {
  std::ostringstream out;
  out << "# Member Desk configuration (/etc/memberdesk/memberdesk.toml).\n"
      << "# Every key is optional: a missing key, or a missing file, means the default shown.\n";
  std::string section;
  for (const auto& k : schema()) {
    if (k.section != section) {
      section = k.section;
      out << "\n[" << section << "]\n";
    }
    out << "# " << k.help;
    if (std::holds_alternative<int64_t>(k.default_value))
      out << " (" << k.min << "–" << k.max << ")";
    out << "\n" << k.name << " = " << render_value(k.default_value) << "\n";
  }
  return out.str();
}

}  // namespace md::config
