// Word-level checks shared by the scenario command parsers. Every loop walks a word or
// a word list once.
#include "sim/scenario/scenario_parse_support.h"

#include <filesystem>
#include <algorithm>
#include <array>
#include "core/invariant.h"

#include <fmt/format.h>

#include "sim/text/duration.h"
#include "sim/text/text_words.h"

namespace zk::sim::parse {
namespace {

bool contains(const std::vector<std::string_view>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_flag_word(const Word& word) {
  return !word.quoted && word.text.size() >= 2 && word.text[0] == '-' && is_letter(word.text[1]);
}

bool looks_like_integer(std::string_view word) {
  if (!word.empty() && word.front() == '-') word.remove_prefix(1);
  return !word.empty() && std::all_of(word.begin(), word.end(), is_digit);
}

constexpr std::array<std::string_view, 12> kClientOpWords{"create", "get",   "set",     "ls",     "stat",
                                                           "delete", "sync",  "close",   "multi",  "addauth",
                                                           "setAcl", "getAcl"};

// Words a client name may not be: every command and sub-command word of the language.
constexpr std::array<std::string_view, 48> kReservedWords{
    "cluster", "config", "start", "kill", "restart", "pause", "resume", "partition",
    "heal", "network", "run", "until", "client", "connect", "expect", "leader",
    "state", "converged", "epoch", "zxid", "ok", "error", "data", "created",
    "children", "event", "no-event", "stat", "create", "get", "set", "ls",
    "delete", "sync", "close", "hold", "drop", "release", "disk", "clients", "violation",
    "crash", "multi", "addauth", "setAcl", "getAcl", "acl", "wire"};

}  // namespace

std::string take_options(std::vector<Word>& words, const std::vector<std::string_view>& known_keys,
                         std::string_view usage, Options& options) {
  std::vector<Word> kept;
  kept.reserve(words.size());
  for (Word& word : words) {
    const size_t equals = word.quoted ? std::string::npos : word.text.find('=');
    if (equals == std::string::npos || equals == 0) {
      kept.push_back(std::move(word));
      continue;
    }
    const std::string key = word.text.substr(0, equals);
    const std::string value = word.text.substr(equals + 1);
    if (!contains(known_keys, key)) {
      return fmt::format("unknown option '{}' (usage: {})", word_for_message(word.text), usage);
    }
    if (value.empty()) return fmt::format("missing value in option '{}' (usage: {})", word_for_message(word.text), usage);
    if (options.count(key) != 0) return fmt::format("option '{}' given twice", key);
    options.emplace(key, value);
  }
  words = std::move(kept);
  return "";
}

std::string take_flags(std::vector<Word>& words, const std::vector<std::string_view>& plain_flags,
                       const std::vector<std::string_view>& value_flags, std::string_view usage,
                       Flags& flags) {
  std::vector<Word> kept;
  kept.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    if (!is_flag_word(words[i])) {
      kept.push_back(std::move(words[i]));
      continue;
    }
    const std::string flag = words[i].text;
    const bool takes_value = contains(value_flags, flag);
    if (!takes_value && !contains(plain_flags, flag)) {
      return fmt::format("unknown option '{}' (usage: {})", word_for_message(flag), usage);
    }
    if (flags.count(flag) != 0) return fmt::format("option '{}' given twice", flag);
    std::string value;
    if (takes_value) {
      if (i + 1 >= words.size()) {
        return fmt::format("missing value after '{}' (usage: {})", flag, usage);
      }
      ++i;
      value = words[i].text;
    }
    flags.emplace(flag, std::move(value));
  }
  words = std::move(kept);
  return "";
}

std::string check_arity(const std::vector<Word>& words, const std::vector<std::string_view>& required,
                        size_t optional_count, std::string_view usage) {
  if (words.size() < required.size()) {
    return fmt::format("missing {} (usage: {})", required[words.size()], usage);
  }
  if (words.size() > required.size() + optional_count) {
    return fmt::format("extra argument '{}' (usage: {})",
                       word_for_message(words[required.size() + optional_count].text), usage);
  }
  return "";
}

std::string parse_server_ref(std::string_view word, int server_count, ServerRef& out) {
  ZK_INVARIANT(server_count >= 1);
  if (word == "leader") {
    out = ServerRef{.is_leader = true, .id = 0};
    return "";
  }
  if (!looks_like_integer(word)) {
    return fmt::format("bad server id '{}' (expected 1..{} or leader)", word_for_message(word), server_count);
  }
  const std::optional<int64_t> id = parse_decimal_i64(word);
  if (!id || *id < 1 || *id > server_count) {
    return fmt::format("server id {} is out of range 1..{}", word_for_message(word), server_count);
  }
  out = ServerRef{.is_leader = false, .id = static_cast<int>(*id)};
  return "";
}

std::string parse_partition_member(std::string_view word, const Context& context, PartitionMember& out) {
  if (word == "leader" || looks_like_integer(word)) {
    out.is_client = false;
    return parse_server_ref(word, context.server_count, out.server);
  }
  if (context.clients.find(word) == context.clients.end()) {
    if (!check_client_name(word).empty()) {
      return fmt::format("bad partition member '{}' (a server id, leader, or a client name)",
                         word_for_message(word));
    }
    return unknown_client_error(word);
  }
  out.is_client = true;
  out.client = std::string(word);
  return "";
}

std::string check_client_name(std::string_view name) {
  const bool well_formed =
      !name.empty() && name.size() <= 64 && is_letter(name.front()) &&
      std::all_of(name.begin(), name.end(),
                  [](char c) { return is_letter(c) || is_digit(c) || c == '_' || c == '-'; });
  if (!well_formed) {
    return fmt::format("bad client name '{}' (a letter, then letters, digits, '_' or '-'; at most 64)",
                       word_for_message(name));
  }
  if (std::find(kReservedWords.begin(), kReservedWords.end(), name) != kReservedWords.end()) {
    return fmt::format("client name '{}' is a reserved word", name);
  }
  return "";
}

std::string unknown_client_error(std::string_view name) {
  const std::string shown = word_for_message(name);
  return fmt::format("unknown client '{}' (connect it first with: client {} connect ID)", shown, shown);
}

bool is_client_op_word(std::string_view word) {
  return std::find(kClientOpWords.begin(), kClientOpWords.end(), word) != kClientOpWords.end();
}

std::string check_path(std::string_view path, bool sequential) {
  if (path.empty() || path.front() != '/') {
    return fmt::format("bad path '{}' (a path starts with '/', e.g. /app)", word_for_message(path));
  }
  // Like ZooKeeper, a sequential path is checked with its suffix in place.
  const std::string full = sequential ? std::string(path) + "0" : std::string(path);
  if (full.size() == 1) return "";
  if (full.back() == '/') return fmt::format("bad path '{}' (it ends with '/')", word_for_message(path));
  size_t start = 1;
  while (start <= full.size()) {
    size_t end = full.find('/', start);
    if (end == std::string::npos) end = full.size();
    const std::string_view name = std::string_view(full).substr(start, end - start);
    if (name.empty()) return fmt::format("bad path '{}' (empty node name)", word_for_message(path));
    if (name == "." || name == "..") {
      return fmt::format("bad path '{}' ('.' and '..' are not node names)", word_for_message(path));
    }
    start = end + 1;
  }
  return "";
}

std::string parse_positive_duration(std::string_view option_word, std::string_view value, int64_t& out_us) {
  const DurationResult duration = parse_duration_us(value);
  if (!duration.ok()) return duration.error;
  if (duration.duration_us == 0) return fmt::format("{} must be above zero", option_word);
  out_us = duration.duration_us;
  return "";
}

std::string parse_seed(std::string_view value, uint64_t& out) {
  std::optional<uint64_t> seed = parse_decimal_u64(value);
  if (!seed) seed = parse_hex_u64(value);
  if (!seed) {
    return fmt::format("bad seed '{}' (expected a number from 0 to 18446744073709551615)",
                       word_for_message(value));
  }
  out = *seed;
  return "";
}

std::string parse_probability_ppm(std::string_view key, std::string_view value, int64_t& out_ppm) {
  const std::string bad = fmt::format(
      "bad probability '{}' for {} (use a percentage like 5% or a fraction like 0.05, at most 100%)",
      word_for_message(value), key);
  std::string_view number = value;
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number.remove_suffix(1);
  const size_t dot = number.find('.');
  const std::string_view whole = number.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  // ppm per unit of the whole part, and the most fraction digits that stay exact.
  const int64_t unit_ppm = percent ? 10'000 : 1'000'000;
  const size_t fraction_digits_max = percent ? 4 : 6;
  if (whole.empty() || fraction.size() > fraction_digits_max ||
      (dot != std::string_view::npos && fraction.empty()) ||
      !std::all_of(fraction.begin(), fraction.end(), is_digit)) {
    return bad;
  }
  const std::optional<uint64_t> whole_value = parse_decimal_u64(whole);
  if (!whole_value || *whole_value > static_cast<uint64_t>(1'000'000 / unit_ppm)) return bad;
  int64_t fraction_ppm = 0;
  int64_t place_ppm = unit_ppm;
  for (const char c : fraction) {
    place_ppm /= 10;
    fraction_ppm += (c - '0') * place_ppm;
  }
  const int64_t ppm = static_cast<int64_t>(*whole_value) * unit_ppm + fraction_ppm;
  if (ppm > 1'000'000) return bad;
  out_ppm = ppm;
  return "";
}

std::string format_probability(int64_t ppm) {
  ZK_INVARIANT(ppm >= 0 && ppm <= 1'000'000);
  std::string text = fmt::format("{}.{:04}", ppm / 10'000, ppm % 10'000);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "%";
}

std::string resolve_scenario_path(const std::string& scenario_file, const std::string& path) {
  const std::filesystem::path written(path);
  if (written.is_absolute()) return written.lexically_normal().string();
  const std::filesystem::path base = std::filesystem::path(scenario_file).parent_path();
  return (base / written).lexically_normal().string();
}

}  // namespace zk::sim::parse
