// Checked number parsing on top of std::from_chars, and word rendering for messages and
// for canonical scenario text.
#include "sim/text/text_words.h"

#include <charconv>

#include <fmt/format.h>

namespace zk::sim {
namespace {

template <typename T>
std::optional<T> parse_whole(std::string_view text, int base) {
  if (text.empty()) return std::nullopt;
  T value{};
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, value, base);
  if (error != std::errc() || end != last) return std::nullopt;
  return value;
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

std::optional<int64_t> parse_decimal_i64(std::string_view text) {
  // from_chars rejects '+' and accepts one leading '-', which is what we want.
  return parse_whole<int64_t>(text, 10);
}

std::optional<uint64_t> parse_decimal_u64(std::string_view text) {
  if (!text.empty() && text.front() == '-') return std::nullopt;
  return parse_whole<uint64_t>(text, 10);
}

std::optional<uint64_t> parse_hex_u64(std::string_view text) {
  if (text.size() < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return std::nullopt;
  const std::string_view digits = text.substr(2);
  if (digits.size() > 16) return std::nullopt;
  for (const char c : digits) {
    if (!is_hex_digit(c)) return std::nullopt;
  }
  return parse_whole<uint64_t>(digits, 16);
}

std::string word_for_message(std::string_view word) {
  const bool cut = word.size() > kMessageWordBytesMax;
  const std::string_view shown = cut ? word.substr(0, kMessageWordBytesMax) : word;
  std::string out;
  out.reserve(shown.size() + 8);
  for (const char c : shown) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  if (cut) out += "...";
  return out;
}

std::string_view skip_utf8_bom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

std::string escape_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

bool is_bare_word(std::string_view word) {
  if (word.empty() || word.front() == '-') return false;
  if (word == ";") return false;  // separates the ops of a multi
  for (const char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return false;
    if (c == '"' || c == '\\' || c == '#' || c == '|' || c == '=') return false;
  }
  return true;
}

std::string word_for_scenario(std::string_view word) {
  if (is_bare_word(word)) return std::string(word);
  std::string out = "\"";
  for (const char c : word) {
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace zk::sim
