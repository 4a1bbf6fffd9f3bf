// Round-robin writes from one client per server, paced in virtual time.
#include "ui/load_generator.h"

#include <fmt/format.h>

#include "sim/world/world.h"
#include "sim/replay/recorded_run.h"

namespace zk::ui {

void LoadGenerator::issue_due(sim::RecordedRun& simulation, std::chrono::steady_clock::time_point deadline) {
  const sim::World* world = simulation.world();
  if (world == nullptr || writes_per_second_ <= 0) return;
  const int n = world->server_count();
  if (!connected_) {
    if (!world->leader_serving()) return;
    for (int id = 1; id <= n; ++id) {
      simulation.apply(sim::ClientConnect{.client = fmt::format("load{}", id),
                                          .server = sim::ServerRef{.is_leader = false, .id = id},
                                          .timeout_us = 30'000'000});
    }
    connected_ = true;
    next_write_us_ = world->now_us() + 1'000'000;  // let the sessions open
    return;
  }
  const int64_t gap_us = std::max<int64_t>(1, 1'000'000 / writes_per_second_);
  for (int64_t issued = 0; next_write_us_ <= world->now_us() && issued < kMaxWritesPerCall; ++issued) {
    if (std::chrono::steady_clock::now() > deadline) return;
    const int id = static_cast<int>(writes_issued_ % n) + 1;
    const std::string client = fmt::format("load{}", id);
    const std::string path = fmt::format("/load{}", id);
    const sim::SimClient* c = world->client(client);
    if (c != nullptr && c->state() == sim::ClientState::kConnected) {
      if (writes_issued_ < n) {
        simulation.apply(sim::ClientCreate{.client = client, .ephemeral = false, .sequential = false, .path = path, .data = "0"});
      } else {
        simulation.apply(sim::ClientSet{.client = client, .path = path, .data = fmt::format("{}", writes_issued_), .version = std::nullopt});
      }
    }
    ++writes_issued_;
    next_write_us_ += gap_us;
  }
}

}  // namespace zk::ui
