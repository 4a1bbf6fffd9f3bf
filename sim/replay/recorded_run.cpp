// A recorded run: the command layer (apply), scheduled starts, playback and time travel
// (checkpoints + deterministic replay of the recorded actions).
#include "sim/replay/recorded_run.h"

#include <algorithm>

#include <fmt/format.h>
#include <climits>

#include "core/invariant.h"
#include "sim/scenario/scenario_action.h"
#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_runner.h"

namespace zk::sim {

void RecordedRun::new_cluster(const sim::Cluster& setup, uint64_t seed) {
  world_.emplace(sim::world_config(setup, seed));
  wire_.reset();
  world_->set_record_messages(true);  // the GUI's space-time diagram
  setup_ = setup;
  seed_ = seed;
  pending_.clear();
  recorded_.clear();
  expectations_.clear();
  next_action_ = 0;
  checkpoints_.clear();
  checkpoint_gap_us_ = kFirstCheckpointGapUs;
  horizon_.reset();
  stepper_.reset();
  lesson_.reset();
  stepper_actions_.clear();
  step_spans_.clear();
  branches_.clear();
  last_error_.clear();
  history_full_ = false;
  ++run_id_;
  maybe_checkpoint();
}

void RecordedRun::new_cluster(int server_count, uint64_t seed) {
  sim::Cluster setup;
  setup.server_count = server_count;
  new_cluster(setup, seed);
}

std::string RecordedRun::apply_now(const sim::Command& command) {
  if (const auto* disk = std::get_if<sim::SetDisk>(&command)) {
    world_->set_fsync_latency(disk->fsync_min_us, disk->fsync_max_us);
    last_error_.clear();
    return last_error_;
  }
  if (const auto* wire = std::get_if<sim::Wire>(&command)) {
    if (!wire_) wire_.emplace(*world_);
    last_error_ = wire_->apply(*wire);
    // Nobody writes an opened recording's bytes anywhere (its expect wire lines are checked
    // by the scenario stepper): keep checkpoints small.
    gateway::Gateway* gateway = wire_->gateway_if_made();
    if (!live && gateway) {
      for (const gateway::Gateway::ConnectionView& c : gateway->connections()) gateway->trim_output(c.id, UINT64_MAX);
    }
    return last_error_;
  }
  last_error_ = sim::apply_action(*world_, command).error;
  return last_error_;
}

std::string RecordedRun::execute(const sim::Command& command) {
  if (const auto* start = std::get_if<sim::Start>(&command); start && start->every_us && start->servers.size() > 1) {
    int64_t at_us = world_->now_us();
    for (const sim::ServerRef& server : start->servers) {
      pending_.push_back(Pending{at_us, sim::Start{.servers = {server}, .every_us = std::nullopt}});
      at_us += *start->every_us;
    }
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const Pending& a, const Pending& b) { return a.at_us < b.at_us; });
    last_error_.clear();
    apply_due();
    return last_error_;
  }
  if (!sim::is_instant_action(command) && !std::holds_alternative<sim::Wire>(command) &&
      !std::holds_alternative<sim::SetDisk>(command)) {
    return last_error_ = "not an action the GUI can apply";
  }
  return apply_now(command);
}

bool RecordedRun::at_horizon() const {
  return world_ && next_action_ >= recorded_.size() && !(horizon_ && horizon_->now_us() > world_->now_us());
}

