// ServeSchedule: a scenario's steps against a live World, one due step at a time (see
// serve_schedule.h).
#include "sim/gateway/serve_schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <type_traits>
#include <utility>
#include <variant>

#include "sim/scenario/scenario_action.h"
#include "sim/scenario/scenario_format.h"
#include "sim/text/duration.h"

namespace zk::sim::gateway {

std::vector<int> client_ports(const ClusterSetup& setup, int server_count, int default_port, std::string* note) {
  std::vector<int> ports;
  for (int id = 1; id <= server_count; ++id) ports.push_back(default_port + id - 1);
  const auto* config = std::get_if<ClusterConfig>(&setup);
  if (config == nullptr) return ports;
  for (const ZooCfgServer& server : config->cfg.servers) {
    const std::optional<int> port = server.client_port ? server.client_port : config->cfg.client_port;
    if (port && server.id >= 1 && server.id <= server_count) ports[static_cast<size_t>(server.id - 1)] = *port;
  }
  const std::set<int> distinct(ports.begin(), ports.end());
  if (distinct.size() != ports.size()) {
    const int base = *std::min_element(ports.begin(), ports.end());
    *note = fmt::format("{}: the servers share client ports; on this one machine server i listens on {}+i-1",
                        config->resolved_path, base);
    for (int id = 1; id <= server_count; ++id) ports[static_cast<size_t>(id - 1)] = base + id - 1;
  }
  return ports;
}

ServeSchedule::ServeSchedule(Scenario scenario) : scenario_(std::move(scenario)) {
  for (const Step& step : scenario_.steps) {
    if (is_expectation(step.command)) {
      notes_.push_back(fmt::format("{}: {}: not checked in live mode (zksim run checks it)", where(step),
                                   format_step(step.command)));
    }
  }
}

void ServeSchedule::stop(Turn* turn, std::string error) {
  turn->error = std::move(error);
  wait_ = Wait::kNone;
  next_ = scenario_.steps.size();
}

std::string ServeSchedule::where(const Step& step) const { return fmt::format("{}:{}", scenario_.file_name, step.line); }

ServeSchedule::Turn ServeSchedule::poll(World& world) {
  return poll(world, [&world](const Command& command) {
    if (const auto* disk = std::get_if<SetDisk>(&command)) {
      world.set_fsync_latency(disk->fsync_min_us, disk->fsync_max_us);
      return std::string();
    }
    return apply_action(world, command).error;
  });
}

ServeSchedule::Turn ServeSchedule::poll(const World& world, const Apply& apply) {
  Turn turn;
  while (next_ < scenario_.steps.size()) {
    const Step& step = scenario_.steps[next_];
    if (waiting()) {
      if (!wait_over(world, apply, step, &turn)) return turn;
      wait_ = Wait::kNone;
      ++next_;
      continue;
    }
    if (!begin(world, apply, step, &turn)) return turn;
    if (!waiting()) ++next_;
  }
  return turn;
}

bool ServeSchedule::begin(const World& world, const Apply& apply, const Step& step, Turn* turn) {
  const Command& command = step.command;
  const std::string at = format_time_us(world.now_us());
  if (is_expectation(command)) return true;  // listed in notes()
  if (const auto* start = std::get_if<Start>(&command); start && !is_instant_action(command)) {
    // start A B ... every=DUR: the first now, each next one DUR later.
    started_ = 0;
    wait_ = Wait::kStartEvery;  // poll() starts the first one at once
    wait_until_us_ = world.now_us();
    return true;
  }
  if (is_instant_action(command)) {
    // `kill leader` and its kind act on the server that leads now; what is recorded names it.
    Command applied = command;
    std::visit(
        [&](auto& c) {
          using T = std::decay_t<decltype(c)>;
          if constexpr (std::is_same_v<T, Kill> || std::is_same_v<T, Restart> || std::is_same_v<T, Pause> ||
                        std::is_same_v<T, Resume>) {
            ServerId id = 0;
            if (c.server.is_leader && resolve_server(world, c.server, &id).empty()) {
              c.server = ServerRef{.is_leader = false, .id = static_cast<int>(id)};
            }
          }
        },
        applied);
    if (const std::string error = apply(applied); !error.empty()) {
      stop(turn, fmt::format("{}: {}: {}", where(step), format_step(command), error));
      return false;
    }
    turn->lines.push_back(fmt::format("{}: {} (at {})", where(step), format_step(command), at));
    if (auto* load = std::get_if<LoadDisk>(&applied)) {
      load->path = std::filesystem::absolute(load->resolved_path).lexically_normal().string();
    }
    turn->applied.push_back(std::move(applied));
    return true;
  }
  if (const auto* run = std::get_if<Run>(&command)) {
    wait_ = Wait::kUntil;
    wait_until_us_ = world.now_us() + run->duration_us;
  } else if (const auto* leader = std::get_if<RunUntilLeader>(&command)) {
    wait_ = Wait::kLeader;
    wait_until_us_ = world.now_us() + leader->timeout_us;
  } else if (const auto* converged_step = std::get_if<RunUntilConverged>(&command)) {
    wait_ = Wait::kConverged;
    wait_until_us_ = world.now_us() + converged_step->timeout_us;
  } else if (std::holds_alternative<SetDisk>(command)) {
    if (const std::string error = apply(command); !error.empty()) {
      stop(turn, fmt::format("{}: {}: {}", where(step), format_step(command), error));
      return false;
    }
    turn->applied.push_back(command);
    turn->lines.push_back(fmt::format("{}: {} (at {})", where(step), format_step(command), at));
    return true;
  } else if (std::holds_alternative<SetClients>(command)) {
    // `clients async|wait`: simulated clients' operations never block a live schedule.
    return true;
  } else {
    stop(turn, fmt::format("{}: {}: cannot run in live mode", where(step), format_step(command)));
    return false;
  }
  turn->lines.push_back(fmt::format("{}: {} (from {})", where(step), format_step(command), at));
  return true;
}

bool ServeSchedule::wait_over(const World& world, const Apply& apply, const Step& step, Turn* turn) {
  switch (wait_) {
    case Wait::kNone: return true;
    case Wait::kUntil: return world.now_us() >= wait_until_us_;
    case Wait::kLeader:
    case Wait::kConverged: {
      const bool reached = wait_ == Wait::kLeader ? world.leader_serving()
                                                  : converged(world, ConvergenceScope::kEveryLiveServer);
      if (reached) {
        turn->lines.push_back(fmt::format("{}: {}: reached at {}", where(step), format_step(step.command),
                                          format_time_us(world.now_us())));
        return true;
      }
      if (world.now_us() >= wait_until_us_) {
        stop(turn, fmt::format("{}: {}: not reached by {}", where(step), format_step(step.command),
                               format_time_us(wait_until_us_)));
      }
      return false;
    }
    case Wait::kStartEvery: {
      const auto& start = std::get<Start>(step.command);
      while (started_ < start.servers.size() && world.now_us() >= wait_until_us_) {
        Start one;
        one.servers = {start.servers[started_]};
        if (const std::string error = apply(one); !error.empty()) {
          stop(turn, fmt::format("{}: {}: {}", where(step), format_step(Command(one)), error));
          return false;
        }
        turn->lines.push_back(fmt::format("{}: {} (at {})", where(step), format_step(Command(one)),
                                          format_time_us(world.now_us())));
        turn->applied.push_back(one);
        ++started_;
        wait_until_us_ += *start.every_us;
      }
      return started_ >= start.servers.size();
    }
  }
  return true;
}

}  // namespace zk::sim::gateway
