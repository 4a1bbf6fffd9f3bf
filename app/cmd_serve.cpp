// `zksim serve [SCENARIO.zks] [--servers N] [--port P] [--bind ADDR] [--speed X] [--seed N]
// [--max-seconds S] [--4lw-whitelist LIST] [--super-digest USER:BASE64] [--skip-acl] [--record OUT.zks]
// [--oracle HOST:PORT]`:
// live mode. Without a scenario: starts an ensemble of N simulated servers, waits until a
// leader serves, and opens one TCP client port per server (server i on P+i-1) where real
// ZooKeeper clients (zkCli, kazoo, the C client, an application) connect with ZooKeeper's
// own wire protocol (sim/gateway/). With a scenario: its `cluster` line makes the ensemble
// (a `cluster config` zoo.cfg's clientPort / `;port` gives each server's port), the ports
// open at once, and its steps run at their virtual times as a fault schedule
// (sim/gateway/serve_schedule.h). The world runs paced to the wall clock. Lines on stdin act
// on the ensemble while clients are connected: `kill N|leader`, `restart N`, `pause N`,
// `resume N`; each prints one line. Stops on SIGINT/SIGTERM or after --max-seconds wall
// seconds. --record writes the session as a scenario that `zksim run` replays byte for byte
// (sim/gateway/live_recorder.h); --oracle mirrors the first client to a real ZooKeeper and
// prints every reply that differs (sim/gateway/oracle_link.h).
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <optional>
#include <chrono>
#include <csignal>
#include <algorithm>
#include <set>
#include <sstream>

#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/gateway/four_letter_port.h"
#include "sim/gateway/live_recorder.h"
#include "sim/gateway/oracle_link.h"
#include "sim/gateway/serve_schedule.h"
#include "sim/gateway/socket_loop.h"
#include "sim/scenario/scenario_action.h"
#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/text/text_file.h"
#include "sim/text/text_words.h"

namespace zk::app {
namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop.store(true); }

struct ServeArgs {
  std::string scenario_path;  // empty: --servers N, all started
  bool servers_given = false;
  bool seed_given = false;
  int servers = 3;
  int port = 2181;
  std::string bind = "127.0.0.1";
  double speed = 1.0;
  uint64_t seed = 1;
  int max_seconds = 0;  // 0: until stopped
  std::vector<std::string> four_letter_whitelist = {"srvr"};  // 4lw.commands.whitelist
  std::string super_digest;  // zookeeper.DigestAuthenticationProvider.superDigest
  bool skip_acl = false;     // zookeeper.skipACL=yes
  std::string record_path;   // --record OUT.zks
  std::string oracle;        // --oracle HOST:PORT
};

std::string parse_args(const Args& args, ServeArgs& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.starts_with("--")) {
      if (!out.scenario_path.empty()) return fmt::format("serve: one scenario at most ('{}' and '{}')", out.scenario_path, a);
      out.scenario_path = a;
      continue;
    }
    if (a == "--skip-acl") {
      out.skip_acl = true;
      continue;
    }
    if (i + 1 >= args.size()) return fmt::format("serve: {} needs a value", a);
    const std::string& v = args[++i];
    if (a == "--servers") {
      if (auto e = parse_number_option(a, v, 1, 9, out.servers); !e.empty()) return e;
      out.servers_given = true;
    } else if (a == "--port") {
      if (auto e = parse_number_option(a, v, 1, 65535, out.port); !e.empty()) return e;
    } else if (a == "--4lw-whitelist") {
      if (auto e = sim::gateway::parse_four_letter_whitelist(v, out.four_letter_whitelist); !e.empty()) {
        return "--4lw-whitelist: " + e;
      }
    } else if (a == "--super-digest") {
      if (!digest_id_valid(v)) return fmt::format("--super-digest needs USER:BASE64 (e.g. super:g9oN2HttPfn8MMWJZ2r45Np/LIA=), saw '{}'", v);
      out.super_digest = v;
    } else if (a == "--oracle") {
      if (auto e = sim::gateway::OracleLink::check_address(v); !e.empty()) return e;
      out.oracle = v;
    } else if (a == "--record") {
      if (v.empty()) return "--record needs a file name";
      out.record_path = v;
    } else if (a == "--bind") {
      out.bind = v;
    } else if (a == "--seed") {
      if (auto e = parse_number_option(a, v, 0, UINT64_MAX, out.seed); !e.empty()) return e;
      out.seed_given = true;
    } else if (a == "--max-seconds") {
      if (auto e = parse_number_option(a, v, 1, 1'000'000, out.max_seconds); !e.empty()) return e;
    } else if (a == "--speed") {
      char* end = nullptr;
      out.speed = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(out.speed >= 0.01 && out.speed <= 100)) {
        return fmt::format("--speed needs a number in 0.01..100, saw '{}'", v);
      }
    } else {
      return fmt::format("serve: unknown option '{}'", a);
    }
  }
  if (!out.scenario_path.empty() && out.servers_given) {
    return "serve: --servers and a scenario both say how many servers; the scenario's cluster line decides";
  }
  if (out.port + out.servers - 1 > 65535) return fmt::format("--port {} leaves no room for {} servers", out.port, out.servers);
  return {};
}

