// The setup line: `cluster N [options]` or `cluster config PATH [options]`. For a
// zoo.cfg the file is read through the caller's FileReader and its server ids must be
// exactly 1..N, which is how every other command names servers.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "sim/text/duration.h"
#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"
#include "sim/scenario/zoo_cfg.h"

namespace zk::sim::parse {
namespace {

constexpr std::string_view kClusterUsage =
    "cluster N [tick=2000ms] [init=10] [sync=5] [observers=ID,...] [latency=1ms..5ms] [leader-bind=20ms] [seed=S] "
    "[bugs=NAME,...] [container-check=60s] [container-max-per-minute=10000] [container-max-never-used=0ms] "
    "[extended-types=off] [host-uptime=DUR] [super-digest=USER:BASE64] [skip-acl=yes] [snap-count=100000]";
constexpr std::string_view kConfigUsage =
    "cluster config PATH [latency=1ms..5ms] [leader-bind=20ms] [seed=S] [bugs=NAME,...] "
    "[container-check=60s] [container-max-per-minute=10000] [container-max-never-used=0ms] [extended-types=off] "
    "[host-uptime=DUR] [super-digest=USER:BASE64] [skip-acl=yes] [snap-count=100000]";
// Options shared by both forms.
const std::vector<std::string_view> kSharedOptions = {
    "latency", "leader-bind", "seed", "bugs", "container-check", "container-max-per-minute",
    "container-max-never-used", "extended-types", "host-uptime", "super-digest", "skip-acl", "snap-count"};

// skip-acl=yes|no: zookeeper.skipACL, what `zksim serve --skip-acl` sets (a zoo.cfg's skipACL too).
std::string apply_skip_acl(const Options& options, bool& out) {
  const auto it = options.find("skip-acl");
  if (it == options.end()) return "";
  if (it->second != "yes" && it->second != "no") {
    return fmt::format("bad skip-acl '{}' (yes or no)", word_for_message(it->second));
  }
  out = it->second == "yes";
  return "";
}

// snap-count=N: zookeeper.snapCount (a zoo.cfg's snapCount), 2..2147483647.
std::string apply_snap_count(const Options& options, int64_t& out) {
  const auto it = options.find("snap-count");
  if (it == options.end()) return "";
  const std::optional<int64_t> count = parse_decimal_i64(it->second);
  if (!count || *count < kMinSnapCount || *count > INT32_MAX) {
    return fmt::format("bad snap-count '{}' (expected {}..{})", word_for_message(it->second), kMinSnapCount, INT32_MAX);
  }
  out = *count;
  return "";
}

// super-digest=USER:BASE64 (zookeeper.DigestAuthenticationProvider.superDigest): the id
// generate_digest gives "USER:PASSWORD", e.g. super:g9oN2HttPfn8MMWJZ2r45Np/LIA=.
std::string apply_super_digest(const Options& options, std::string& out) {
  const auto it = options.find("super-digest");
  if (it == options.end()) return "";
  if (!digest_id_valid(it->second)) {
    return fmt::format("bad super-digest '{}' (expected USER:BASE64 as DigestAuthenticationProvider prints it, "
                       "e.g. super:g9oN2HttPfn8MMWJZ2r45Np/LIA=)",
                       word_for_message(it->second));
  }
  out = it->second;
  return "";
}
// ContainerManager properties: Java ints (check interval, per minute) and a long kept sane.
constexpr int64_t kJavaIntMax = 2'147'483'647;
constexpr int64_t kNeverUsedMaxMs = 365LL * 24 * 3'600'000;
constexpr int64_t kLeaderBindMaxUs = 10'000'000;
constexpr int kLimitTicksMax = 1000;
constexpr int64_t kTickMsMax = 3'600'000;

std::string parse_limit(std::string_view key, std::string_view value, int& out) {
  const std::optional<int64_t> ticks = parse_decimal_i64(value);
  if (!ticks || *ticks < 1 || *ticks > kLimitTicksMax) {
    return fmt::format("bad {} '{}' (expected 1..{} ticks)", key, word_for_message(value), kLimitTicksMax);
  }
  out = static_cast<int>(*ticks);
  return "";
}

std::string parse_tick(std::string_view value, int64_t& out_ms) {
  const DurationResult tick = parse_duration_us(value);
  if (!tick.ok()) return tick.error;
  if (tick.duration_us % 1000 != 0 || tick.duration_us < 1000 || tick.duration_us / 1000 > kTickMsMax) {
    return fmt::format("bad tick '{}' (a whole number of milliseconds, 1ms..3600s)", word_for_message(value));
  }
  out_ms = tick.duration_us / 1000;
  return "";
}

// latency=, leader-bind=, seed= and bugs=, shared by both forms.
std::string apply_link_options(const Options& options, int64_t& latency_min_us, int64_t& latency_max_us,
                               int64_t& leader_bind_us, std::optional<uint64_t>& seed, UpstreamBugs& bugs) {
  if (const auto it = options.find("leader-bind"); it != options.end()) {
    const DurationResult bind = parse_duration_us(it->second);
    if (!bind.ok()) return bind.error;
    if (bind.duration_us > kLeaderBindMaxUs) {
      return fmt::format("bad leader-bind '{}' (expected 0ms..10s)", word_for_message(it->second));
    }
    leader_bind_us = bind.duration_us;
  }
  if (const auto it = options.find("bugs"); it != options.end()) {
    const std::optional<UpstreamBugs> parsed = parse_upstream_bugs(it->second);
    if (!parsed) {
      return fmt::format("bad bugs '{}' (expected a comma list of: {}; or none)", word_for_message(it->second),
                         upstream_bug_names());
    }
    bugs = *parsed;
  }
  if (const auto it = options.find("latency"); it != options.end()) {
    const DurationRangeResult range = parse_duration_range_us(it->second);
    if (!range.ok()) return range.error;
    latency_min_us = range.min_us;
    latency_max_us = range.max_us;
  }
  if (const auto it = options.find("seed"); it != options.end()) {
    uint64_t value = 0;
    if (std::string error = parse_seed(it->second, value); !error.empty()) return error;
    seed = value;
  }
  return "";
}

// A whole number of milliseconds in min_ms..max_ms.
std::string parse_whole_ms(std::string_view key, std::string_view value, int64_t min_ms, int64_t max_ms,
                           std::string_view range, int64_t& out_ms) {
  const DurationResult duration = parse_duration_us(value);
  if (!duration.ok()) return duration.error;
  if (duration.duration_us % 1000 != 0 || duration.duration_us / 1000 < min_ms || duration.duration_us / 1000 > max_ms) {
    return fmt::format("bad {} '{}' (a whole number of milliseconds, {})", key, word_for_message(value), range);
  }
  out_ms = duration.duration_us / 1000;
  return "";
}

// container-check=, container-max-per-minute=, container-max-never-used=, extended-types=:
// znode.container.checkIntervalMs, .maxPerMinute, .maxNeverUsedIntervalMs and
// zookeeper.extendedTypesEnabled in ZooKeeper.
std::string apply_container_options(const Options& options, ContainerManagerConfig& out) {
  if (const auto it = options.find("container-check"); it != options.end()) {
    if (std::string error = parse_whole_ms("container-check", it->second, 1, kJavaIntMax, "1ms..2147483647ms",
                                           out.check_interval_ms);
        !error.empty()) {
      return error;
    }
  }
  if (const auto it = options.find("container-max-per-minute"); it != options.end()) {
    const std::optional<int64_t> count = parse_decimal_i64(it->second);
    if (!count || *count < 1 || *count > kJavaIntMax) {
      return fmt::format("bad container-max-per-minute '{}' (expected 1..{})", word_for_message(it->second),
                         kJavaIntMax);
    }
    out.max_per_minute = *count;
  }
  if (const auto it = options.find("container-max-never-used"); it != options.end()) {
    if (std::string error = parse_whole_ms("container-max-never-used", it->second, 0, kNeverUsedMaxMs,
                                           "0ms (kept for ever)..525600m", out.max_never_used_interval_ms);
        !error.empty()) {
      return error;
    }
  }
  if (const auto it = options.find("extended-types"); it != options.end()) {
    if (it->second != "on" && it->second != "off") {
      return fmt::format("bad extended-types '{}' (expected on or off)", word_for_message(it->second));
    }
    out.extended_types_enabled = it->second == "on";
  }
  return "";
}

// host-uptime=DURATION: every server's host has been up this long at time 0 (one host, as
// an ensemble on 127.0.0.1); without it each server's host uptime is drawn from the run's
// PRNG. At most 1,000,000 s, the longest duration the language takes.
std::string apply_host_uptime(const Options& options, std::optional<int64_t>& out_ms) {
  const auto it = options.find("host-uptime");
  if (it == options.end()) return "";
  int64_t uptime_ms = 0;
  if (std::string error =
          parse_whole_ms("host-uptime", it->second, 0, kDurationUsMax / 1000, "0ms..1000000s", uptime_ms);
      !error.empty()) {
    return error;
  }
  out_ms = uptime_ms;
  return "";
}

// observers=ID[,ID...]: distinct ids of 1..N, ascending once parsed; a voter must be left.
std::string parse_observers(std::string_view value, int server_count, std::vector<int>& out) {
  out.clear();
  size_t start = 0;
  while (true) {
    const size_t comma = value.find(',', start);
    const std::string_view item = value.substr(start, comma == std::string_view::npos ? value.npos : comma - start);
    const std::optional<int64_t> id = parse_decimal_i64(item);
    if (!id || *id < 1 || *id > server_count) {
      return fmt::format("bad observers '{}' (expected server ids of 1..{}, comma-separated)",
                         word_for_message(value), server_count);
    }
    if (std::find(out.begin(), out.end(), *id) != out.end()) {
      return fmt::format("bad observers '{}' (server {} named twice)", word_for_message(value), *id);
    }
    out.push_back(static_cast<int>(*id));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::sort(out.begin(), out.end());
  if (static_cast<int>(out.size()) >= server_count) {
    return fmt::format("bad observers '{}' (every server is an observer; at least one must vote)",
                       word_for_message(value));
  }
  return "";
}

std::string parse_cluster_count(std::vector<Word> args, Cluster& out) {
  Options options;
  std::vector<std::string_view> keys = {"tick", "init", "sync", "observers"};
  keys.insert(keys.end(), kSharedOptions.begin(), kSharedOptions.end());
  std::string error = take_options(args, keys, kClusterUsage, options);
  if (error.empty()) error = check_arity(args, {"server count N"}, 0, kClusterUsage);
  if (!error.empty()) return error;
  const std::optional<int64_t> count = parse_decimal_i64(args[0].text);
  if (!count || *count < 1 || *count > kServerIdMax) {
    return fmt::format("bad server count '{}' (expected 1..{})", word_for_message(args[0].text), kServerIdMax);
  }
  out.server_count = static_cast<int>(*count);
  if (const auto it = options.find("tick"); it != options.end()) {
    if (error = parse_tick(it->second, out.tick_ms); !error.empty()) return error;
  }
  if (const auto it = options.find("init"); it != options.end()) {
    if (error = parse_limit("init", it->second, out.init_limit); !error.empty()) return error;
  }
  if (const auto it = options.find("sync"); it != options.end()) {
    if (error = parse_limit("sync", it->second, out.sync_limit); !error.empty()) return error;
  }
  if (error = apply_container_options(options, out.containers); !error.empty()) return error;
  if (error = apply_host_uptime(options, out.host_uptime_ms); !error.empty()) return error;
  if (error = apply_super_digest(options, out.super_digest); !error.empty()) return error;
  if (error = apply_skip_acl(options, out.skip_acl); !error.empty()) return error;
  if (error = apply_snap_count(options, out.snap_count); !error.empty()) return error;
  if (const auto it = options.find("observers"); it != options.end()) {
    if (error = parse_observers(it->second, out.server_count, out.observers); !error.empty()) return error;
  }
  return apply_link_options(options, out.latency_min_us, out.latency_max_us, out.leader_bind_us, out.seed,
                            out.upstream_bugs);
}

std::string parse_cluster_config(std::vector<Word> args, Context& context, ClusterConfig& out) {
  Options options;
  std::string error = take_options(args, kSharedOptions, kConfigUsage, options);
  if (error.empty()) error = check_arity(args, {"PATH"}, 0, kConfigUsage);
  if (!error.empty()) return error;
  if (args[0].text.empty()) return fmt::format("missing PATH (usage: {})", kConfigUsage);
  if (args[0].text.find('\0') != std::string::npos) {
    return fmt::format("bad path '{}' (it holds a NUL byte)", word_for_message(args[0].text));
  }
  if (error = apply_link_options(options, out.latency_min_us, out.latency_max_us, out.leader_bind_us, out.seed,
                                 out.upstream_bugs);
      !error.empty()) {
    return error;
  }
  if (error = apply_container_options(options, out.containers); !error.empty()) return error;
  if (error = apply_host_uptime(options, out.host_uptime_ms); !error.empty()) return error;
  if (error = apply_super_digest(options, out.super_digest); !error.empty()) return error;
  if (error = apply_skip_acl(options, out.skip_acl); !error.empty()) return error;
  if (options.contains("snap-count")) {
    int64_t count = 0;
    if (error = apply_snap_count(options, count); !error.empty()) return error;
    out.snap_count = count;
  }
  out.path = args[0].text;
  out.resolved_path = resolve_scenario_path(context.file_name, out.path);
  FileText file = std::optional<std::string>();
  if (context.read_file != nullptr && *context.read_file) file = (*context.read_file)(out.resolved_path);
  if (!file.ok()) return fmt::format("zoo.cfg '{}' {}", word_for_message(out.resolved_path), file.error);
  ZooCfgResult cfg = parse_zoo_cfg(file.text, out.resolved_path);
  if (!cfg.ok()) {
    context.located_error = cfg.error;
    return cfg.error;
  }
  context.warnings.insert(context.warnings.end(), cfg.cfg.warnings.begin(), cfg.cfg.warnings.end());
  out.cfg = std::move(cfg.cfg);
  for (size_t i = 0; i < out.cfg.servers.size(); ++i) {
    if (out.cfg.servers[i].id != static_cast<int>(i + 1)) {
      std::string ids;
      for (const ZooCfgServer& server : out.cfg.servers) ids += fmt::format("{}{}", ids.empty() ? "" : ", ", server.id);
      return fmt::format("zoo.cfg '{}' has server ids {}; zksim needs ids 1..{}",
                         word_for_message(out.resolved_path), ids, out.cfg.servers.size());
    }
  }
  return "";
}

}  // namespace

std::string parse_cluster(std::vector<Word> args, Context& context, ClusterSetup& out) {
  if (!args.empty() && !args[0].quoted && args[0].text == "config") {
    args.erase(args.begin());
    ClusterConfig config;
    if (std::string error = parse_cluster_config(std::move(args), context, config); !error.empty()) return error;
    context.server_count = static_cast<int>(config.cfg.servers.size());
    out = std::move(config);
    return "";
  }
  Cluster cluster;
  if (std::string error = parse_cluster_count(std::move(args), cluster); !error.empty()) return error;
  context.server_count = cluster.server_count;
  out = cluster;
  return "";
}

}  // namespace zk::sim::parse
