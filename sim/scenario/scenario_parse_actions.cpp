// The acting commands: start, kill, restart, partition, heal, run (and run until ...),
// plus the zksim additions pause, resume, network, hold, drop, release, disk and clients.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "sim/text/duration.h"
#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"

namespace zk::sim::parse {
namespace {

constexpr std::array<std::string_view, 14> kActionWords{"start", "kill", "restart", "pause", "resume",
                                                        "partition", "heal", "network", "run", "hold",
                                                        "drop", "release", "disk", "clients"};

constexpr std::string_view kStartUsage = "start ID [ID ...] [every=DUR]";
constexpr std::string_view kPartitionUsage = "partition A B ... | C D ...";
constexpr std::string_view kNetworkUsage = "network [loss=P] [duplicate=P] [reorder=P]";
constexpr std::string_view kDiskUsage = "disk fsync=MIN..MAX | disk ID load [DIR | config ZOO.CFG]";
constexpr std::string_view kClientsUsage = "clients async|wait";
constexpr std::string_view kRunUsage = "run DUR | run until leader [timeout=DUR] | run until converged [timeout=DUR]";

std::string parse_start(std::vector<Word> args, const Context& context, Command& out) {
  Options options;
  std::string error = take_options(args, {"every"}, kStartUsage, options);
  if (error.empty() && args.empty()) error = fmt::format("missing server id (usage: {})", kStartUsage);
  if (!error.empty()) return error;
  Start start;
  for (const Word& word : args) {
    ServerRef server;
    if (error = parse_server_ref(word.text, context.server_count, server); !error.empty()) return error;
    if (std::find(start.servers.begin(), start.servers.end(), server) != start.servers.end()) {
      return fmt::format("'{}' is listed twice in start", word_for_message(word.text));
    }
    start.servers.push_back(server);
  }
  if (const auto it = options.find("every"); it != options.end()) {
    const DurationResult every = parse_duration_us(it->second);
    if (!every.ok()) return every.error;
    start.every_us = every.duration_us;
  }
  out = std::move(start);
  return "";
}

// kill, restart, pause, resume: one server id, no options.
template <typename T>
std::string parse_one_server(std::string_view verb, std::vector<Word> args, const Context& context, Command& out) {
  const std::string usage = fmt::format("{} ID", verb);
  Options options;
  std::string error = take_options(args, {}, usage, options);
  if (error.empty()) error = check_arity(args, {"server id"}, 0, usage);
  if (!error.empty()) return error;
  T command;
  if (error = parse_server_ref(args[0].text, context.server_count, command.server); !error.empty()) return error;
  out = command;
  return "";
}

// hold, drop, release: two different server ids, the link's sender and receiver.
template <typename T>
std::string parse_link(std::string_view verb, std::vector<Word> args, const Context& context, Command& out) {
  const std::string usage = fmt::format("{} FROM TO", verb);
  Options options;
  std::string error = take_options(args, {}, usage, options);
  if (error.empty()) error = check_arity(args, {"FROM server id", "TO server id"}, 0, usage);
  if (!error.empty()) return error;
  T command;
  if (error = parse_server_ref(args[0].text, context.server_count, command.from); !error.empty()) return error;
  if (error = parse_server_ref(args[1].text, context.server_count, command.to); !error.empty()) return error;
  if (command.from == command.to) return fmt::format("{} needs two different servers (usage: {})", verb, usage);
  out = command;
  return "";
}

// Splits unquoted words at '|' so that "1|2" and "1 | 2" read the same.
std::vector<Word> split_bars(const std::vector<Word>& args) {
  std::vector<Word> out;
  for (const Word& word : args) {
    if (word.quoted) {
      out.push_back(word);
      continue;
    }
    size_t start = 0;
    while (start <= word.text.size()) {
      size_t bar = word.text.find('|', start);
      if (bar == std::string::npos) bar = word.text.size();
      if (bar > start) out.push_back(Word{word.text.substr(start, bar - start), false});
      if (bar < word.text.size()) out.push_back(Word{"|", false});
      start = bar + 1;
    }
  }
  return out;
}

std::string member_key(const PartitionMember& member) {
  if (member.is_client) return "client " + member.client;
  return member.server.is_leader ? std::string("leader") : fmt::format("server {}", member.server.id);
}

std::string parse_partition(std::vector<Word> args, const Context& context, Command& out) {
  Options options;
  if (std::string error = take_options(args, {}, kPartitionUsage, options); !error.empty()) return error;
  Partition partition;
  partition.groups.emplace_back();
  std::vector<std::string> seen;
  for (const Word& word : split_bars(args)) {
    if (!word.quoted && word.text == "|") {
      if (partition.groups.back().empty()) return fmt::format("empty group in partition (usage: {})", kPartitionUsage);
      partition.groups.emplace_back();
      continue;
    }
    PartitionMember member;
    if (std::string error = parse_partition_member(word.text, context, member); !error.empty()) return error;
    const std::string key = member_key(member);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return fmt::format("{} is listed twice in partition", key);
    }
    seen.push_back(key);
    partition.groups.back().push_back(std::move(member));
  }
  if (partition.groups.back().empty() && partition.groups.size() > 1) {
    return fmt::format("empty group in partition (usage: {})", kPartitionUsage);
  }
  if (partition.groups.size() < 2) {
    return fmt::format("partition needs two or more groups separated by '|' (usage: {})", kPartitionUsage);
  }
  out = std::move(partition);
  return "";
}

std::string parse_heal(std::vector<Word> args, Command& out) {
  Options options;
  std::string error = take_options(args, {}, "heal", options);
  if (error.empty()) error = check_arity(args, {}, 0, "heal");
  if (!error.empty()) return error;
  out = Heal{};
  return "";
}

std::string parse_network(std::vector<Word> args, Command& out) {
  Options options;
  std::string error = take_options(args, {"loss", "duplicate", "reorder"}, kNetworkUsage, options);
  if (error.empty()) error = check_arity(args, {}, 0, kNetworkUsage);
  if (error.empty() && options.empty()) {
    error = fmt::format("network needs at least one option (usage: {})", kNetworkUsage);
  }
  if (!error.empty()) return error;
  SetNetwork network;
  const std::array<std::pair<std::string_view, std::optional<int64_t>*>, 3> fields{{
      {"loss", &network.loss_ppm}, {"duplicate", &network.duplicate_ppm}, {"reorder", &network.reorder_ppm}}};
  for (const auto& [key, field] : fields) {
    const auto it = options.find(key);
    if (it == options.end()) continue;
    int64_t ppm = 0;
    if (error = parse_probability_ppm(key, it->second, ppm); !error.empty()) return error;
    *field = ppm;
  }
  out = network;
  return "";
}

// The directories a zoo.cfg names, into `load` (the zoo.cfg's own FILE:LINE for errors).
void take_zoo_cfg_dirs(const ZooCfg& cfg, const std::string& cfg_file, LoadDisk& load) {
  const ZooCfgDir& data = *cfg.data_dir;
  load.resolved_path = data.resolved;
  load.data_dir_origin = fmt::format("{}:{}: dataDir={}", cfg_file, data.line, word_for_message(data.written));
  if (cfg.data_log_dir) {
    const ZooCfgDir& logs = *cfg.data_log_dir;
    load.resolved_data_log_path = logs.resolved;
    load.data_log_dir_origin =
        fmt::format("{}:{}: dataLogDir={}", cfg_file, logs.line, word_for_message(logs.written));
  }
}

// disk ID load: the dataDir / dataLogDir of the `cluster config` zoo.cfg.
std::string parse_disk_load_cluster_config(const Context& context, LoadDisk& load) {
  if (context.cluster_config == nullptr) {
    return "disk ID load without DIR reads the dataDir of the `cluster config ZOO.CFG` zoo.cfg, and this "
           "scenario has none (write disk ID load DIR)";
  }
  if (!context.cluster_config->cfg.data_dir) {
    return fmt::format("zoo.cfg '{}' sets no dataDir (disk ID load without DIR reads the server's disk from it)",
                       word_for_message(context.cluster_config->resolved_path));
  }
  load.source = DiskSource::kClusterConfig;
  take_zoo_cfg_dirs(context.cluster_config->cfg, context.cluster_config->resolved_path, load);
  return "";
}

// disk ID load config ZOO.CFG: the dataDir / dataLogDir of a server's own zoo.cfg, read now.
std::string parse_disk_load_config_file(const Word& path, Context& context, LoadDisk& load) {
  if (path.text.empty() || path.text.find('\0') != std::string::npos) {
    return fmt::format("bad zoo.cfg path '{}'", word_for_message(path.text));
  }
  load.source = DiskSource::kConfigFile;
  load.path = path.text;
  const std::string cfg_file = resolve_scenario_path(context.file_name, load.path);
  FileText file = std::optional<std::string>();
  if (context.read_file != nullptr && *context.read_file) file = (*context.read_file)(cfg_file);
  if (!file.ok()) return fmt::format("zoo.cfg '{}' {}", word_for_message(cfg_file), file.error);
  // An error inside it keeps its own FILE:LINE after the scenario's.
  ZooCfgResult cfg = parse_zoo_cfg(file.text, cfg_file, ZooCfgUse::kDataDirs);
  if (!cfg.ok()) return cfg.error;
  context.warnings.insert(context.warnings.end(), cfg.cfg.warnings.begin(), cfg.cfg.warnings.end());
  take_zoo_cfg_dirs(cfg.cfg, cfg_file, load);
  return "";
}

// disk ID load [DIR | config ZOO.CFG] (the directory is read when the step runs).
std::string parse_disk_load(std::vector<Word> args, Context& context, Command& out) {
  Options options;
  std::string error = take_options(args, {}, kDiskUsage, options);
  if (error.empty()) error = check_arity(args, {"server id", "load"}, 2, kDiskUsage);
  if (!error.empty()) return error;
  LoadDisk load;
  if (error = parse_server_ref(args[0].text, context.server_count, load.server); !error.empty()) return error;
  if (load.server.is_leader) return "disk ID load needs a server id, not leader";
  if (args.size() == 2) {
    if (error = parse_disk_load_cluster_config(context, load); !error.empty()) return error;
  } else if (args.size() == 4) {
    if (args[2].quoted || args[2].text != "config") {
      return fmt::format("extra argument '{}' (usage: {})", word_for_message(args[3].text), kDiskUsage);
    }
    if (error = parse_disk_load_config_file(args[3], context, load); !error.empty()) return error;
  } else {
    if (args[2].text.empty() || args[2].text.find('\0') != std::string::npos) {
      return fmt::format("bad directory '{}'", word_for_message(args[2].text));
    }
    load.path = args[2].text;
    load.resolved_path = resolve_scenario_path(context.file_name, load.path);
  }
  out = std::move(load);
  return "";
}

std::string parse_disk(std::vector<Word> args, Context& context, Command& out) {
  if (args.size() >= 2 && !args[1].quoted && args[1].text == "load") return parse_disk_load(std::move(args), context, out);
  Options options;
  std::string error = take_options(args, {"fsync"}, kDiskUsage, options);
  if (error.empty()) error = check_arity(args, {}, 0, kDiskUsage);
  if (error.empty() && options.empty()) error = fmt::format("disk needs fsync=MIN..MAX (usage: {})", kDiskUsage);
  if (!error.empty()) return error;
  const DurationRangeResult range = parse_duration_range_us(options.at("fsync"));
  if (!range.ok()) return range.error;
  out = SetDisk{.fsync_min_us = range.min_us, .fsync_max_us = range.max_us};
  return "";
}

std::string parse_clients(std::vector<Word> args, Command& out) {
  Options options;
  std::string error = take_options(args, {}, kClientsUsage, options);
  if (error.empty()) error = check_arity(args, {"async or wait"}, 0, kClientsUsage);
  if (!error.empty()) return error;
  if (args[0].quoted || (args[0].text != "async" && args[0].text != "wait")) {
    return fmt::format("expected async or wait after clients, saw '{}' (usage: {})", word_for_message(args[0].text),
                       kClientsUsage);
  }
  out = SetClients{.async = args[0].text == "async"};
  return "";
}

std::string parse_run(std::vector<Word> args, Command& out) {
  Options options;
  const bool until = !args.empty() && !args[0].quoted && args[0].text == "until";
  std::string error = take_options(args, until ? std::vector<std::string_view>{"timeout"}
                                                : std::vector<std::string_view>{},
                                   kRunUsage, options);
  if (!error.empty()) return error;
  if (!until) {
    if (error = check_arity(args, {"DUR"}, 0, kRunUsage); !error.empty()) return error;
    const DurationResult duration = parse_duration_us(args[0].text);
    if (!duration.ok()) return duration.error;
    out = Run{.duration_us = duration.duration_us};
    return "";
  }
  if (error = check_arity(args, {"until", "leader or converged"}, 0, kRunUsage); !error.empty()) return error;
  int64_t timeout_us = 60'000'000;
  if (const auto it = options.find("timeout"); it != options.end()) {
    if (error = parse_positive_duration("timeout", it->second, timeout_us); !error.empty()) return error;
  }
  const std::string& condition = args[1].text;
  if (condition == "leader") {
    out = RunUntilLeader{.timeout_us = timeout_us};
  } else if (condition == "converged") {
    out = RunUntilConverged{.timeout_us = timeout_us};
  } else {
    return fmt::format("unknown condition '{}' after 'run until' (leader or converged)", word_for_message(condition));
  }
  return "";
}

}  // namespace

