// Internal to the scenario parser: the state carried from line to line (cluster size,
// connected clients) and the word-level checks every command shares — options
// (key=value), zkCli-style flags (-e, -v 3), argument counts, server ids, client names,
// znode paths and numbers. Each check returns an error message ("" when fine) that names
// the offending word; the driver adds FILE:LINE.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_lexer.h"
#include "sim/scenario/scenario_parser.h"

namespace zk::sim::parse {

struct ClientInfo {
  int connect_line = 0;
  bool closed = false;  // after `NAME close` or `crash NAME` the name may be connected again
  int crash_line = 0;   // `crash NAME`: no operation until it is connected again
};

struct Context {
  std::string file_name;
  const FileReader* read_file = nullptr;
  int line = 0;
  int server_count = 0;  // 0 until the cluster line
  int cluster_line = 0;
  const ClusterConfig* cluster_config = nullptr;  // the `cluster config` line's, once parsed
  std::map<std::string, ClientInfo, std::less<>> clients;
  // An error that already carries its own FILE:LINE (one inside a zoo.cfg); the driver
  // reports it as is instead of prefixing the scenario's location.
  std::string located_error;
  // Warnings with their own FILE:LINE (the zoo.cfg's), passed on in ParseResult::warnings.
  std::vector<std::string> warnings;
  // Recorded live connections (`wire NAME open`), by name: the line that opened each.
  std::map<std::string, int, std::less<>> wire_connections;
};

// Unquoted key=value words removed from `words`, by key.
using Options = std::map<std::string, std::string, std::less<>>;
// Flags removed from `words`: "-e" -> "", "-v" -> its value word.
using Flags = std::map<std::string, std::string, std::less<>>;

// Moves every unquoted `key=value` word out of `words`. Keys outside `known_keys`,
// repeated keys and empty values are errors.
std::string take_options(std::vector<Word>& words, const std::vector<std::string_view>& known_keys,
                         std::string_view usage, Options& options);

// Moves every unquoted word that looks like a flag ('-' then a letter) out of `words`.
// `plain_flags` take no value; `value_flags` take the next word.
std::string take_flags(std::vector<Word>& words, const std::vector<std::string_view>& plain_flags,
                       const std::vector<std::string_view>& value_flags, std::string_view usage,
                       Flags& flags);

// Checks that `words` holds all of `required` (names for "missing X") and at most
// `optional_count` more.
std::string check_arity(const std::vector<Word>& words, const std::vector<std::string_view>& required,
                        size_t optional_count, std::string_view usage);

std::string parse_server_ref(std::string_view word, int server_count, ServerRef& out);
// A server id, `leader`, or a connected client.
std::string parse_partition_member(std::string_view word, const Context& context, PartitionMember& out);

// Client names: a letter, then letters, digits, '_' or '-'; not a command word.
std::string check_client_name(std::string_view name);
std::string unknown_client_error(std::string_view name);
bool is_client_op_word(std::string_view word);

// A ZooKeeper path: starts with '/', no empty, "." or ".." node names, no trailing '/'
// except for "/" itself (or, when `sequential`, where the suffix will go).
std::string check_path(std::string_view path, bool sequential);

std::string parse_positive_duration(std::string_view option_word, std::string_view value, int64_t& out_us);
std::string parse_seed(std::string_view value, uint64_t& out);
// A path written in a scenario, relative to the scenario file's folder unless absolute.
std::string resolve_scenario_path(const std::string& scenario_file, const std::string& path);
// A probability as "5%" or "0.05", in parts per million.
std::string parse_probability_ppm(std::string_view key, std::string_view value, int64_t& out_ppm);
std::string format_probability(int64_t ppm);

// The command parsers, one per family. `args` are the words after the command word (for
// client operations: after NAME and the verb). Each returns "" or an error message.
std::string parse_cluster(std::vector<Word> args, Context& context, ClusterSetup& out);
bool is_action_word(std::string_view word);
std::string parse_action(std::string_view verb, std::vector<Word> args, Context& context, Command& out);
std::string parse_client_connect(std::vector<Word> args, Context& context, Command& out);
std::string parse_client_op(const std::string& client, std::string_view verb, std::vector<Word> args,
                            Context& context, Command& out);
std::string parse_client_crash(std::vector<Word> args, Context& context, Command& out);
std::string parse_expect(std::vector<Word> args, const Context& context, Command& out);
// `expect node ID PATH ...` (args after `node`; scenario_parse_expect_node.cpp).
std::string parse_expect_node(std::vector<Word> args, const Context& context, Command& out);
// The words after `stat` in `expect NAME stat` and `expect node ID PATH stat`: FIELD VALUE,
// or `ephemeralOwner session OTHER` (OTHER a connected client: session_of is set, value 0).
std::string parse_stat_check(const std::vector<Word>& args, const Context& context, std::string_view usage,
                             StatField& field, int64_t& value, std::string& session_of);
// `wire ...` and `expect wire ...` (scenario_parse_wire.cpp).
std::string parse_wire(std::vector<Word> args, Context& context, Command& out);
std::string parse_expect_wire(std::vector<Word> args, const Context& context, Command& out);

}  // namespace zk::sim::parse
