// Client commands: `client NAME connect [ID | ID,ID,...] [timeout=DUR]`, `crash NAME`, the
// zkCli-spelled operations NAME create/get/set/ls/stat/delete/sync/close and
// `NAME multi OP ; OP ; ...`.
#include <algorithm>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "core/ephemeral_type.h"
#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"

namespace zk::sim::parse {
namespace {

constexpr std::string_view kConnectUsage = "client NAME connect [ID | ID,ID,...] [timeout=DUR]";
constexpr std::string_view kMultiUsage =
    "NAME multi OP ; OP ; ... (OP: create [-e] [-s] [-c] [-t TTL] PATH [DATA], set PATH DATA [-v VERSION], "
    "delete PATH [-v VERSION], check PATH [-v VERSION])";

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

// zkCli's create flags as CreateCommand.exec takes them: -c with neither -e nor -s, -t (a TTL
// in ms) with neither -e nor -c, checked in its order and refused with its words.
struct CreateFlags {
  bool ephemeral = false;
  bool sequential = false;
  bool container = false;
  std::optional<int64_t> ttl_ms;
};

std::string parse_create_flags(const Flags& flags, CreateFlags& out) {
  out.ephemeral = flags.count("-e") != 0;
  out.sequential = flags.count("-s") != 0;
  out.container = flags.count("-c") != 0;
  if (out.container && (out.ephemeral || out.sequential)) {
    return "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.";
  }
  const auto ttl = flags.find("-t");
  if (ttl == flags.end()) return "";
  const std::optional<int64_t> ttl_ms = parse_decimal_i64(ttl->second);
  if (!ttl_ms) return fmt::format("-t argument must be a long value (saw '{}')", word_for_message(ttl->second));
  if (out.ephemeral) return "TTLs cannot be used with Ephemeral znodes";
  if (out.container) return "TTLs cannot be used with Container znodes";
  if (*ttl_ms <= 0 || *ttl_ms > kMaxTtlMs) {
    return fmt::format("ttl must be positive and cannot be larger than: {} (saw {})", kMaxTtlMs, *ttl_ms);
  }
  out.ttl_ms = ttl_ms;
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

// `connect 1,2,3`: distinct server ids in 1..N, in the order given.
std::string parse_host_order(std::string_view word, int server_count, std::vector<int>& out) {
  size_t start = 0;
  while (start <= word.size()) {
    const size_t comma = std::min(word.find(',', start), word.size());
    const std::string_view item = word.substr(start, comma - start);
    const std::optional<int64_t> id = parse_decimal_i64(item);
    if (!id || *id < 1 || *id > server_count) {
      return fmt::format("bad server list '{}': '{}' is not a server id 1..{} (e.g. connect 2,1,3)",
                         word_for_message(word), word_for_message(item), server_count);
    }
    if (std::find(out.begin(), out.end(), static_cast<int>(*id)) != out.end()) {
      return fmt::format("bad server list '{}': server {} is listed twice", word_for_message(word), *id);
    }
    out.push_back(static_cast<int>(*id));
    start = comma + 1;
  }
  return "";
}

// One op of a multi, words after its verb.
std::string parse_multi_op(std::string_view verb, std::vector<Word> args, MultiOp& out) {
  Flags flags;
  std::string error;
  if (verb == "create") {
    const std::string_view usage = "create [-e] [-s] [-c] [-t TTL] PATH [DATA]";
    if (error = split_op_args(args, {"-e", "-s", "-c"}, {"-t"}, {"PATH"}, 1, usage, flags); !error.empty()) return error;
    CreateFlags create;
    if (error = parse_create_flags(flags, create); !error.empty()) return error;
    if (error = check_path(args[0].text, create.sequential); !error.empty()) return error;
    const CreateMode mode =
        zkcli_create_mode(create.ephemeral, create.sequential, create.container, create.ttl_ms.has_value());
    out = CreateRequest{args[0].text, args.size() > 1 ? args[1].text : std::string(), mode, create.ttl_ms.value_or(-1)};
    return "";
  }
  if (verb == "set") {
    const std::string_view usage = "set PATH DATA [-v VERSION]";
    if (error = split_op_args(args, {}, {"-v"}, {"PATH", "DATA"}, 0, usage, flags); !error.empty()) return error;
    std::optional<int32_t> version;
    if (error = check_path(args[0].text, false); !error.empty()) return error;
    if (error = parse_version(flags, version); !error.empty()) return error;
    out = SetDataRequest{args[0].text, args[1].text, version.value_or(-1)};
    return "";
  }
  if (verb == "delete" || verb == "check") {
    const std::string usage = fmt::format("{} PATH [-v VERSION]", verb);
    if (error = split_op_args(args, {}, {"-v"}, {"PATH"}, 0, usage, flags); !error.empty()) return error;
    std::optional<int32_t> version;
    if (error = check_path(args[0].text, false); !error.empty()) return error;
    if (error = parse_version(flags, version); !error.empty()) return error;
    if (verb == "delete") {
      out = DeleteRequest{args[0].text, version.value_or(-1)};
    } else {
      out = CheckRequest{args[0].text, version.value_or(-1)};
    }
    return "";
  }
  return fmt::format("unknown multi op '{}' (create, set, delete or check)", word_for_message(verb));
}

std::string parse_multi(const std::string& client, std::vector<Word> args, Command& out) {
  ClientMulti multi{.client = client, .ops = {}};
  std::vector<std::vector<Word>> groups(1);
  for (Word& word : args) {
    if (!word.quoted && word.text == ";") {
      groups.emplace_back();
    } else {
      groups.back().push_back(std::move(word));
    }
  }
  if (groups.size() == 1 && groups[0].empty()) return fmt::format("missing ops (usage: {})", kMultiUsage);
  for (size_t i = 0; i < groups.size(); ++i) {
    std::vector<Word>& group = groups[i];
    if (group.empty()) return fmt::format("multi op {} is empty (ops are separated by ' ; ')", i + 1);
    const std::string verb = group[0].text;
    group.erase(group.begin());
    MultiOp op;
    if (std::string error = parse_multi_op(verb, std::move(group), op); !error.empty()) {
      return fmt::format("multi op {}: {}", i + 1, error);
    }
    multi.ops.push_back(std::move(op));
  }
  out = std::move(multi);
  return "";
}

}  // namespace

std::string parse_client_crash(std::vector<Word> args, Context& context, Command& out) {
  constexpr std::string_view kUsage = "crash NAME";
  Options options;
  std::string error = take_options(args, {}, kUsage, options);
  if (error.empty()) error = check_arity(args, {"client NAME"}, 0, kUsage);
  if (!error.empty()) return error;
  const std::string& name = args[0].text;
  const auto it = context.clients.find(name);
  if (it == context.clients.end()) {
    if (std::string bad = check_client_name(name); !bad.empty()) return bad;
    return unknown_client_error(name);
  }
  if (it->second.crash_line != 0) {
    return fmt::format("client '{}' crashed already at line {}", name, it->second.crash_line);
  }
  if (it->second.closed) return fmt::format("client '{}' is closed (crash needs a running client)", name);
  it->second.closed = true;
  it->second.crash_line = context.line;
  out = ClientCrash{.client = name};
  return "";
}

std::string parse_client_connect(std::vector<Word> args, Context& context, Command& out) {
  Options options;
  std::string error = take_options(args, {"timeout"}, kConnectUsage, options);
  if (error.empty()) error = check_arity(args, {"client NAME", "connect"}, 1, kConnectUsage);
  if (!error.empty()) return error;
  const std::string& name = args[0].text;
  if (error = check_client_name(name); !error.empty()) return error;
  if (args[1].text != "connect") {
    return fmt::format("expected 'connect' after 'client {}', got '{}' (usage: {})", name,
                       word_for_message(args[1].text), kConnectUsage);
  }
  ClientConnect connect{.client = name, .server = {}, .timeout_us = 6'000'000, .host_order = {}, .shuffled = false};
  if (args.size() == 2) {
    connect.shuffled = true;
  } else if (args[2].text.find(',') != std::string::npos) {
    if (error = parse_host_order(args[2].text, context.server_count, connect.host_order); !error.empty()) return error;
  } else if (error = parse_server_ref(args[2].text, context.server_count, connect.server); !error.empty()) {
    return error;
  }
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
  if (const auto info = context.clients.find(client); info != context.clients.end() && info->second.crash_line != 0) {
    return fmt::format("client '{}' crashed at line {} (connect it again first)", client, info->second.crash_line);
  }
  Flags flags;
  std::string error;
  if (verb == "multi") return parse_multi(client, std::move(args), out);
  if (verb == "create") {
    const std::string_view usage = "NAME create [-e] [-s] [-c] [-t TTL] PATH [DATA [ACL]]";
    if (error = split_op_args(args, {"-e", "-s", "-c"}, {"-t"}, {"PATH"}, 2, usage, flags); !error.empty()) return error;
    CreateFlags mode;
    if (error = parse_create_flags(flags, mode); !error.empty()) return error;
    ClientCreate create{.client = client, .ephemeral = mode.ephemeral, .sequential = mode.sequential,
                        .path = args[0].text, .data = args.size() > 1 ? args[1].text : std::string(),
                        .container = mode.container, .ttl_ms = mode.ttl_ms, .acl = std::nullopt};
    if (error = check_path(create.path, create.sequential); !error.empty()) return error;
    if (args.size() > 2) {
      AclList acl;
      if (!parse_acl_text(args[2].text, &acl, &error)) return error;
      create.acl = std::move(acl);
    }
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
  if (verb == "addauth") {
    const std::string_view usage = "NAME addauth SCHEME AUTH (e.g. addauth digest user:password)";
    if (error = split_op_args(args, {}, {}, {"SCHEME", "AUTH"}, 0, usage, flags); !error.empty()) return error;
    out = ClientAddAuth{.client = client, .scheme = args[0].text, .auth = args[1].text};
    return "";
  }
  if (verb == "setAcl") {
    const std::string_view usage = "NAME setAcl [-v VERSION] PATH ACL (ACL: scheme:id:perms[,...])";
    if (error = split_op_args(args, {}, {"-v"}, {"PATH", "ACL"}, 0, usage, flags); !error.empty()) return error;
    ClientSetAcl set{.client = client, .path = args[0].text, .acl = {}, .version = std::nullopt};
    if (error = check_path(set.path, false); !error.empty()) return error;
    if (error = parse_version(flags, set.version); !error.empty()) return error;
    if (!parse_acl_text(args[1].text, &set.acl, &error)) return error;
    out = std::move(set);
    return "";
  }
  if (verb == "getAcl") {
    if (error = split_op_args(args, {}, {}, {"PATH"}, 0, "NAME getAcl PATH", flags); !error.empty()) return error;
    if (error = check_path(args[0].text, false); !error.empty()) return error;
    out = ClientGetAcl{.client = client, .path = args[0].text};
    return "";
  }
  if (verb == "close") {
    if (error = split_op_args(args, {}, {}, {}, 0, "NAME close", flags); !error.empty()) return error;
    context.clients[client].closed = true;
    out = ClientClose{.client = client};
    return "";
  }
  return fmt::format(
      "unknown operation '{}' for client '{}' (create, get, set, ls, stat, delete, sync, multi, addauth, setAcl, "
      "getAcl or close)",
                     word_for_message(verb), client);
}

}  // namespace zk::sim::parse
