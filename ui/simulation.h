// Simulation: the GUI's handle on one simulated world. It owns the World, plays it forward
// in proportion to wall time (speed = virtual seconds per wall second), and changes it only
// through apply(), which takes the same sim::Command values a `.zks` scenario is made of and
// runs them through sim::apply_action — the command layer shared with the headless runner.
// Every applied command is recorded with its virtual time (for "Save as scenario");
// `start ... every=DUR` is recorded once and its later starts are scheduled.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/world.h"

namespace zk::ui {

struct RecordedAction {
  int64_t at_us = 0;     // virtual time at which the user applied it
  sim::Command command;  // as the user gave it (`kill leader` stays symbolic)
};

class Simulation {
 public:
  static constexpr int64_t kMaxEventsPerFrame = 200'000;
  static constexpr size_t kMaxRecordedActions = 100'000;

  void new_cluster(const sim::Cluster& setup, uint64_t seed);
  void new_cluster(int server_count, uint64_t seed);
  // Applies one acting command now (kill, restart, pause, resume, partition, heal, network,
  // hold, drop, release, start, client connect and client operations). Returns "" or a
  // one-line error (also kept in last_error()). Not for run/expect/cluster commands.
  std::string apply(const sim::Command& command);
  // Schedules starts of the given servers, gap_us apart, beginning now (one recorded
  // `start A B C every=GAP` command).
  void start_in_order(const std::vector<ServerId>& order, int64_t gap_us);
  std::string kill_leader();
  std::string heal();
  void step_one_event();
  // Runs virtual time forward by duration_us, applying scheduled starts on the way
  // (the same as a scenario's `run DUR`).
  void run_for(int64_t duration_us);
  // Advances virtual time by wall_seconds x speed while playing.
  void advance(double wall_seconds);

  const sim::World* world() const { return world_ ? &*world_ : nullptr; }
  const sim::Cluster& setup() const { return setup_; }
  uint64_t seed() const { return seed_; }
  const std::vector<RecordedAction>& recorded() const { return recorded_; }
  bool playing = false;
  double speed = 1.0;  // virtual seconds per wall second
  // > 0: advance() stops after this much wall time (the simulation then lags behind the
  // wall clock instead of stalling the frame). 0: no limit (scripted, reproducible runs).
  double wall_budget_s = 0.0;
  const std::string& last_error() const { return last_error_; }

 private:
  struct Pending {
    int64_t at_us;
    sim::Command command;  // an instant action
  };
  void apply_due();
  std::string apply_now(const sim::Command& command);

  std::optional<sim::World> world_;
  sim::Cluster setup_;
  uint64_t seed_ = 1;
  std::vector<Pending> pending_;  // sorted by time
  std::vector<RecordedAction> recorded_;
  std::string last_error_;
};

}  // namespace zk::ui
