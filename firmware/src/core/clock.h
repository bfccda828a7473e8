// UTC instants as stored ("YYYY-MM-DDTHH:MM:SSZ") and as Unix seconds, and the Asia/Shanghai
// wall-clock forms the gateways want. China has had no daylight saving time since 1991, so
// Shanghai time is UTC+8 throughout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace md::core {

int64_t now_unix();
std::string unix_to_iso(int64_t t);                      // "2026-12-03T06:00:00Z"
std::optional<int64_t> iso_to_unix(std::string_view iso);  // the stored form only
std::string unix_to_shanghai(int64_t t, const char* strftime_format);  // e.g. "%Y-%m-%d %H:%M:%S"
// RFC 3339 with the +08:00 offset, as WeChat Pay's time_expire: "2026-12-03T14:00:00+08:00".
std::string unix_to_rfc3339_shanghai(int64_t t);

}  // namespace md::core
