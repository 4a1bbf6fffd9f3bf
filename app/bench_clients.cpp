// `zksim bench clients [--clients N] [--servers N]`: how the simulator scales with the number
// of clients (a benchmark that prints figures, not a test). A scenario connects N clients
// one `client cI connect S` step at a time to an ensemble of 3 servers, then each client in
// turn creates one znode (`cI create /cI`), then it runs one virtual minute in which every
// session pings. Each step runs until its client's connect settles or its reply arrives, as
// `zksim run` does, and that predicate looks the client up by name after every event (issue
// 20: a scan of the clients by name made this about n^3). Printed per N: process CPU and wall
// seconds, events, and the clients connected at the end. Default N: 1,250, 2,500, 5,000 and
// 10,000. README "Benchmark: zksim bench clients".
#include <fmt/format.h>

#include <algorithm>
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

// Parses the scenario's lines in parts, each behind the same cluster line, and joins their
// steps: from about 90,000 clients on the whole text is larger than a scenario file may be
// (4 MB). Returns false, having said why, if a part does not parse.
bool parse_in_parts(const std::string& cluster_line, const std::vector<std::string>& lines, sim::Scenario& scenario) {
  constexpr size_t kLinesPerPart = 20'000;
  for (size_t first = 0; first < lines.size(); first += kLinesPerPart) {
    std::string text = cluster_line;
    for (size_t i = first; i < std::min(lines.size(), first + kLinesPerPart); ++i) text += lines[i];
    sim::ParseResult part = sim::parse_scenario(text, "bench-clients.zks");
    if (!part.ok()) {
      fmt::print("bench clients: {}\n", part.error);
      return false;
    }
    if (first == 0) {
      scenario = std::move(part.scenario);
      continue;
    }
    for (sim::Step& step : part.scenario.steps) {
      step.line += static_cast<int>(first);
      scenario.steps.push_back(std::move(step));
    }
  }
  return true;
}

void bench_clients(int clients, int servers) {
  const std::string cluster_line = fmt::format("cluster {}\n", servers);
  std::vector<std::string> lines;
  std::string start = "start";
  for (int id = 1; id <= servers; ++id) start += fmt::format(" {}", id);
  lines.push_back(start + "\n");
  lines.push_back("run until leader\n");
  for (int i = 0; i < clients; ++i) lines.push_back(fmt::format("client c{} connect {}\n", i, i % servers + 1));
  for (int i = 0; i < clients; ++i) lines.push_back(fmt::format("c{0} create /c{0}\n", i));
  lines.push_back("run 60s\n");
  sim::Scenario scenario;
  if (!parse_in_parts(cluster_line, lines, scenario)) return;
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
  fmt::print("{:>6} clients connect, create a znode each and ping for a virtual minute on {} servers: "
             "{:7.2f} s CPU, {:7.2f} s wall, {} events, {} connected at the end{}\n",
             clients, servers, cpu_s, wall_s, report.events, connected,
             report.ok() ? "" : fmt::format(" (run error: {})", report.error));
}

}  // namespace

int run_bench_clients(const std::vector<std::string>& args) {
  std::vector<int> counts{1250, 2500, 5000, 10000};
  int servers = 3;
  for (size_t i = 0; i < args.size(); ++i) {
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
  for (const int n : counts) bench_clients(n, servers);
  return 0;
}

}  // namespace zk::app
