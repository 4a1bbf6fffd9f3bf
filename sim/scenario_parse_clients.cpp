// Client commands: `client NAME connect ID [timeout=DUR]` and the zkCli-spelled
// operations NAME create/get/set/ls/stat/delete/sync/close.
#include <cstdint>

#include <fmt/format.h>

#include "sim/scenario_parse_support.h"
#include "sim/text_words.h"

namespace zk::sim::parse {
namespace {

constexpr std::string_view kConnectUsage = "client NAME connect ID [timeout=DUR]";

std::string parse_version(const Flags& flags, std::optional<int32_t>& out) {
  const auto it = flags.find("-v");
  if (it == flags.end()) return "";
  const std::optional<int64_t> version = parse_decimal_i64(it->second);
  if (!version || *version < -1 || *version > INT32_MAX) {
    return fmt::format("bad version '{}' (expected -1..2147483647)", word_for_message(it->second));
  }
  out = static_cast<int32_t>(*version);
  return "";
}

// Flags, then arity, for one operation.
std::string split_op_args(std::vector<Word>& args, const std::vector<std::string_view>& plain_flags,
                          const std::vector<std::string_view>& value_flags,
                          const std::vector<std::string_view>& required, size_t optional_count,
                          std::string_view usage, Flags& flags) {
  std::string error = take_flags(args, plain_flags, value_flags, usage, flags);
  if (error.empty()) error = check_arity(args, required, optional_count, usage);
  return error;
}

}  // namespace

std::string parse_client_connect(std::vector<Word> args, Context& context, Command& out) {
  Options options;
  std::string error = take_options(args, {"timeout"}, kConnectUsage, options);
  if (error.empty()) error = check_arity(args, {"client NAME", "connect", "server id"}, 0, kConnectUsage);
  if (!error.empty()) return error;
  const std::string& name = args[0].text;
  if (error = check_client_name(name); !error.empty()) return error;
  if (args[1].text != "connect") {
    return fmt::format("expected 'connect' after 'client {}', got '{}' (usage: {})", name,
                       word_for_message(args[1].text), kConnectUsage);
  }
  ClientConnect connect{.client = name, .server = {}, .timeout_us = 6'000'000};
  if (error = parse_server_ref(args[2].text, context.server_count, connect.server); !error.empty()) return error;
  if (const auto it = options.find("timeout"); it != options.end()) {
    if (error = parse_positive_duration("timeout", it->second, connect.timeout_us); !error.empty()) return error;
  }
  const auto existing = context.clients.find(name);
  if (existing != context.clients.end() && !existing->second.closed) {
    return fmt::format("client '{}' is already connected at line {} (close it first or use another name)", name,
                       existing->second.connect_line);
  }
  context.clients[name] = ClientInfo{.connect_line = context.line, .closed = false};
  out = std::move(connect);
  return "";
}

std::string parse_client_op(const std::string& client, std::string_view verb, std::vector<Word> args,
                            Context& context, Command& out) {
  Flags flags;
  std::string error;
  if (verb == "create") {
    const std::string_view usage = "NAME create [-e] [-s] PATH [DATA]";
    if (error = split_op_args(args, {"-e", "-s"}, {}, {"PATH"}, 1, usage, flags); !error.empty()) return error;
    ClientCreate create{.client = client, .ephemeral = flags.count("-e") != 0, .sequential = flags.count("-s") != 0,
                        .path = args[0].text, .data = args.size() > 1 ? args[1].text : std::string()};
    if (error = check_path(create.path, create.sequential); !error.empty()) return error;
    out = std::move(create);
    return "";
  }
  if (verb == "get" || verb == "ls" || verb == "stat") {
    const std::string usage = fmt::format("NAME {} [-w] PATH", verb);
    if (error = split_op_args(args, {"-w"}, {}, {"PATH"}, 0, usage, flags); !error.empty()) return error;
    if (error = check_path(args[0].text, false); !error.empty()) return error;
    const bool watch = flags.count("-w") != 0;
    if (verb == "get") out = ClientGet{.client = client, .watch = watch, .path = args[0].text};
    if (verb == "ls") out = ClientLs{.client = client, .watch = watch, .path = args[0].text};
    if (verb == "stat") out = ClientStat{.client = client, .watch = watch, .path = args[0].text};
    return "";
  }
  if (verb == "set") {
    const std::string_view usage = "NAME set PATH DATA [-v VERSION]";
    if (error = split_op_args(args, {}, {"-v"}, {"PATH", "DATA"}, 0, usage, flags); !error.empty()) return error;
    ClientSet set{.client = client, .path = args[0].text, .data = args[1].text, .version = std::nullopt};
    if (error = check_path(set.path, false); !error.empty()) return error;
    if (error = parse_version(flags, set.version); !error.empty()) return error;
    out = std::move(set);
    return "";
  }
  if (verb == "delete") {
    const std::string_view usage = "NAME delete PATH [-v VERSION]";
    if (error = split_op_args(args, {}, {"-v"}, {"PATH"}, 0, usage, flags); !error.empty()) return error;
    ClientDelete del{.client = client, .path = args[0].text, .version = std::nullopt};
    if (error = check_path(del.path, false); !error.empty()) return error;
    if (error = parse_version(flags, del.version); !error.empty()) return error;
    out = std::move(del);
    return "";
  }
  if (verb == "sync") {
    if (error = split_op_args(args, {}, {}, {"PATH"}, 0, "NAME sync PATH", flags); !error.empty()) return error;
    if (error = check_path(args[0].text, false); !error.empty()) return error;
    out = ClientSync{.client = client, .path = args[0].text};
    return "";
  }
  if (verb == "close") {
    if (error = split_op_args(args, {}, {}, {}, 0, "NAME close", flags); !error.empty()) return error;
    context.clients[client].closed = true;
    out = ClientClose{.client = client};
    return "";
  }
  return fmt::format("unknown operation '{}' for client '{}' (create, get, set, ls, stat, delete, sync or close)",
                     word_for_message(verb), client);
}

}  // namespace zk::sim::parse
