// The daemon's configuration: one TOML file described by one schema (defaults, help, limits).
// The schema drives parsing, validation, `memberdesk --print-config` and README's table.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace md::config {

using Value = std::variant<int64_t, std::string, bool>;

struct KeySpec {
  std::string section;  // TOML table, e.g. "http"
  std::string name;     // key inside it, e.g. "listen"
  Value default_value;
  std::string help;     // one line for operators (English)
  int64_t min = 0;      // integer keys only
  int64_t max = 0;
};

// Every key the daemon understands, in documentation order.
const std::vector<KeySpec>& schema();

// Values for every schema key: the file's where given, defaults elsewhere.
class Config {
 public:
  // Defaults only (what an absent file means). State paths follow $STATE_DIRECTORY when set.
  static Config defaults();
  // Reads a TOML file; unknown keys, wrong types and out-of-range numbers are errors.
  static Result<Config> load_file(const std::string& path);
  static Result<Config> load_string(const std::string& toml_text);

  const std::string& str(const std::string& key) const;  // "section.name"
  int64_t integer(const std::string& key) const;
  bool boolean(const std::string& key) const;
  void set(const std::string& key, Value v) { values_[key] = std::move(v); }

 private:
  std::map<std::string, Value> values_;
};

// The documented default file: every key with its help text as a comment.
std::string render_default_toml();

}  // namespace md::config
