// Expectations: server-level (`expect leader|state|converged`, the zksim additions
// `expect epoch|zxid`, `expect node` (scenario_parse_expect_node.cpp) and a four-letter-word
// field: `expect srvr|stat|mntr|conf|envi ID FIELD VALUE`) and client-level (`expect NAME ok|error|data|created|children|
// stat|event|no-event`, and the additions results|state|server|timeout and
// `stat ephemeralOwner session OTHER`).
#include <cstdint>

#include <fmt/format.h>

#include "sim/scenario/scenario_names.h"
#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"

namespace zk::sim::parse {
namespace {

constexpr std::string_view kClientExpectations =
    "ok, error, data, created, children, stat, event, no-event, results, state, server, timeout or acl";
constexpr std::string_view kStatFieldNames =
    "czxid mzxid pzxid ctime mtime version cversion aclVersion ephemeralOwner dataLength numChildren";

bool is_client_expectation(std::string_view word) {
  return word == "ok" || word == "error" || word == "data" || word == "created" || word == "children" ||
         word == "stat" || word == "event" || word == "no-event" || word == "results" || word == "state" ||
         word == "server" || word == "timeout" || word == "acl";
}

// expect NAME results|state|server|timeout ... (zksim additions)
std::string parse_client_addition(const std::string& client, std::string_view kind, std::vector<Word> args,
                                  const Context& context, Command& out) {
  if (kind == "acl") {
    const std::string_view usage = "expect NAME acl ACL (ACL: scheme:id:perms[,...], e.g. world:anyone:cdrwa)";
    if (std::string error = check_arity(args, {"ACL"}, 0, usage); !error.empty()) return error;
    ExpectAcl acl{.client = client, .acl = {}};
    std::string error;
    if (!parse_acl_text(args[0].text, &acl.acl, &error)) return error;
    out = std::move(acl);
    return "";
  }
  if (kind == "results") {
    ExpectResults results{.client = client, .code_names = {}, .codes = {}};
    if (args.empty()) return "missing results (usage: expect NAME results CODE ..., e.g. OK BADVERSION RUNTIMEINCONSISTENCY)";
    for (const Word& word : args) {
      const std::optional<int> code = keeper_error_code(word.text);
      if (!code) {
        return fmt::format("unknown result code '{}' (OK or a ZooKeeper error name such as BADVERSION, "
                           "RUNTIMEINCONSISTENCY)",
                           word_for_message(word.text));
      }
      results.code_names.push_back(word.text);
      results.codes.push_back(*code);
    }
    out = std::move(results);
    return "";
  }
  const std::string usage = fmt::format("expect NAME {}", kind == "state"    ? "state Disconnected|SyncConnected|Expired|Closed"
                                                         : kind == "server" ? "server ID"
                                                                            : "timeout DUR");
  if (std::string error = check_arity(args, {kind == "server" ? "server id" : kind == "state" ? "STATE" : "DUR"}, 0, usage);
      !error.empty()) {
    return error;
  }
  const std::string& value = args[0].text;
  if (kind == "state") {
    const std::optional<ClientKeeperState> state = parse_client_keeper_state(value);
    if (!state) {
      return fmt::format("unknown connection state '{}' (Disconnected, SyncConnected, Expired, Closed or AuthFailed)",
                         word_for_message(value));
    }
    out = ExpectClientState{.client = client, .state = *state};
    return "";
  }
  if (kind == "server") {
    ServerRef server;
    if (std::string error = parse_server_ref(value, context.server_count, server); !error.empty()) return error;
    out = ExpectClientServer{.client = client, .server = server};
    return "";
  }
  ExpectClientTimeout timeout{.client = client, .timeout_us = 0};
  if (std::string error = parse_positive_duration("timeout", value, timeout.timeout_us); !error.empty()) return error;
  if (timeout.timeout_us % 1000 != 0) {
    return fmt::format("bad timeout '{}' (a session timeout is whole milliseconds)", word_for_message(value));
  }
  out = std::move(timeout);
  return "";
}


std::string parse_server_expectation(std::string_view kind, std::vector<Word> args, const Context& context,
                                     Command& out) {
  const std::string usage = kind == "leader"      ? "expect leader ID"
                            : kind == "state"     ? "expect state ID LOOKING|FOLLOWING|LEADING|OBSERVING|DOWN"
                            : kind == "converged" ? "expect converged"
                            : kind == "epoch"     ? "expect epoch ID N"
                                                  : "expect zxid ID 0x...";
  Options options;
  std::string error = take_options(args, {}, usage, options);
  if (!error.empty()) return error;
  if (kind == "converged") {
    if (error = check_arity(args, {}, 0, usage); !error.empty()) return error;
    out = ExpectConverged{};
    return "";
  }
  const std::string_view second = kind == "state" ? "state" : kind == "epoch" ? "epoch N" : "zxid";
  error = check_arity(args, kind == "leader" ? std::vector<std::string_view>{"server id"}
                                             : std::vector<std::string_view>{"server id", second},
                      0, usage);
  ServerRef server;
  if (error.empty()) error = parse_server_ref(args[0].text, context.server_count, server);
  if (!error.empty()) return error;
  if (kind == "leader") {
    out = ExpectLeader{.server = server};
    return "";
  }
  const std::string& value = args[1].text;
  if (kind == "state") {
    const std::optional<ServerState> state = parse_server_state(value);
    if (!state) {
      return fmt::format("unknown server state '{}' (LOOKING, FOLLOWING, LEADING, OBSERVING or DOWN)",
                         word_for_message(value));
    }
    out = ExpectState{.server = server, .state = *state};
    return "";
  }
  if (kind == "epoch") {
    const std::optional<int64_t> epoch = parse_decimal_i64(value);
    if (!epoch || *epoch < 0 || *epoch > UINT32_MAX) {
      return fmt::format("bad epoch '{}' (expected 0..4294967295)", word_for_message(value));
    }
    out = ExpectEpoch{.server = server, .epoch = *epoch};
    return "";
  }
  const std::optional<uint64_t> zxid = parse_hex_u64(value);
  if (!zxid) {
    return fmt::format("bad zxid '{}' (use hex as zkCli prints it, e.g. 0x100000003)", word_for_message(value));
  }
  out = ExpectZxid{.server = server, .zxid = static_cast<Zxid>(*zxid)};
  return "";
}

std::string parse_client_expectation(const std::string& client, std::string_view kind, std::vector<Word> args,
                                     const Context& context, Command& out) {
  if (kind == "results" || kind == "state" || kind == "server" || kind == "timeout" || kind == "acl") {
    return parse_client_addition(client, kind, std::move(args), context, out);
  }
  const std::string usage = fmt::format("expect NAME {}", kind == "error"     ? "error CODE"
                                                         : kind == "data"     ? "data \"TEXT\""
                                                         : kind == "created"  ? "created PATH"
                                                         : kind == "children" ? "children A B ..."
                                                         : kind == "stat"     ? "stat FIELD VALUE|session NAME"
                                                         : kind == "event"    ? "event TYPE PATH"
                                                                              : kind);
  if (kind == "children") {
    ExpectChildren children{.client = client, .names = {}};
    for (const Word& word : args) {
      if (word.text.empty() || word.text.find('/') != std::string::npos) {
        return fmt::format("bad child name '{}' (a node name, without '/')", word_for_message(word.text));
      }
      children.names.push_back(word.text);
    }
    out = std::move(children);
    return "";
  }
  std::vector<std::string_view> required;
  if (kind == "error") required = {"CODE"};
  if (kind == "data") required = {"TEXT"};
  if (kind == "created") required = {"PATH"};
  if (kind == "stat") {
    ExpectStat stat{.client = client, .field = StatField::kCzxid, .value = 0, .session_of = {}};
    if (std::string error = parse_stat_check(args, context, usage, stat.field, stat.value, stat.session_of);
        !error.empty()) {
      return error;
    }
    out = std::move(stat);
    return "";
  }
  if (kind == "event") required = {"TYPE", "PATH"};
  if (std::string error = check_arity(args, required, 0, usage); !error.empty()) return error;
  if (kind == "ok") {
    out = ExpectOk{.client = client};
  } else if (kind == "no-event") {
    out = ExpectNoEvent{.client = client};
  } else if (kind == "error") {
    const std::optional<int> code = keeper_error_code(args[0].text);
    if (!code) {
      return fmt::format("unknown error code '{}' (a ZooKeeper error name such as NONODE, NODEEXISTS, BADVERSION)",
                         word_for_message(args[0].text));
    }
    out = ExpectError{.client = client, .code_name = args[0].text, .code = *code};
  } else if (kind == "data") {
    out = ExpectData{.client = client, .text = args[0].text};
  } else if (kind == "created") {
    if (std::string error = check_path(args[0].text, false); !error.empty()) return error;
    out = ExpectCreated{.client = client, .path = args[0].text};
  } else {
    const std::optional<WatchEventType> type = parse_watch_event_type(args[0].text);
    if (!type) {
      return fmt::format(
          "unknown event type '{}' (NodeCreated, NodeDeleted, NodeDataChanged or NodeChildrenChanged)",
          word_for_message(args[0].text));
    }
    if (std::string error = check_path(args[1].text, false); !error.empty()) return error;
    out = ExpectEvent{.client = client, .type = *type, .path = args[1].text};
  }
  return "";
}

bool is_four_letter_expectation(std::string_view word) {
  return word == "srvr" || word == "stat" || word == "mntr" || word == "conf" || word == "envi";
}

// expect srvr|stat|mntr|conf|envi ID FIELD VALUE
std::string parse_four_letter_expectation(const std::string& word, std::vector<Word> args, const Context& context,
                                          Command& out) {
  const std::string usage = fmt::format("expect {} ID {} VALUE", word,
                                        word == "mntr"                     ? "KEY"
                                        : word == "srvr" || word == "stat" ? "FIELD"
                                                                           : "NAME");
  Options options;
  std::string error = take_options(args, {}, usage, options);
  if (error.empty()) error = check_arity(args, {"server id", "field", "value"}, 0, usage);
  ServerRef server;
  if (error.empty()) error = parse_server_ref(args[0].text, context.server_count, server);
  if (!error.empty()) return error;
  if (args[1].text.empty()) return fmt::format("empty field name ({})", usage);
  std::string field = args[1].text;
  if (word == "mntr" && field.rfind("zk_", 0) != 0) field = "zk_" + field;
  out = ExpectFourLetter{.word = word, .server = server, .field = field, .value = args[2].text};
  return "";
}

}  // namespace

std::string parse_stat_value(StatField field, std::string_view word, int64_t& out) {
  const std::string_view name = stat_field_name(field);
  if (stat_field_is_hex(field)) {
    const std::optional<uint64_t> value = parse_hex_u64(word);
    if (!value) {
      const std::string_view what = field == StatField::kEphemeralOwner ? "session id" : "zxid";
      return fmt::format("bad {} '{}' for {} (use hex as zkCli prints it, e.g. 0x100000003)", what,
                         word_for_message(word), name);
    }
    out = static_cast<int64_t>(*value);
    return "";
  }
  const bool is_time = field == StatField::kCtime || field == StatField::kMtime;
  const bool may_be_negative = field == StatField::kCversion || field == StatField::kVersion ||
                               field == StatField::kAclVersion;
  const int64_t low = is_time ? INT64_MIN : (may_be_negative ? INT32_MIN : 0);
  const int64_t high = is_time ? INT64_MAX : INT32_MAX;
  const std::optional<int64_t> value = parse_decimal_i64(word);
  if (!value || *value < low || *value > high) {
    return fmt::format("bad number '{}' for {} (expected {}..{})", word_for_message(word), name, low, high);
  }
  out = *value;
  return "";
}

std::string parse_stat_check(const std::vector<Word>& args, const Context& context, std::string_view usage,
                             StatField& field, int64_t& value, std::string& session_of) {
  // FIELD session OTHER: OTHER's session id (ephemeralOwner only).
  if (args.size() == 3 && !args[1].quoted && args[1].text == "session") {
    const std::optional<StatField> named = parse_stat_field(args[0].text);
    if (named != StatField::kEphemeralOwner) {
      return fmt::format("'session NAME' compares with a client's session id: only for ephemeralOwner, not '{}'",
                         word_for_message(args[0].text));
    }
    const std::string& other = args[2].text;
    if (context.clients.find(other) == context.clients.end()) {
      if (std::string bad = check_client_name(other); !bad.empty()) return bad;
      return unknown_client_error(other);
    }
    field = *named;
    value = 0;
    session_of = other;
    return "";
  }
  if (std::string error = check_arity(args, {"FIELD", "VALUE"}, 0, usage); !error.empty()) return error;
  const std::optional<StatField> named = parse_stat_field(args[0].text);
  if (!named) {
    return fmt::format("unknown stat field '{}' (one of: {})", word_for_message(args[0].text), kStatFieldNames);
  }
  field = *named;
  session_of.clear();
  return parse_stat_value(field, args[1].text, value);
}

std::string parse_expect(std::vector<Word> args, const Context& context, Command& out) {
  if (args.empty()) {
    return "missing what to expect (e.g. expect leader 1, expect state 2 FOLLOWING, expect NAME ok)";
  }
  const std::string first = args[0].text;
  args.erase(args.begin());
  if (first == "violation") {
    constexpr std::string_view kUsage = "expect violation NAME";
    Options options;
    std::string error = take_options(args, {}, kUsage, options);
    if (error.empty()) error = check_arity(args, {"invariant name"}, 0, kUsage);
    if (!error.empty()) return error;
    if (!is_invariant_name(args[0].text)) {
      return fmt::format("unknown invariant '{}' ({})", word_for_message(args[0].text), invariant_names());
    }
    out = ExpectViolation{.invariant = args[0].text};
    return "";
  }
  if (first == "wire") return parse_expect_wire(std::move(args), context, out);
  // `expect node ...` unless a client named node is meant (`expect node ok`).
  if (first == "node" && (context.clients.find(first) == context.clients.end() || args.empty() ||
                          !is_client_expectation(args[0].text))) {
    return parse_expect_node(std::move(args), context, out);
  }
  if (first == "leader" || first == "state" || first == "converged" || first == "epoch" || first == "zxid") {
    return parse_server_expectation(first, std::move(args), context, out);
  }
  if (is_four_letter_expectation(first) && context.clients.find(first) == context.clients.end()) {
    return parse_four_letter_expectation(first, std::move(args), context, out);
  }
  if (context.clients.find(first) == context.clients.end()) {
    if (!args.empty() && is_client_expectation(args[0].text) && check_client_name(first).empty()) {
      return unknown_client_error(first);
    }
    return fmt::format("unknown expectation '{}' (leader, state, converged, epoch, zxid, node, violation, srvr, stat, mntr, conf, envi, or a client name)",
                       word_for_message(first));
  }
  if (args.empty()) return fmt::format("missing what to expect of client '{}' ({})", first, kClientExpectations);
  const std::string kind = args[0].text;
  args.erase(args.begin());
  if (!is_client_expectation(kind)) {
    return fmt::format("unknown expectation '{}' for client '{}' ({})", word_for_message(kind), first,
                       kClientExpectations);
  }
  return parse_client_expectation(first, kind, std::move(args), context, out);
}

}  // namespace zk::sim::parse