// One console line: a command on the ensemble, applied as the scenario command of that name
// (and recorded as one); returns what to print.
std::string run_console_line(sim::World& world, const std::string& line, sim::gateway::LiveRecorder* recorder) {
  std::istringstream words(line);
  std::string verb, target;
  words >> verb >> target;
  if (verb.empty()) return {};
  ServerId id = 0;
  if (target == "leader") {
    const auto leader = world.leader();
    if (!leader) return "no leader now";
    id = *leader;
  } else {
    id = std::atoi(target.c_str());
  }
  const sim::ServerRef server{.id = static_cast<int>(id)};
  sim::Command command;
  if (verb == "kill") command = sim::Kill{.server = server};
  else if (verb == "restart") command = sim::Restart{.server = server};
  else if (verb == "start") command = sim::Start{.servers = {server}};
  else if (verb == "pause") command = sim::Pause{.server = server};
  else if (verb == "resume") command = sim::Resume{.server = server};
  else return fmt::format("unknown command '{}' (kill|restart|start|pause|resume N|leader)", verb);
  if (id < 1 || id > world.server_count()) return fmt::format("no server {} (1..{})", target, world.server_count());
  if (recorder) recorder->step(command);
  const sim::ActionOutcome outcome = sim::apply_action(world, command);
  return outcome.error.empty() ? fmt::format("{} S{}: done at {}", verb, id, sim::format_time_us(world.now_us()))
                               : outcome.error;
}

// The scenario's schedule and the client ports its cluster line gives: a zoo.cfg's
// clientPort (one port for every server, as one process per host would use) or each server
// line's `;port`; otherwise --port P for server 1, P+1 for server 2, ...
struct LoadedSchedule {
  std::optional<sim::gateway::ServeSchedule> schedule;
  sim::ClusterSetup setup;  // as the file says it (a recording writes it again)
  sim::Cluster cluster;
  std::vector<int> ports;
  std::string error;
};

LoadedSchedule load_schedule(const ServeArgs& options) {
  LoadedSchedule out;
  const sim::FileText text = sim::read_text_file(options.scenario_path);
  if (!text.ok()) {
    out.error = sim::escape_for_message(fmt::format("{}: {}", options.scenario_path, text.error));
    return out;
  }
  const sim::FileReader reader = [](const std::string& path) { return sim::read_text_file(path); };
  sim::ParseResult parsed = sim::parse_scenario(text.text, options.scenario_path, reader);
  for (const std::string& warning : parsed.warnings) fmt::print(stderr, "{}\n", sim::escape_for_message(warning));
  if (!parsed.ok()) {
    out.error = sim::escape_for_message(parsed.error);
    return out;
  }
  out.setup = parsed.scenario.setup;
  out.cluster = sim::effective_cluster(parsed.scenario.setup);
  std::string note;
  out.ports = sim::gateway::client_ports(parsed.scenario.setup, out.cluster.server_count, options.port, &note);
  if (!note.empty()) fmt::print(stderr, "zksim serve: {}\n", note);
  if (out.ports.back() > 65535) out.error = fmt::format("client ports up to {} do not fit", out.ports.back());
  out.schedule.emplace(std::move(parsed.scenario));
  return out;
}