bool is_action_word(std::string_view word) {
  return std::find(kActionWords.begin(), kActionWords.end(), word) != kActionWords.end();
}

std::string parse_action(std::string_view verb, std::vector<Word> args, Context& context, Command& out) {
  if (verb == "start") return parse_start(std::move(args), context, out);
  if (verb == "kill") return parse_one_server<Kill>(verb, std::move(args), context, out);
  if (verb == "restart") return parse_one_server<Restart>(verb, std::move(args), context, out);
  if (verb == "pause") return parse_one_server<Pause>(verb, std::move(args), context, out);
  if (verb == "resume") return parse_one_server<Resume>(verb, std::move(args), context, out);
  if (verb == "partition") return parse_partition(std::move(args), context, out);
  if (verb == "heal") return parse_heal(std::move(args), out);
  if (verb == "network") return parse_network(std::move(args), out);
  if (verb == "run") return parse_run(std::move(args), out);
  if (verb == "hold") return parse_link<HoldNext>(verb, std::move(args), context, out);
  if (verb == "drop") return parse_link<DropNext>(verb, std::move(args), context, out);
  if (verb == "release") return parse_link<ReleaseHeld>(verb, std::move(args), context, out);
  if (verb == "disk") return parse_disk(std::move(args), context, out);
  if (verb == "clients") return parse_clients(std::move(args), out);
  return fmt::format("unknown command '{}'", word_for_message(verb));
}

}  // namespace zk::sim::parse
