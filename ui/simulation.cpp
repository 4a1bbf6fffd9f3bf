// Driving the world from the GUI: the command layer (apply), scheduled starts and playback.
#include "ui/simulation.h"

#include <algorithm>
#include <chrono>

#include "sim/scenario_action.h"

namespace zk::ui {

void Simulation::new_cluster(const sim::Cluster& setup, uint64_t seed) {
  sim::WorldConfig config;
  config.server_count = setup.server_count;
  config.tick_us = setup.tick_ms * 1000;
  config.init_limit = setup.init_limit;
  config.sync_limit = setup.sync_limit;
  config.latency_min_us = setup.latency_min_us;
  config.latency_max_us = setup.latency_max_us;
  config.seed = seed;
  world_.emplace(config);
  setup_ = setup;
  seed_ = seed;
  pending_.clear();
  recorded_.clear();
  last_error_.clear();
}

void Simulation::new_cluster(int server_count, uint64_t seed) {
  sim::Cluster setup;
  setup.server_count = server_count;
  new_cluster(setup, seed);
}

std::string Simulation::apply_now(const sim::Command& command) {
  last_error_ = sim::apply_action(*world_, command).error;
  return last_error_;
}

std::string Simulation::apply(const sim::Command& command) {
  if (!world_) return last_error_ = "no cluster";
  if (const auto* start = std::get_if<sim::Start>(&command); start && start->every_us && start->servers.size() > 1) {
    int64_t at_us = world_->now_us();
    for (const sim::ServerRef& server : start->servers) {
      pending_.push_back(Pending{at_us, sim::Start{.servers = {server}, .every_us = std::nullopt}});
      at_us += *start->every_us;
    }
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const Pending& a, const Pending& b) { return a.at_us < b.at_us; });
    if (recorded_.size() < kMaxRecordedActions) recorded_.push_back(RecordedAction{world_->now_us(), command});
    last_error_.clear();
    apply_due();
    return last_error_;
  }
  if (!sim::is_instant_action(command)) return last_error_ = "not an action the GUI can apply";
  const std::string error = apply_now(command);
  if (error.empty() && recorded_.size() < kMaxRecordedActions) {
    recorded_.push_back(RecordedAction{world_->now_us(), command});
  }
  return error;
}

void Simulation::start_in_order(const std::vector<ServerId>& order, int64_t gap_us) {
  if (!world_) return;
  sim::Start start;
  for (ServerId id : order) start.servers.push_back(sim::ServerRef{.is_leader = false, .id = static_cast<int>(id)});
  if (order.size() > 1) start.every_us = gap_us;
  if (gap_us == 0) start.every_us.reset();
  apply(start);
  playing = true;
}

void Simulation::apply_due() {
  while (!pending_.empty() && pending_.front().at_us <= world_->now_us()) {
    const sim::Command command = pending_.front().command;
    pending_.erase(pending_.begin());
    apply_now(command);
  }
}

std::string Simulation::kill_leader() { return apply(sim::Kill{.server = sim::ServerRef{.is_leader = true, .id = 0}}); }

std::string Simulation::heal() { return apply(sim::Heal{}); }

void Simulation::step_one_event() {
  if (!world_) return;
  if (!pending_.empty() && (world_->queue().empty() || pending_.front().at_us <= world_->queue().top_time_us())) {
    world_->run_for(std::max<int64_t>(0, pending_.front().at_us - world_->now_us()));
    apply_due();
    return;
  }
  world_->step();
}

void Simulation::run_for(int64_t duration_us) {
  if (!world_) return;
  const int64_t target_us = world_->now_us() + std::max<int64_t>(0, duration_us);
  while (!pending_.empty() && pending_.front().at_us <= target_us) {
    world_->run_for(std::max<int64_t>(0, pending_.front().at_us - world_->now_us()));
    apply_due();
  }
  world_->run_for(target_us - world_->now_us());
}

void Simulation::advance(double wall_seconds) {
  if (!world_ || !playing) return;
  const auto delta_us = static_cast<int64_t>(std::clamp(wall_seconds, 0.0, 0.25) * speed * 1e6);
  const int64_t target_us = world_->now_us() + delta_us;
  const auto wall_start = std::chrono::steady_clock::now();
  int64_t events = 0;
  while (events < kMaxEventsPerFrame) {
    if (wall_budget_s > 0.0 && events % 64 == 63 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count() > wall_budget_s) {
      break;  // out of budget: the rest of this frame's virtual time is simulated later
    }
    const int64_t next_command_us = pending_.empty() ? INT64_MAX : pending_.front().at_us;
    const int64_t stop_us = std::min(target_us, next_command_us);
    if (!world_->queue().empty() && world_->queue().top_time_us() <= stop_us) {
      world_->step();
      ++events;
      continue;
    }
    world_->run_for(std::max<int64_t>(0, stop_us - world_->now_us()));
    if (stop_us == next_command_us) {
      apply_due();
      continue;
    }
    break;
  }
}

}  // namespace zk::ui