std::string RecordedRun::apply(const sim::Command& command) {
  if (!world_) return last_error_ = "no cluster";
  if (!sim::is_instant_action(command) && !std::holds_alternative<sim::Start>(command) &&
      !std::holds_alternative<sim::Wire>(command) && !std::holds_alternative<sim::SetDisk>(command)) {
    return last_error_ = "not an action the GUI can apply";
  }
  if (live && !at_horizon()) {
    return last_error_ = "real clients saw what follows this moment: go to the end of the run (End) to act";
  }
  // The run forks here: the recorded future and everything simulated after now leave the
  // run (kept as a branch, if there was a future), and an opened scenario no longer
  // describes the run. Its lines stay the session's opening unless this acts inside them.
  if (!at_horizon()) {
    keep_branch(current_as_branch(world_->now_us()));
  }
  stepper_.reset();
  if (lesson_ && (next_action_ < lesson_->actions || world_->now_us() < lesson_->end_us)) lesson_.reset();
  recorded_.resize(next_action_);
  std::erase_if(expectations_, [&](const RecordedExpectation& e) { return e.at_us > world_->now_us(); });
  horizon_.reset();
  while (!checkpoints_.empty() && checkpoints_.back()->world.now_us() > world_->now_us()) checkpoints_.pop_back();
  // Finish this microsecond first (events, then scheduled starts), as a replay will.
  play_until(world_->now_us(), INT64_MAX, 0.0, /*take_checkpoints=*/false);
  const int64_t at_us = world_->now_us();
  const std::string error = execute(command);
  if (error.empty() && recorded_.size() < kMaxRecordedActions) {
    recorded_.push_back(RecordedAction{at_us, command});
    next_action_ = recorded_.size();
  } else if (error.empty()) {
    history_full_ = true;
  }
  return error;
}

std::string RecordedRun::add_expectation(const sim::Command& expect) {
  if (!world_) return last_error_ = "no cluster";
  if (!sim::is_expectation(expect)) return last_error_ = "not an expectation";
  if (expectations_.size() >= kMaxRecordedActions) return last_error_ = "too many expectations";
  expectations_.push_back(RecordedExpectation{world_->now_us(), expect, next_action_});
  last_error_.clear();
  return last_error_;
}

void RecordedRun::start_in_order(const std::vector<ServerId>& order, int64_t gap_us) {
  if (!world_) return;
  sim::Start start;
  for (ServerId id : order) start.servers.push_back(sim::ServerRef{.is_leader = false, .id = static_cast<int>(id)});
  if (order.size() > 1) start.every_us = gap_us;
  if (gap_us == 0) start.every_us.reset();
  apply(start);
  playing = true;
}

void RecordedRun::apply_due() {
  while (!pending_.empty() && pending_.front().at_us <= world_->now_us()) {
    const sim::Command command = pending_.front().command;
    pending_.erase(pending_.begin());
    apply_now(command);
  }
}

std::string RecordedRun::kill_leader() { return apply(sim::Kill{.server = sim::ServerRef{.is_leader = true, .id = 0}}); }

std::string RecordedRun::heal() { return apply(sim::Heal{}); }

void RecordedRun::play_until(int64_t target_us, int64_t event_cap, double wall_budget_s, bool take_checkpoints) {
  // Each pass runs one event, one batch of due starts or one recorded action; the bound
  // only guards against a bug (a jump is bounded by kMaxJumpEvents events). With a wall
  // budget (interactive playback) it stops when the budget is used up; the rest of the
  // virtual time is simulated in later frames.
  // Checkpoint copies count against the budget too: one that would overrun it is left
  // for the start of the next frame.
  // Without a wall clock there is no budget (headless and scripted runs).
  if (wall_clock_s == nullptr) wall_budget_s = 0.0;
  const double wall_start_s = wall_budget_s > 0.0 ? wall_clock_s() : 0.0;
  double elapsed_s = 0.0;
  // Thinned checkpoints are freed one per call: freeing 32 Worlds at once would stall a frame.
  if (!retired_.empty()) retired_.pop_back();
  for (int64_t pass = 0; pass < 4 * kMaxJumpEvents; ++pass) {
    if (wall_budget_s > 0.0 && pass % 8 == 0) {
      elapsed_s = wall_clock_s() - wall_start_s;
      if (elapsed_s > wall_budget_s) return;
    }
    if (take_checkpoints && !maybe_checkpoint(wall_budget_s - elapsed_s, wall_budget_s, pass == 0)) return;
    const RecordedAction* next = next_action_ < recorded_.size() ? &recorded_[next_action_] : nullptr;
    // An action from a scenario run is due once exactly its events have run (no event
    // before its time is left then).
    if (next != nullptr && next->events_before >= 0 && world_->events_processed() >= next->events_before) {
      const int64_t until_us = std::min(target_us, next->at_us);
      if (until_us > world_->now_us()) world_->run_for(until_us - world_->now_us());
      if (next->at_us > target_us) return;
      const sim::Command command = next->command;
      ++next_action_;
      execute(command);
      continue;
    }
    const int64_t next_start_us = pending_.empty() ? INT64_MAX : pending_.front().at_us;
    const int64_t next_action_us = next != nullptr ? next->at_us : INT64_MAX;
    const int64_t stop_us = std::min({target_us, next_start_us, next_action_us});
    if (!world_->queue().empty() && world_->queue().top_time_us() <= stop_us) {
      if (world_->events_processed() >= event_cap) return;
      world_->step();
      continue;
    }
    // No event is due at or before stop_us: this only moves the clock.
    if (stop_us > world_->now_us()) world_->run_for(stop_us - world_->now_us());
    if (stop_us == next_start_us) {
      apply_due();
      continue;
    }
    if (stop_us == next_action_us) {
      const sim::Command command = recorded_[next_action_].command;
      ++next_action_;
      execute(command);
      continue;
    }
    return;
  }
}

