// Checked decimal parsing for command-line options (see cli_numbers.h).
#include "app/cli_numbers.h"

#include <fmt/format.h>

#include <optional>

#include "sim/text/text_words.h"

namespace zk::app {
namespace {

// The value as a message repeats it: control bytes escaped, long values cut.
std::string shown(std::string_view text) { return sim::word_for_message(text); }

}  // namespace

std::string parse_number_option(std::string_view option, std::string_view text, uint64_t min, uint64_t max,
                                uint64_t& out) {
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  const std::optional<uint64_t> value = digits ? sim::parse_decimal_u64(text) : std::nullopt;
  if (!value || *value < min || *value > max) {
    return fmt::format("{} needs a whole number in {}..{}, saw '{}'", option, min, max, shown(text));
  }
  out = *value;
  return {};
}

std::string parse_number_option(std::string_view option, std::string_view text, int min, int max, int& out) {
  uint64_t value = 0;
  std::string error = parse_number_option(option, text, static_cast<uint64_t>(min), static_cast<uint64_t>(max), value);
  if (error.empty()) out = static_cast<int>(value);
  return error;
}

std::string parse_range_option(std::string_view option, std::string_view text, uint64_t min, uint64_t max,
                               uint64_t& first, uint64_t& last) {
  const size_t dots = text.find("..");
  const auto number = [](std::string_view part) -> std::optional<uint64_t> {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    return sim::parse_decimal_u64(part);
  };
  const std::optional<uint64_t> a = dots == std::string_view::npos ? std::nullopt : number(text.substr(0, dots));
  const std::optional<uint64_t> b = dots == std::string_view::npos ? std::nullopt : number(text.substr(dots + 2));
  if (!a || !b || *a < min || *b > max || *a > *b) {
    return fmt::format("{} needs A..B with whole numbers {} <= A <= B <= {}, saw '{}'", option, min, max, shown(text));
  }
  first = *a;
  last = *b;
  return {};
}

}  // namespace zk::app
