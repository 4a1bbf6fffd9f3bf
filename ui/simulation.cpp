// Driving the world from the GUI: scheduled starts, playback and the lesson actions.
#include "ui/simulation.h"

#include <algorithm>

namespace zk::ui {

void Simulation::new_cluster(int server_count, uint64_t seed) {
  sim::WorldConfig config;
  config.server_count = server_count;
  config.seed = seed;
  world_.emplace(config);
  pending_.clear();
  last_error_.clear();
}

void Simulation::start_in_order(const std::vector<ServerId>& order, int64_t gap_us) {
  if (!world_) return;
  int64_t at_us = world_->now_us();
  for (ServerId id : order) {
    pending_.push_back(Pending{at_us, id});
    at_us += gap_us;
  }
  std::stable_sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) { return a.at_us < b.at_us; });
  apply_due();
  playing = true;
}

void Simulation::apply_due() {
  while (!pending_.empty() && pending_.front().at_us <= world_->now_us()) {
    const std::string error = world_->start(pending_.front().start_server);
    if (!error.empty()) last_error_ = error;
    pending_.erase(pending_.begin());
  }
}

std::string Simulation::kill_leader() {
  if (!world_) return "no cluster";
  const auto leader = world_->leader();
  last_error_ = leader ? world_->kill(*leader) : "no server is LEADING now";
  return last_error_;
}

std::string Simulation::heal() {
  if (!world_) return "no cluster";
  last_error_ = world_->heal();
  return last_error_;
}

void Simulation::step_one_event() {
  if (!world_) return;
  if (!pending_.empty() && (world_->queue().empty() || pending_.front().at_us <= world_->queue().top_time_us())) {
    world_->run_for(std::max<int64_t>(0, pending_.front().at_us - world_->now_us()));
    apply_due();
    return;
  }
  world_->step();
}

void Simulation::advance(double wall_seconds) {
  if (!world_ || !playing) return;
  const auto delta_us = static_cast<int64_t>(std::clamp(wall_seconds, 0.0, 0.25) * speed * 1e6);
  const int64_t target_us = world_->now_us() + delta_us;
  int64_t events = 0;
  while (events < kMaxEventsPerFrame) {
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
