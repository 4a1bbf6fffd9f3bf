// Duration parsing: digits, then a unit; overflow is checked before multiplying.
#include "sim/text/duration.h"

#include <array>
#include "core/invariant.h"

#include <fmt/format.h>

#include "sim/text/text_words.h"

namespace zk::sim {
namespace {

struct Unit {
  std::string_view name;
  int64_t us;
};

// Largest first, so that format_duration picks the largest unit that divides exactly.
constexpr std::array<Unit, 4> kUnits{{{"m", 60'000'000}, {"s", 1'000'000}, {"ms", 1'000}, {"us", 1}}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

DurationResult parse_duration_us(std::string_view text) {
  DurationResult out;
  size_t digit_count = 0;
  while (digit_count < text.size() && is_digit(text[digit_count])) ++digit_count;
  const std::string_view digits = text.substr(0, digit_count);
  const std::string_view unit_name = text.substr(digit_count);
  if (digits.empty()) {
    out.error = fmt::format("bad duration '{}' (use a whole number and a unit: us, ms, s or m, e.g. 200ms)",
                            word_for_message(text));
    return out;
  }
  if (unit_name.empty()) {
    out.error = fmt::format("missing unit in duration '{}' (use us, ms, s or m)", word_for_message(text));
    return out;
  }
  const Unit* unit = nullptr;
  for (const Unit& candidate : kUnits) {
    if (candidate.name == unit_name) unit = &candidate;
  }
  if (unit == nullptr) {
    out.error = fmt::format("unknown unit '{}' in duration '{}' (use us, ms, s or m)",
                            word_for_message(unit_name), word_for_message(text));
    return out;
  }
  const std::optional<uint64_t> count = parse_decimal_u64(digits);
  const uint64_t limit = static_cast<uint64_t>(kDurationUsMax / unit->us);
  if (!count || *count > limit) {
    out.error = fmt::format("duration '{}' is too large (at most {}s)", word_for_message(text),
                            kDurationUsMax / 1'000'000);
    return out;
  }
  out.duration_us = static_cast<int64_t>(*count) * unit->us;
  ZK_INVARIANT(out.duration_us >= 0 && out.duration_us <= kDurationUsMax);
  return out;
}

DurationRangeResult parse_duration_range_us(std::string_view text) {
  DurationRangeResult out;
  const size_t dots = text.find("..");
  const std::string_view low_text = dots == std::string_view::npos ? text : text.substr(0, dots);
  const std::string_view high_text = dots == std::string_view::npos ? text : text.substr(dots + 2);
  const DurationResult low = parse_duration_us(low_text);
  if (!low.ok()) {
    out.error = low.error;
    return out;
  }
  const DurationResult high = parse_duration_us(high_text);
  if (!high.ok()) {
    out.error = high.error;
    return out;
  }
  if (low.duration_us > high.duration_us) {
    out.error = fmt::format("range '{}' has its minimum above its maximum", word_for_message(text));
    return out;
  }
  out.min_us = low.duration_us;
  out.max_us = high.duration_us;
  return out;
}

std::string format_duration(int64_t duration_us) {
  ZK_INVARIANT(duration_us >= 0);
  if (duration_us == 0) return "0s";
  for (const Unit& unit : kUnits) {
    if (duration_us % unit.us == 0) return fmt::format("{}{}", duration_us / unit.us, unit.name);
  }
  return fmt::format("{}us", duration_us);
}

}  // namespace zk::sim
