// `zksim bench clients [--clients N] [--servers N] [--connect-only]`: how the simulator scales
// with the number of clients (a benchmark that prints figures, not a test). A scenario
// connects N clients one `client cI connect S` step at a time to an ensemble of 3 servers,
// then each client in turn creates one znode (`cI create /cI`; not with --connect-only, the
// issue's own measure), then it runs one virtual minute in which every session pings. Each
// step runs until its client's connect settles or its reply arrives, as `zksim run` does
// (issue 20: looking the client up by name after every event made this about n^3; a step
// now resolves its client once). Printed per N: process CPU and wall seconds, events, and
// the clients connected at the end. Default N: 1,250, 2,500, 5,000 and 10,000. README
// "Benchmark: zksim bench clients".
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <string>
#include <vector>

#include "app/bench.h"
#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"

namespace zk::app {
namespace {

// The scenario, built from a parsed one-client template whose connect and create steps are
// repeated for every client (the text of 100,000 clients would pass the 4 MB limit of a
// scenario file). Returns false, having said why, if the template does not parse.
bool build_scenario(int clients, int servers, bool creates, sim::Scenario& scenario) {
  std::string text = fmt::format("cluster {}\nstart", servers);
  for (int id = 1; id <= servers; ++id) text += fmt::format(" {}", id);
  text += "\nrun until leader\nclient c0 connect 1\nc0 create /c0\nrun 60s\n";
  sim::ParseResult parsed = sim::parse_scenario(text, "bench-clients.zks");
  if (!parsed.ok()) {
    fmt::print("bench clients: {}\n", parsed.error);
    return false;
  }
  std::vector<sim::Step> steps = std::move(parsed.scenario.steps);  // start, run until, connect, create, run
  scenario = std::move(parsed.scenario);
  scenario.steps = {steps[0], steps[1]};
  int line = steps[2].line;
  for (int i = 0; i < clients; ++i) {
    sim::Step step = steps[2];
    auto& connect = std::get<sim::ClientConnect>(step.command);
    connect.client = fmt::format("c{}", i);
    connect.server = sim::ServerRef{.is_leader = false, .id = i % servers + 1};
    step.line = line++;
    scenario.steps.push_back(std::move(step));
  }
  for (int i = 0; creates && i < clients; ++i) {
    sim::Step step = steps[3];
    auto& create = std::get<sim::ClientCreate>(step.command);
    create.client = fmt::format("c{}", i);
    create.path = fmt::format("/c{}", i);
    step.line = line++;
    scenario.steps.push_back(std::move(step));
  }
  steps[4].line = line;
  scenario.steps.push_back(std::move(steps[4]));
  return true;
}

void bench_clients(int clients, int servers, bool creates) {
  sim::Scenario scenario;
  if (!build_scenario(clients, servers, creates, scenario)) return;
  sim::RunOptions options;
  options.echo_steps = false;
  options.keep_trace = false;
  int connected = 0;
  options.inspect_world = [&](const sim::World& world) {
    for (const sim::ClientSlot& slot : world.clients()) connected += slot.client.state() == sim::ClientState::kConnected;
  };
  const auto wall_start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const sim::RunReport report = sim::run_scenario(scenario, std::nullopt, options);
  const double cpu_s = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  fmt::print("{:>6} clients connect, {}ping for a virtual minute on {} servers: "
             "{:7.2f} s CPU, {:7.2f} s wall, {} events, {} connected at the end{}\n",
             clients, creates ? "create a znode each and " : "", servers, cpu_s, wall_s, report.events, connected,
             report.ok() ? "" : fmt::format(" (run error: {})", report.error));
}

}  // namespace

int run_bench_clients(const std::vector<std::string>& args) {
  std::vector<int> counts{1250, 2500, 5000, 10000};
  int servers = 3;
  bool creates = true;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--connect-only") {
      creates = false;
      continue;
    }
    if (args[i] != "--clients" && args[i] != "--servers") {
      return usage_error(fmt::format("bench clients: unknown argument '{}'", args[i]));
    }
    if (i + 1 >= args.size()) return usage_error(fmt::format("bench clients: {} needs a value", args[i]));
    int value = 0;
    const bool is_clients = args[i] == "--clients";
    if (auto e = parse_number_option(args[i], args[i + 1], 1, is_clients ? 100'000 : 9, value); !e.empty()) {
      return usage_error("bench clients: " + e);
    }
    ++i;
    if (is_clients) {
      counts = {value};
    } else {
      servers = value;
    }
  }
  for (const int n : counts) bench_clients(n, servers, creates);
  return 0;
}

}  // namespace zk::app
