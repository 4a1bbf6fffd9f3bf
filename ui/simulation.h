// Simulation: the GUI's handle on one simulated world. It owns the World, plays it forward
// in proportion to wall time (speed = virtual seconds per wall second), and applies the
// user's actions only through the world's command layer (start, kill, heal, ...), some of
// them scheduled at later virtual times (the "start 1-2-3, one second apart" lessons).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/world.h"

namespace zk::ui {

class Simulation {
 public:
  static constexpr int64_t kMaxEventsPerFrame = 200'000;

  void new_cluster(int server_count, uint64_t seed);
  // Schedules starts of the given servers, gap_us apart, beginning now.
  void start_in_order(const std::vector<ServerId>& order, int64_t gap_us);
  std::string kill_leader();
  std::string heal();
  void step_one_event();
  // Advances virtual time by wall_seconds x speed while playing.
  void advance(double wall_seconds);

  const sim::World* world() const { return world_ ? &*world_ : nullptr; }
  bool playing = false;
  double speed = 1.0;  // virtual seconds per wall second
  const std::string& last_error() const { return last_error_; }

 private:
  struct Pending {
    int64_t at_us;
    ServerId start_server;
  };
  void apply_due();

  std::optional<sim::World> world_;
  std::vector<Pending> pending_;  // sorted by time
  std::string last_error_;
};

}  // namespace zk::ui