// A recording's cluster line: the scenario's own (a zoo.cfg by its absolute path), or
// `cluster N`, with the seed and the command line's ACL options written out.
std::string recording_cluster_line(const LoadedSchedule& loaded, const sim::Cluster& cluster, uint64_t seed) {
  if (const auto* config = std::get_if<sim::ClusterConfig>(&loaded.setup)) {
    sim::ClusterConfig copy = *config;
    copy.path = std::filesystem::absolute(copy.resolved_path).lexically_normal().string();
    copy.seed = seed;
    copy.super_digest = cluster.super_digest;
    copy.skip_acl = cluster.skip_acl && !config->cfg.skip_acl;
    return sim::format_step(sim::Command(copy));
  }
  sim::Cluster copy = cluster;
  copy.seed = seed;
  return sim::format_step(sim::Command(copy));
}

std::vector<std::string> recording_comments(const ServeArgs& options) {
  return {"A live session recorded by `zksim serve --record`: what real clients sent, as the gateway got it.",
          fmt::format("Scenario: {}.", options.scenario_path.empty() ? "none (--servers)" : options.scenario_path),
          "Replay it with `zksim run FILE`: every expect wire line checks the bytes a client was sent."};
}

}  // namespace

int cmd_serve(const Args& args) {
  ServeArgs options;
  if (const std::string error = parse_args(args, options); !error.empty()) return usage_error(error);
  if (options.bind != "127.0.0.1") {
    fmt::print(stderr, "zksim serve: WARNING: listening on {}, not only on this machine (127.0.0.1)\n", options.bind);
  }
  LoadedSchedule loaded;
  sim::Cluster cluster;  // what makes the world; a recording's cluster line says it again
  uint64_t seed = options.seed;
  if (!options.scenario_path.empty()) {
    loaded = load_schedule(options);
    if (!loaded.error.empty()) {
      fmt::print(stderr, "{}\n", loaded.error);
      return 2;
    }
    cluster = loaded.cluster;
    seed = options.seed_given ? options.seed : loaded.cluster.seed.value_or(1);
    for (const std::string& note : loaded.schedule->notes()) fmt::print(stderr, "{}\n", note);
  } else {
    cluster.server_count = options.servers;
  }
  // The command line's ACL options win over a scenario's.
  if (!options.super_digest.empty()) cluster.super_digest = options.super_digest;
  if (options.skip_acl) cluster.skip_acl = true;
  sim::World world(sim::world_config(cluster, seed));
  world.set_trace_window(sim::World::kHeadlessTraceWindow);  // nothing reads the trace after the checker
  sim::gateway::ServeConfig serve_config;
  serve_config.bind_address = options.bind;
  serve_config.speed = options.speed;
  serve_config.gateway.four_letter_whitelist = options.four_letter_whitelist;
  std::vector<sim::Command> setup_steps;  // what ran before the ports opened
  if (loaded.schedule) {
    serve_config.ports = loaded.ports;
    fmt::print("zksim serve: {} servers from {}, clients on {}:{} (speed {}x); its steps run as virtual time passes\n",
               cluster.server_count, options.scenario_path, options.bind, fmt::join(serve_config.ports, ","),
               options.speed);
  } else {
    sim::Start start;
    for (ServerId id = 1; id <= options.servers; ++id) {
      world.start(id);
      start.servers.push_back(sim::ServerRef{.id = static_cast<int>(id)});
    }
    setup_steps.push_back(start);
    // Every server serving before the ports open: a client's first server then answers.
    if (!world.run_until([](const sim::World& w) { return converged(w, sim::ConvergenceScope::kEveryLiveServer); },
                         60'000'000)) {
      fmt::print(stderr, "zksim serve: the ensemble did not converge within 60 s of virtual time\n");
      return 1;
    }
    for (int i = 0; i < options.servers; ++i) serve_config.ports.push_back(options.port + i);
    fmt::print("zksim serve: {} servers, leader S{}, clients on {}:{}..{} (speed {}x)\n", options.servers,
               *world.leader(), options.bind, options.port, options.port + options.servers - 1, options.speed);
  }
  sim::gateway::GatewayObservers observers;
  std::optional<sim::gateway::LiveRecorder> recorder;
  if (!options.record_path.empty()) {
    recorder.emplace(world, options.record_path);
    if (!recorder->error().empty()) {
      fmt::print(stderr, "zksim serve: {}\n", recorder->error());
      return 2;
    }
    recorder->begin(recording_comments(options), recording_cluster_line(loaded, cluster, seed), serve_config.gateway,
                    setup_steps);
    observers.add(&*recorder);
    fmt::print("zksim serve: recording to {} (replay: zksim run {})\n", options.record_path, options.record_path);
  }
  std::optional<sim::gateway::OracleLink> oracle;
  if (!options.oracle.empty()) {
    oracle.emplace(options.oracle, [](const std::string& line) {
      fmt::print("{}\n", sim::escape_for_message(line));
      std::fflush(stdout);
    });
    observers.add(&*oracle);
    fmt::print("zksim serve: the first client is mirrored to the real ZooKeeper at {}\n", options.oracle);
  }
  if (!observers.empty()) serve_config.observer = &observers;
  std::fflush(stdout);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  const auto started = std::chrono::steady_clock::now();
  const bool stdin_open = ::fcntl(0, F_SETFL, ::fcntl(0, F_GETFL) | O_NONBLOCK) == 0;
  std::string pending_input;
  bool stdin_done = !stdin_open;
  const std::string error = sim::gateway::serve(world, serve_config, g_stop, [&](sim::World& w, sim::gateway::Gateway&) {
    if (options.max_seconds > 0 &&
        std::chrono::steady_clock::now() - started >= std::chrono::seconds(options.max_seconds)) {
      return std::string("stop");
    }
    if (w.violation()) return "invariant violated: " + w.violation()->invariant;
    if (loaded.schedule) {
      const sim::gateway::ServeSchedule::Turn turn = loaded.schedule->poll(w);
      if (recorder) for (const sim::Command& command : turn.applied) recorder->step(command);
      for (const std::string& line : turn.lines) fmt::print("{}\n", sim::escape_for_message(line));
      if (!turn.lines.empty()) std::fflush(stdout);
      if (!turn.error.empty()) return "scenario: " + sim::escape_for_message(turn.error);
    }
    while (!stdin_done) {
      char buffer[512];
      const ssize_t n = ::read(0, buffer, sizeof buffer);
      if (n == 0) stdin_done = true;
      if (n <= 0) break;
      pending_input.append(buffer, static_cast<size_t>(n));
      if (pending_input.size() > 64 * 1024) pending_input.clear();
    }
    for (size_t eol; (eol = pending_input.find('\n')) != std::string::npos;) {
      const std::string reply = run_console_line(w, pending_input.substr(0, eol), recorder ? &*recorder : nullptr);
      pending_input.erase(0, eol + 1);
      if (!reply.empty()) fmt::print("{}\n", reply), std::fflush(stdout);
    }
    if (recorder) recorder->flush();
    return std::string();
  });
  if (recorder) recorder->finish();
  if (oracle) oracle->close();
  if (!error.empty()) {
    fmt::print(stderr, "zksim serve: {}\n", error);
    return error.rfind("invariant", 0) == 0 || error.rfind("scenario", 0) == 0 ? 1 : 2;
  }
  return 0;
}

}  // namespace zk::app
