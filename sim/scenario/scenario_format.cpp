// Canonical rendering of scenario commands, one overload per command struct.
#include "sim/scenario/scenario_format.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/text/duration.h"
#include "sim/scenario/scenario_names.h"
#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"

namespace zk::sim {
namespace {

std::string ref(const ServerRef& server) { return server.is_leader ? "leader" : fmt::format("{}", server.id); }
std::string word(const std::string& text) { return word_for_scenario(text); }

std::string link_options(int64_t latency_min_us, int64_t latency_max_us, int64_t leader_bind_us,
                         const std::optional<uint64_t>& seed, UpstreamBugs bugs) {
  std::string out;
  if (latency_min_us != 1000 || latency_max_us != 5000) {
    out += fmt::format(" latency={}..{}", format_duration(latency_min_us), format_duration(latency_max_us));
  }
  if (leader_bind_us != kDefaultLeaderBindDelayUs) {
    out += fmt::format(" leader-bind={}", format_duration(leader_bind_us));
  }
  if (seed) out += fmt::format(" seed={}", *seed);
  if (!bugs.empty()) out += fmt::format(" bugs={}", format_upstream_bugs(bugs));
  return out;
}

std::string super_digest_option(const std::string& digest) {
  return digest.empty() ? std::string() : " super-digest=" + digest;
}

// The ContainerManager's options, those that differ from ZooKeeper's defaults.
std::string container_options(const ContainerManagerConfig& c) {
  const ContainerManagerConfig defaults;
  std::string out;
  if (c.check_interval_ms != defaults.check_interval_ms) {
    out += fmt::format(" container-check={}", format_duration(c.check_interval_ms * 1000));
  }
  if (c.max_per_minute != defaults.max_per_minute) out += fmt::format(" container-max-per-minute={}", c.max_per_minute);
  if (c.max_never_used_interval_ms != defaults.max_never_used_interval_ms) {
    out += fmt::format(" container-max-never-used={}", format_duration(c.max_never_used_interval_ms * 1000));
  }
  if (c.extended_types_enabled != defaults.extended_types_enabled) {
    out += fmt::format(" extended-types={}", c.extended_types_enabled ? "on" : "off");
  }
  return out;
}

std::string host_uptime_option(const std::optional<int64_t>& host_uptime_ms) {
  return host_uptime_ms ? fmt::format(" host-uptime={}", format_duration(*host_uptime_ms * 1000)) : std::string();
}

std::string version_option(const std::optional<int32_t>& version) {
  return version ? fmt::format(" -v {}", *version) : std::string();
}

std::string watch_flag(bool watch) { return watch ? " -w" : ""; }

std::string timeout_option(int64_t timeout_us, int64_t default_us) {
  return timeout_us == default_us ? std::string() : fmt::format(" timeout={}", format_duration(timeout_us));
}

std::string stat_value(StatField field, int64_t value) {
  return stat_field_is_hex(field) ? zxid_hex(value) : fmt::format("{}", value);
}

// "stat FIELD VALUE" or "stat ephemeralOwner session NAME" (expect NAME stat, expect node).
std::string stat_check(StatField field, int64_t value, const std::string& session_of) {
  if (!session_of.empty()) return fmt::format("stat {} session {}", stat_field_name(field), session_of);
  return fmt::format("stat {} {}", stat_field_name(field), stat_value(field, value));
}

// Data always quoted, as the spec writes `expect NAME data "TEXT"`.
std::string quoted(const std::string& text) {
  const std::string out = word(text);
  return out.front() == '"' ? out : "\"" + out + "\"";
}

// A create's flags as zkCli spells them: " -e -s", " -c", " -t 5000".
std::string create_flags(bool ephemeral, bool sequential, bool container, std::optional<int64_t> ttl_ms) {
  return fmt::format("{}{}{}{}", ephemeral ? " -e" : "", sequential ? " -s" : "", container ? " -c" : "",
                     ttl_ms ? fmt::format(" -t {}", *ttl_ms) : std::string());
}

std::string multi_op(const MultiOp& op) {
  if (const auto* create = std::get_if<CreateRequest>(&op)) {
    const bool ephemeral = create->mode == CreateMode::kEphemeral || create->mode == CreateMode::kEphemeralSequential;
    return fmt::format("create{} {}{}",
                       create_flags(ephemeral, is_sequential(create->mode), is_container(create->mode),
                                    is_ttl(create->mode) ? std::optional<int64_t>(create->ttl_ms) : std::nullopt),
                       word(create->path), create->data.empty() ? std::string() : " " + word(create->data));
  }
  const auto version = [](int32_t v) { return v == -1 ? std::string() : fmt::format(" -v {}", v); };
  if (const auto* set = std::get_if<SetDataRequest>(&op)) {
    return fmt::format("set {} {}{}", word(set->path), word(set->data), version(set->version));
  }
  if (const auto* del = std::get_if<DeleteRequest>(&op)) {
    return fmt::format("delete {}{}", word(del->path), version(del->version));
  }
  const auto& check = std::get<CheckRequest>(op);
  return fmt::format("check {}{}", word(check.path), version(check.version));
}

struct Formatter {
  std::string operator()(const Cluster& c) const {
    std::string out = fmt::format("cluster {}", c.server_count);
    if (c.tick_ms != 2000) out += fmt::format(" tick={}", format_duration(c.tick_ms * 1000));
    if (c.init_limit != 10) out += fmt::format(" init={}", c.init_limit);
    if (c.sync_limit != 5) out += fmt::format(" sync={}", c.sync_limit);
    if (!c.observers.empty()) out += fmt::format(" observers={}", fmt::join(c.observers, ","));
    return out + link_options(c.latency_min_us, c.latency_max_us, c.leader_bind_us, c.seed, c.upstream_bugs) +
           container_options(c.containers) + host_uptime_option(c.host_uptime_ms) + super_digest_option(c.super_digest) +
           (c.skip_acl ? " skip-acl=yes" : "") +
           (c.snap_count != kDefaultSnapCount ? fmt::format(" snap-count={}", c.snap_count) : "");
  }
  std::string operator()(const ClusterConfig& c) const {
    return fmt::format("cluster config {}{}{}{}", word(c.path),
                       link_options(c.latency_min_us, c.latency_max_us, c.leader_bind_us, c.seed, c.upstream_bugs),
                       container_options(c.containers), host_uptime_option(c.host_uptime_ms) + super_digest_option(c.super_digest) +
                           (c.skip_acl ? " skip-acl=yes" : "") +
                           (c.snap_count ? fmt::format(" snap-count={}", *c.snap_count) : ""));
  }
  std::string operator()(const Start& c) const {
    std::string out = "start";
    for (const ServerRef& server : c.servers) out += " " + ref(server);
    if (c.every_us) out += fmt::format(" every={}", format_duration(*c.every_us));
    return out;
  }
  std::string operator()(const Kill& c) const { return "kill " + ref(c.server); }
  std::string operator()(const Restart& c) const { return "restart " + ref(c.server); }
  std::string operator()(const Partition& c) const {
    std::string out = "partition";
    for (size_t group = 0; group < c.groups.size(); ++group) {
      if (group > 0) out += " |";
      for (const PartitionMember& member : c.groups[group]) {
        out += " " + (member.is_client ? member.client : ref(member.server));
      }
    }
    return out;
  }
  std::string operator()(const Heal&) const { return "heal"; }
  std::string operator()(const Run& c) const { return "run " + format_duration(c.duration_us); }
  std::string operator()(const RunUntilLeader& c) const {
    return "run until leader" + timeout_option(c.timeout_us, RunUntilLeader{}.timeout_us);
  }
  std::string operator()(const RunUntilConverged& c) const {
    return "run until converged" + timeout_option(c.timeout_us, RunUntilConverged{}.timeout_us);
  }
  std::string operator()(const ClientConnect& c) const {
    std::string hosts;
    if (!c.host_order.empty()) {
      hosts = " " + fmt::format("{}", fmt::join(c.host_order, ","));
    } else if (!c.shuffled) {
      hosts = " " + ref(c.server);
    }
    return fmt::format("client {} connect{}{}", c.client, hosts, timeout_option(c.timeout_us, ClientConnect{}.timeout_us));
  }
  std::string operator()(const ClientCreate& c) const {
    std::string tail = c.data.empty() ? std::string() : " " + word(c.data);
    if (c.acl) tail = " " + word(c.data) + " " + word(acl_list_text(*c.acl));
    return fmt::format("{} create{} {}{}", c.client, create_flags(c.ephemeral, c.sequential, c.container, c.ttl_ms),
                       word(c.path), tail);
  }
  std::string operator()(const ClientAddAuth& c) const {
    return fmt::format("{} addauth {} {}", c.client, word(c.scheme), word(c.auth));
  }
  std::string operator()(const ClientSetAcl& c) const {
    const std::string version = c.version ? fmt::format(" -v {}", *c.version) : std::string();
    return fmt::format("{} setAcl{} {} {}", c.client, version, word(c.path), word(acl_list_text(c.acl)));
  }
  std::string operator()(const ClientGetAcl& c) const { return fmt::format("{} getAcl {}", c.client, word(c.path)); }
  std::string operator()(const ExpectAcl& c) const {
    return fmt::format("expect {} acl {}", c.client, word(acl_list_text(c.acl)));
  }
  std::string operator()(const ClientGet& c) const {
    return fmt::format("{} get{} {}", c.client, watch_flag(c.watch), word(c.path));
  }
  std::string operator()(const ClientSet& c) const {
    return fmt::format("{} set {} {}{}", c.client, word(c.path), word(c.data), version_option(c.version));
  }
  std::string operator()(const ClientLs& c) const {
    return fmt::format("{} ls{} {}", c.client, watch_flag(c.watch), word(c.path));
  }
  std::string operator()(const ClientStat& c) const {
    return fmt::format("{} stat{} {}", c.client, watch_flag(c.watch), word(c.path));
  }
  std::string operator()(const ClientDelete& c) const {
    return fmt::format("{} delete {}{}", c.client, word(c.path), version_option(c.version));
  }
  std::string operator()(const ClientSync& c) const { return fmt::format("{} sync {}", c.client, word(c.path)); }
  std::string operator()(const ClientClose& c) const { return c.client + " close"; }
  std::string operator()(const ClientCrash& c) const { return "crash " + c.client; }
  std::string operator()(const ClientMulti& c) const {
    std::string out = c.client + " multi";
    for (size_t i = 0; i < c.ops.size(); ++i) out += (i == 0 ? " " : " ; ") + multi_op(c.ops[i]);
    return out;
  }
  std::string operator()(const ExpectResults& c) const {
    return fmt::format("expect {} results {}", c.client, fmt::join(c.code_names, " "));
  }
  std::string operator()(const ExpectClientState& c) const {
    return fmt::format("expect {} state {}", c.client, client_keeper_state_name(c.state));
  }
  std::string operator()(const ExpectClientServer& c) const {
    return fmt::format("expect {} server {}", c.client, ref(c.server));
  }
  std::string operator()(const ExpectClientTimeout& c) const {
    return fmt::format("expect {} timeout {}", c.client, format_duration(c.timeout_us));
  }
  std::string operator()(const ExpectLeader& c) const { return "expect leader " + ref(c.server); }
  std::string operator()(const ExpectState& c) const {
    return fmt::format("expect state {} {}", ref(c.server), server_state_name(c.state));
  }
  std::string operator()(const ExpectOk& c) const { return fmt::format("expect {} ok", c.client); }
  std::string operator()(const ExpectError& c) const {
    return fmt::format("expect {} error {}", c.client, c.code_name);
  }
  std::string operator()(const ExpectData& c) const { return fmt::format("expect {} data {}", c.client, quoted(c.text)); }
  std::string operator()(const ExpectCreated& c) const {
    return fmt::format("expect {} created {}", c.client, word(c.path));
  }
  std::string operator()(const ExpectChildren& c) const {
    std::string out = fmt::format("expect {} children", c.client);
    for (const std::string& name : c.names) out += " " + word(name);
    return out;
  }
  std::string operator()(const ExpectStat& c) const {
    return fmt::format("expect {} {}", c.client, stat_check(c.field, c.value, c.session_of));
  }
  std::string operator()(const ExpectEvent& c) const {
    return fmt::format("expect {} event {} {}", c.client, watch_event_type_name(c.type), word(c.path));
  }
  std::string operator()(const ExpectNoEvent& c) const { return fmt::format("expect {} no-event", c.client); }
  std::string operator()(const ExpectConverged&) const { return "expect converged"; }
  std::string operator()(const Pause& c) const { return "pause " + ref(c.server); }
  std::string operator()(const Resume& c) const { return "resume " + ref(c.server); }
  std::string operator()(const HoldNext& c) const { return "hold " + ref(c.from) + " " + ref(c.to); }
  std::string operator()(const DropNext& c) const { return "drop " + ref(c.from) + " " + ref(c.to); }
  std::string operator()(const ReleaseHeld& c) const { return "release " + ref(c.from) + " " + ref(c.to); }
  std::string operator()(const SetNetwork& c) const {
    std::string out = "network";
    if (c.loss_ppm) out += " loss=" + parse::format_probability(*c.loss_ppm);
    if (c.duplicate_ppm) out += " duplicate=" + parse::format_probability(*c.duplicate_ppm);
    if (c.reorder_ppm) out += " reorder=" + parse::format_probability(*c.reorder_ppm);
    return out;
  }
  std::string operator()(const SetDisk& c) const {
    return fmt::format("disk fsync={}..{}", format_duration(c.fsync_min_us), format_duration(c.fsync_max_us));
  }
  std::string operator()(const LoadDisk& c) const {
    switch (c.source) {
      case DiskSource::kDir: return fmt::format("disk {} load {}", ref(c.server), word(c.path));
      case DiskSource::kClusterConfig: return fmt::format("disk {} load", ref(c.server));
      case DiskSource::kConfigFile: return fmt::format("disk {} load config {}", ref(c.server), word(c.path));
    }
    return "";
  }
  std::string operator()(const SetClients& c) const { return c.async ? "clients async" : "clients wait"; }
  std::string operator()(const ExpectFourLetter& c) const {
    return fmt::format("expect {} {} {} {}", c.word, ref(c.server), word(c.field), word(c.value));
  }
  std::string operator()(const ExpectNode& c) const {
    const std::string head = fmt::format("expect node {} {}", ref(c.server), word(c.path));
    switch (c.kind) {
      case NodeCheckKind::kData: return head + " data " + quoted(c.text);
      case NodeCheckKind::kChildren: {
        std::string out = head + " children";
        for (const std::string& name : c.names) out += " " + word(name);
        return out;
      }
      case NodeCheckKind::kMissing: return head + " missing";
      case NodeCheckKind::kStat: return head + " " + stat_check(c.field, c.value, c.session_of);
    }
    return head;
  }
  std::string operator()(const ExpectEpoch& c) const { return fmt::format("expect epoch {} {}", ref(c.server), c.epoch); }
  std::string operator()(const ExpectViolation& c) const { return "expect violation " + c.invariant; }
  std::string operator()(const ExpectZxid& c) const {
    return fmt::format("expect zxid {} {}", ref(c.server), zxid_hex(c.zxid));
  }
  std::string operator()(const Wire& c) const {
    switch (c.kind) {
      case Wire::Kind::kGateway: {
        std::string out = "wire gateway";
        if (!c.four_letter_whitelist.empty()) out += fmt::format(" 4lw={}", fmt::join(c.four_letter_whitelist, ","));
        if (c.max_buffer_bytes != 0xfffff) out += fmt::format(" maxbuffer={}", c.max_buffer_bytes);
        return out;
      }
      case Wire::Kind::kOpen: return fmt::format("wire {} open {} from {}", c.connection, c.server, c.remote_address);
      case Wire::Kind::kSend: {
        std::string hex;
        hex.reserve(c.bytes.size() * 2);
        for (const char byte : c.bytes) hex += fmt::format("{:02x}", static_cast<uint8_t>(byte));
        return fmt::format("wire {} send {}", c.connection, hex);
      }
      case Wire::Kind::kEof: return fmt::format("wire {} eof", c.connection);
      case Wire::Kind::kUnread: return fmt::format("wire {} unread", c.connection);
      case Wire::Kind::kForget: return fmt::format("wire {} forget", c.connection);
      case Wire::Kind::kCollect: return "wire collect";
    }
    return "wire";
  }
  std::string operator()(const ExpectWire& c) const {
    return fmt::format("expect wire {} got {} crc32={:08x}", c.connection, c.byte_count, c.crc32);
  }
};

}  // namespace

std::string format_step(const Command& command) { return std::visit(Formatter{}, command); }

std::string format_scenario(const Scenario& scenario) {
  std::string out = std::visit([](const auto& setup) { return format_step(Command(setup)); }, scenario.setup) + "\n";
  for (const Step& step : scenario.steps) out += format_step(step.command) + "\n";
  return out;
}

}  // namespace zk::sim
