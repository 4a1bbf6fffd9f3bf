// Text helpers shared by the scenario parser and the zoo.cfg reader: checked integer
// parsing (whole word or nothing, never overflowing), rendering a word safely inside an
// error message (control bytes escaped, long words cut), and rendering a word back to
// scenario syntax (bare when that reads back the same, else double-quoted with escapes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zk::sim {

// Longest part of a word that error messages repeat; the rest becomes "...".
inline constexpr size_t kMessageWordBytesMax = 64;

// Decimal integer, optional leading '-', nothing else; nullopt on junk or overflow.
std::optional<int64_t> parse_decimal_i64(std::string_view text);
// Decimal integer without sign; nullopt on junk or overflow.
std::optional<uint64_t> parse_decimal_u64(std::string_view text);
// "0x" or "0X" followed by 1..16 hex digits; nullopt otherwise.
std::optional<uint64_t> parse_hex_u64(std::string_view text);

// The word as an error message shows it (callers add the surrounding quotes).
std::string word_for_message(std::string_view word);

// A whole message (or a value in it, such as znode data) made safe for one line of output:
// control bytes as C-style escapes (\n, \r, \t, else \xNN), everything else unchanged.
// Messages shown to the user pass through it, so data holding a newline cannot split a
// FAILED line in two.
std::string escape_for_message(std::string_view text);

// The text without a leading UTF-8 byte order mark (EF BB BF), which editors on Windows
// write; lines and byte offsets after it are unchanged in meaning.
std::string_view skip_utf8_bom(std::string_view text);

// True when `word` can be written without quotes and reads back as the same word in
// any argument position (no spaces, quotes, '#', '|', '=', leading '-', ...).
bool is_bare_word(std::string_view word);
// The word in scenario syntax: bare when is_bare_word, else "..." with \" \\ \n escapes.
std::string word_for_scenario(std::string_view word);

}  // namespace zk::sim
