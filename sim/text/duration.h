// Durations in scenario text: an integer with a unit, us, ms, s or m ("200ms", "2s"),
// parsed to integer microseconds of virtual time, and ranges "1ms..5ms" for link
// latency. No unit is an error. Values above kDurationUsMax are rejected, which keeps
// every sum a runner makes of a scenario's durations far from int64 overflow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zk::sim {

// 1,000,000 s (about 11.6 days) of virtual time.
inline constexpr int64_t kDurationUsMax = 1'000'000'000'000;

struct DurationResult {
  int64_t duration_us = 0;
  std::string error;  // message without FILE:LINE; empty on success
  bool ok() const { return error.empty(); }
};

struct DurationRangeResult {
  int64_t min_us = 0;
  int64_t max_us = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

DurationResult parse_duration_us(std::string_view text);
// "A..B" with A <= B, or a single duration meaning A == B.
DurationRangeResult parse_duration_range_us(std::string_view text);

// Canonical text: the largest unit that divides the value exactly ("2s", "1500ms", "0s").
std::string format_duration(int64_t duration_us);

}  // namespace zk::sim