void RecordedRun::step_one_event() {
  if (!world_) return;
  const int64_t next_start_us = pending_.empty() ? INT64_MAX : pending_.front().at_us;
  const int64_t next_action_us = next_action_ < recorded_.size() ? recorded_[next_action_].at_us : INT64_MAX;
  const int64_t next_command_us = std::min(next_start_us, next_action_us);
  if (!world_->queue().empty() && world_->queue().top_time_us() <= next_command_us) {
    play_until(world_->queue().top_time_us(), world_->events_processed() + 1);
  } else if (next_command_us != INT64_MAX) {
    play_until(next_command_us, world_->events_processed());
  }
}

void RecordedRun::run_for(int64_t duration_us) {
  if (!world_) return;
  play_until(world_->now_us() + std::max<int64_t>(0, duration_us), INT64_MAX);
}

void RecordedRun::advance(double wall_seconds) {
  if (!world_ || !playing) return;
  const auto delta_us = static_cast<int64_t>(std::clamp(wall_seconds, 0.0, 0.25) * speed * 1e6);
  play_until(world_->now_us() + delta_us, world_->events_processed() + kMaxEventsPerFrame, wall_budget_s);
}

// ---- time travel ----

bool RecordedRun::maybe_checkpoint(double budget_left_s, double budget_s, bool frame_start) {
  const int64_t now_us = world_->now_us();
  if (!checkpoints_.empty() && now_us < checkpoints_.back()->world.now_us() + checkpoint_gap_us_) return true;
  if (budget_s > 0.0 && last_checkpoint_s_ > budget_left_s && !checkpoints_.empty()) {
    const bool fits_a_frame = last_checkpoint_s_ <= budget_s;
    const bool overdue = now_us >= checkpoints_.back()->world.now_us() + 4 * checkpoint_gap_us_;
    if (!fits_a_frame && !overdue) return true;  // keep playing; try again later
    if (!frame_start) return false;               // the next frame starts with it
  }
  const double copy_start_s = wall_clock_s != nullptr ? wall_clock_s() : 0.0;
  if (checkpoints_.size() >= kMaxCheckpoints) {
    // Thin: keep the first and every other one after it, and space future ones wider.
    std::vector<std::unique_ptr<const Checkpoint>> kept;
    for (size_t i = 0; i < checkpoints_.size(); ++i) {
      (i % 2 == 0 ? kept : retired_).push_back(std::move(checkpoints_[i]));
    }
    checkpoints_ = std::move(kept);
    checkpoint_gap_us_ *= 2;
    if (now_us < checkpoints_.back()->world.now_us() + checkpoint_gap_us_) return true;
  }
  // Braced, not make_unique: clang 14 has no parenthesized aggregate init (the fuzz build).
  checkpoints_.push_back(
      std::unique_ptr<const Checkpoint>(new const Checkpoint{*world_, pending_, next_action_, wire_}));
  last_checkpoint_s_ = wall_clock_s != nullptr ? wall_clock_s() - copy_start_s : 0.0;
  return true;
}

void RecordedRun::restore(const Checkpoint& checkpoint) {
  world_.emplace(checkpoint.world);
  pending_ = checkpoint.pending;
  next_action_ = checkpoint.next_action;
  wire_ = checkpoint.wire;
  if (wire_) wire_->rebind(*world_);
}

