// The recorded-session lines that `zksim serve --record` writes (sim/gateway/live_recorder.h):
// `wire gateway`, `wire NAME open|send|eof|unread|forget`, `wire collect` and `expect wire NAME
// got N crc32=HEX`. Connection names follow the client-name rule; a connection is opened once,
// before its other lines. Bytes are lowercase or uppercase hex, two digits a byte.
#include <fmt/format.h>

#include <charconv>

#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"

namespace zk::sim::parse {
namespace {

constexpr std::string_view kWireUsage =
    "wire gateway [4lw=LIST] [maxbuffer=N] | wire NAME open ID from ADDR | wire NAME send HEX | "
    "wire NAME eof|unread|forget | wire collect";
constexpr std::string_view kExpectWireUsage = "expect wire NAME got N crc32=HEX";

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string parse_hex_bytes(std::string_view text, std::string& out) {
  if (text.empty() || text.size() % 2 != 0) {
    return fmt::format("'{}' is not hex bytes (two hex digits a byte)", word_for_message(std::string(text)));
  }
  out.clear();
  out.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_digit(text[i]);
    const int low = hex_digit(text[i + 1]);
    if (high < 0 || low < 0) return fmt::format("bad hex digit at character {} of the bytes", i + (high < 0 ? 1 : 2));
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return "";
}

template <typename T>
bool parse_whole(std::string_view text, T& out, int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string known_connection(const std::string& name, const Context& context) {
  if (context.wire_connections.find(name) == context.wire_connections.end()) {
    return fmt::format("wire connection '{}' was not opened (wire {} open ID from ADDR comes first)",
                       word_for_message(name), word_for_message(name));
  }
  return "";
}

std::string parse_gateway(std::vector<Word> args, Command& out) {
  Options options;
  if (std::string error = take_options(args, {"4lw", "maxbuffer"}, kWireUsage, options); !error.empty()) return error;
  if (!args.empty()) return fmt::format("unexpected '{}' (usage: {})", word_for_message(args[0].text), kWireUsage);
  Wire wire{.kind = Wire::Kind::kGateway};
  if (const auto it = options.find("4lw"); it != options.end()) {
    size_t begin = 0;
    const std::string& list = it->second;
    while (begin <= list.size()) {
      const size_t comma = std::min(list.find(',', begin), list.size());
      const std::string word = list.substr(begin, comma - begin);
      if (word.empty()) return "4lw: an empty word in the list";
      wire.four_letter_whitelist.push_back(word);
      begin = comma + 1;
    }
  }
  if (const auto it = options.find("maxbuffer"); it != options.end()) {
    if (!parse_whole(it->second, wire.max_buffer_bytes) || wire.max_buffer_bytes < 1) {
      return fmt::format("maxbuffer needs a positive whole number of bytes, saw '{}'", word_for_message(it->second));
    }
  }
  out = std::move(wire);
  return "";
}

}  // namespace

std::string parse_wire(std::vector<Word> args, Context& context, Command& out) {
  if (args.empty()) return fmt::format("missing what the wire line says (usage: {})", kWireUsage);
  const std::string first = args[0].text;
  args.erase(args.begin());
  if (first == "gateway") return parse_gateway(std::move(args), out);
  if (first == "collect") {
    if (!args.empty()) return fmt::format("unexpected '{}' after wire collect", word_for_message(args[0].text));
    out = Wire{.kind = Wire::Kind::kCollect};
    return "";
  }
  if (std::string error = check_client_name(first); !error.empty()) return error;
  if (args.empty()) return fmt::format("missing what connection '{}' did (usage: {})", first, kWireUsage);
  const std::string verb = args[0].text;
  args.erase(args.begin());
  Wire wire;
  wire.connection = first;
  if (verb == "open") {
    if (args.size() != 3 || args[1].text != "from") return fmt::format("usage: wire {} open ID from ADDR", first);
    if (const auto it = context.wire_connections.find(first); it != context.wire_connections.end()) {
      return fmt::format("wire connection '{}' is already opened at line {}", first, it->second);
    }
    ServerRef server;
    if (std::string error = parse_server_ref(args[0].text, context.server_count, server); !error.empty()) return error;
    if (server.is_leader) return "wire open needs a server id, not leader";
    wire.kind = Wire::Kind::kOpen;
    wire.server = server.id;
    wire.remote_address = args[2].text;
    context.wire_connections[first] = context.line;
    out = std::move(wire);
    return "";
  }
  if (std::string error = known_connection(first, context); !error.empty()) return error;
  if (verb == "send") {
    if (args.size() != 1) return fmt::format("usage: wire {} send HEX", first);
    if (std::string error = parse_hex_bytes(args[0].text, wire.bytes); !error.empty()) return error;
    wire.kind = Wire::Kind::kSend;
  } else if (verb == "eof" || verb == "unread" || verb == "forget") {
    if (!args.empty()) return fmt::format("unexpected '{}' after wire {} {}", word_for_message(args[0].text), first, verb);
    wire.kind = verb == "eof" ? Wire::Kind::kEof : verb == "unread" ? Wire::Kind::kUnread : Wire::Kind::kForget;
  } else {
    return fmt::format("unknown wire action '{}' (open, send, eof, unread, forget)", word_for_message(verb));
  }
  out = std::move(wire);
  return "";
}

std::string parse_expect_wire(std::vector<Word> args, const Context& context, Command& out) {
  Options options;
  if (std::string error = take_options(args, {"crc32"}, kExpectWireUsage, options); !error.empty()) return error;
  if (args.size() != 3 || args[1].text != "got" || options.find("crc32") == options.end()) {
    return fmt::format("usage: {}", kExpectWireUsage);
  }
  ExpectWire expect;
  expect.connection = args[0].text;
  if (std::string error = known_connection(expect.connection, context); !error.empty()) return error;
  if (!parse_whole(args[2].text, expect.byte_count) || expect.byte_count < 1) {
    return fmt::format("expect wire: N must be a positive whole number of bytes, saw '{}'", word_for_message(args[2].text));
  }
  const std::string& crc = options.find("crc32")->second;
  if (crc.size() != 8 || !parse_whole(crc, expect.crc32, 16)) {
    return fmt::format("crc32 needs 8 hex digits, saw '{}'", word_for_message(crc));
  }
  out = std::move(expect);
  return "";
}

}  // namespace zk::sim::parse
