// Numeric option values of the zksim subcommands: one checked parser, so that every
// option refuses a bad value the same way, with one line that names the option, the value
// as given and the accepted range ("--nodes needs a whole number in 1..10000000, saw '-1'").
// Values are plain decimal digits (no sign, no spaces, no exponent); nothing overflows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zk::app {

// Parses text as a whole number in [min, max]. Returns "" and sets out, or the message.
std::string parse_number_option(std::string_view option, std::string_view text, uint64_t min, uint64_t max,
                                uint64_t& out);
// The same for int-sized options (max must fit an int).
std::string parse_number_option(std::string_view option, std::string_view text, int min, int max, int& out);

// "A..B" with both ends whole numbers in [min, max] and A <= B.
std::string parse_range_option(std::string_view option, std::string_view text, uint64_t min, uint64_t max,
                               uint64_t& first, uint64_t& last);

}  // namespace zk::app