void RecordedRun::remember_horizon() {
  if (!horizon_ || world_->now_us() > horizon_->now_us()) horizon_.emplace(*world_);
}

void RecordedRun::jump_to(int64_t t_us) {
  if (!world_) return;
  t_us = std::max<int64_t>(0, t_us);
  const int64_t now_us = world_->now_us();
  if (t_us == now_us) return;
  // The last checkpoint at or before t; used when t is earlier than now or when it lies
  // ahead of the current world (a jump forward over replayed ground).
  const Checkpoint* from = nullptr;
  for (const auto& checkpoint : checkpoints_) {
    if (checkpoint->world.now_us() <= t_us) from = checkpoint.get();
  }
  if (t_us < now_us && history_full_) {
    last_error_ = fmt::format("this run recorded {} actions, the most it keeps: it cannot be replayed, so it cannot go back",
                              kMaxRecordedActions);
    return;
  }
  if (t_us < now_us) {
    remember_horizon();
    ZK_INVARIANT(from != nullptr);  // the first checkpoint is at time 0
    restore(*from);
  } else if (from != nullptr && from->world.now_us() > now_us) {
    restore(*from);
  }
  play_until(t_us, world_->events_processed() + kMaxJumpEvents);
  if (horizon_ && world_->now_us() >= horizon_->now_us()) horizon_.reset();
}

void RecordedRun::jump_to_trace_event(size_t index) {
  const sim::World* source = horizon_world();
  if (source == nullptr || index >= source->trace().size()) return;
  jump_to(source->trace()[index].time_us);
}

int64_t RecordedRun::horizon_us() const {
  if (!world_) return 0;
  return horizon_ ? std::max(horizon_->now_us(), world_->now_us()) : world_->now_us();
}

const sim::World* RecordedRun::horizon_world() const {
  if (!world_) return nullptr;
  return horizon_ && horizon_->now_us() > world_->now_us() ? &*horizon_ : &*world_;
}

// ---------------------------------------------------------------- branches

RecordedRun::Branch RecordedRun::current_as_branch(int64_t fork_at_us) const {
  Branch branch;
  branch.info.fork_at_us = fork_at_us;
  branch.info.end_us = horizon_us();
  for (const RecordedAction& action : recorded_) {
    if (action.at_us >= fork_at_us) {
      branch.info.first_action = sim::format_step(action.command);
      break;
    }
  }
  branch.recorded = recorded_;
  branch.expectations = expectations_;
  branch.lesson = lesson_;
  branch.step_spans = step_spans_;
  return branch;
}

void RecordedRun::keep_branch(Branch branch) {
  if (branches_.size() >= kMaxBranches) branches_.erase(branches_.begin());
  branches_.push_back(std::move(branch));
}

std::vector<BranchInfo> RecordedRun::branches() const {
  std::vector<BranchInfo> out;
  out.reserve(branches_.size());
  for (const Branch& branch : branches_) out.push_back(branch.info);
  return out;
}

std::string RecordedRun::switch_branch(size_t index) {
  if (!world_) return last_error_ = "no cluster";
  if (live) return last_error_ = "real clients saw this run: it cannot switch to another branch";
  if (index >= branches_.size()) return last_error_ = fmt::format("no branch {}", index + 1);
  if (history_full_) return last_error_ = "this run cannot be replayed (too many actions), so it cannot switch branches";
  Branch target = std::move(branches_[index]);
  branches_.erase(branches_.begin() + static_cast<std::ptrdiff_t>(index));
  const int64_t fork_us = target.info.fork_at_us;
  keep_branch(current_as_branch(fork_us));
  // Only checkpoints from before the fork hold the shared past (the first, at time 0 before
  // any action, always does).
  while (checkpoints_.size() > 1 && checkpoints_.back()->world.now_us() >= fork_us) checkpoints_.pop_back();
  recorded_ = std::move(target.recorded);
  expectations_ = std::move(target.expectations);
  lesson_ = std::move(target.lesson);
  step_spans_ = std::move(target.step_spans);
  stepper_.reset();
  horizon_.reset();
  playing = false;
  restore(*checkpoints_.back());
  play_until(target.info.end_us, world_->events_processed() + kMaxJumpEvents);
  last_error_.clear();
  return last_error_;
}

}  // namespace zk::sim
