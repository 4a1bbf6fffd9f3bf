// RecordedRun: one simulated world and everything done to it, so that any moment of it can
// be revisited. The GUI drives one (the simulation's handle), and headless code can too: it
// owns the World, plays it forward in proportion to wall time when asked (speed = virtual
// seconds per wall second; the wall clock is the caller's, see wall_clock_s), and changes it only
// through apply(), which takes the same sim::Command values a `.zks` scenario is made of and
// runs them through sim::apply_action — the command layer shared with the headless runner.
// Every applied command is recorded with its virtual time (for "Save as scenario");
// `start ... every=DUR` is recorded once and its later starts are scheduled.
//
// Time travel: the run is a pure function of (setup, seed, recorded actions), so the
// RecordedRun keeps bounded checkpoint copies of the World (the World is a value) and
// jump_to(t) restores the last checkpoint at or before t and replays to t, re-applying
// the recorded actions and scheduled starts at their times. Jumping back keeps the
// recorded future (playing on replays it); applying a new action there forks the run: the
// old future is kept as a branch (at most kMaxBranches, the oldest dropped first), and
// switch_branch() goes back to it, keeping the run it leaves as a branch in turn.
// Ordering rule (what replays exactly): at one virtual time, events run first, then the
// scheduled starts, then a recorded action; apply() first finishes the current
// microsecond (events and starts due at now) so a click obeys the same rule.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/gateway/wire_replay.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/world/world.h"

namespace zk::sim {

struct RecordedAction {
  int64_t at_us = 0;     // virtual time at which the user applied it
  sim::Command command;  // as the user gave it (`kill leader` stays symbolic)
  // -1 (GUI clicks): applied after every event at at_us. Otherwise (actions of an opened
  // scenario) applied once exactly this many events have run, as the runner did.
  int64_t events_before = -1;
};

// An expectation the user added at the playhead ("expect this here"): Save as scenario writes
// it at at_us, after every action at or before that time, so the saved session checks it.
struct RecordedExpectation {
  int64_t at_us = 0;
  sim::Command expect;        // an expect command (expect leader / state / epoch / zxid ...)
  size_t actions_before = 0;  // recorded actions played when it was added (its place at at_us)
};

// A future the run left behind when the user acted at an earlier moment (what branches() shows).
struct BranchInfo {
  int64_t fork_at_us = 0;  // where it leaves the current run: everything before is shared
  int64_t end_us = 0;      // how far it was simulated
  std::string first_action;  // the first action of its own future ("kill 3"), "" when it only ran on
};

// A saved session: scenario text, and a warning when it cannot replay exactly.
struct SavedScenario {
  std::string text;
  std::string warning;  // empty when a headless run of text gives the same trace
};

class RecordedRun {
 public:
  static constexpr int64_t kMaxEventsPerFrame = 200'000;
  static constexpr size_t kMaxRecordedActions = 100'000;
  static constexpr size_t kMaxCheckpoints = 64;           // thinned to every other one when full
  static constexpr int64_t kFirstCheckpointGapUs = 250'000;  // doubles with each thinning
  static constexpr int64_t kMaxJumpEvents = 200'000'000;  // a bound on one jump's replay
  static constexpr size_t kMaxBranches = 16;              // futures kept after forks

  void new_cluster(const sim::Cluster& setup, uint64_t seed);
  void new_cluster(int server_count, uint64_t seed);
  // Applies one acting command now (kill, restart, pause, resume, partition, heal, network,
  // hold, drop, release, start, client connect and client operations, `disk fsync=`, and
  // `wire` lines: a real client's connection, bytes and close, through the run's gateway). Returns "" or a
  // one-line error (also kept in last_error()). Not for run/expect/cluster commands.
  // When the playhead is before the end of the recorded run, the recorded future is
  // dropped first (the run forks here) — unless `live` is set, which refuses instead.
  std::string apply(const sim::Command& command);
  // Set while real clients are served (the GUI's --serve): they already saw the recorded
  // future, so acting before the end of the run is refused rather than forking it, and the
  // gateway keeps what it encodes for the socket writer (otherwise that is dropped as made).
  bool live = false;
  // True when the playhead is at the end of the recorded run (nothing recorded lies ahead).
  bool at_horizon() const;
  // The gateway of real clients' connections (`wire` lines), once the run has one. It is
  // part of the run's state: checkpoints copy it and time travel restores it.
  gateway::WireReplay* wire() { return wire_ ? &*wire_ : nullptr; }
  const gateway::WireReplay* wire() const { return wire_ ? &*wire_ : nullptr; }
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

  // ---- Time travel ----
  // Moves the playhead to virtual time t_us (earlier: restore + replay; later: simulate
  // forward, replaying recorded actions on the way). Afterwards world()->now_us() == t_us.
  void jump_to(int64_t t_us);
  // Jumps to the moment trace event `index` (of the trace at the horizon) happened: the
  // world right after that event.
  void jump_to_trace_event(size_t index);
  // The furthest virtual time simulated on the current branch, and the world there (the
  // current world unless the playhead was moved back). Used for timelines of the whole run.
  int64_t horizon_us() const;
  const sim::World* horizon_world() const;
  size_t checkpoint_count() const { return checkpoints_.size(); }
  size_t next_recorded_index() const { return next_action_; }

  // ---- Branches ----
  // The futures left behind by forks, oldest first.
  std::vector<BranchInfo> branches() const;
  // Makes branch `index` the run again: replays it from the last checkpoint before its fork
  // to where it ended and puts the playhead there; the run left becomes a branch forked at
  // the same moment. "" or why not (no such branch, or real clients are served).
  std::string switch_branch(size_t index);

  // ---- Scenarios (simulation_scenario.cpp) ----
  // Starts a fresh run of the scenario on its cluster; nothing of it has run yet. Its
  // instant actions become recorded actions as its lines run, so time travel works.
  // source_lines: the file's text, one entry per line; Save as scenario keeps it (comments
  // and expectations) for the part of the session the scenario ran.
  void open_scenario(const sim::Scenario& scenario, std::optional<uint64_t> seed_override,
                     std::vector<std::string> source_lines = {});
  // Runs the scenario's next line and moves the playhead to where it ended; false when
  // no line is left (finished, stopped on an error, or the run was changed by hand).
  bool scenario_step();
  void scenario_run_to_end();
  const sim::ScenarioStepper* scenario() const { return stepper_.get(); }
  // Line (1-based) of the next scenario step, 0 when none.
  int scenario_next_line() const;
  // Line of the scenario step that was running at the playhead (a step that ended at or
  // after it), or 0 when the playhead is past every step run so far.
  int scenario_line_at_playhead() const;
  // Everything the user did as a scenario: the cluster line, then each recorded action
  // with `run DUR` gaps computed by replaying it headless (the runner's `start every=`
  // and client operations take virtual time; the GUI's do not), then a final `run` up
  // to the horizon. A headless run of the text gives this session's trace. A session
  // that began with an opened scenario starts with that file's own lines (comments and
  // expectations) up to the last line run, then what was done by hand; acting at a
  // moment before the scenario's last line ended cuts the file from the session.
  SavedScenario to_scenario() const;

  const sim::World* world() const { return world_ ? &*world_ : nullptr; }
  const sim::Cluster& setup() const { return setup_; }
  uint64_t seed() const { return seed_; }
  const std::vector<RecordedAction>& recorded() const { return recorded_; }
  // "Expect this here": records an expectation about the world at the playhead (it must be an
  // expect command); "" or why not. Forking the run drops those after the fork.
  std::string add_expectation(const sim::Command& expect);
  const std::vector<RecordedExpectation>& expectations() const { return expectations_; }
  bool playing = false;
  double speed = 1.0;  // virtual seconds per wall second
  // > 0: advance() stops after this much wall time (the simulation then lags behind the
  // wall clock instead of stalling the frame). 0: no limit (scripted, reproducible runs).
  double wall_budget_s = 0.0;
  // The caller's wall clock in seconds (the GUI's steady clock); null: no budget, and
  // checkpoint copies are not timed. Wall time never changes what the run does, only how
  // much of it one advance() simulates.
  double (*wall_clock_s)() = nullptr;
  const std::string& last_error() const { return last_error_; }
  // True once an action could not be recorded (kMaxRecordedActions): the run no longer
  // replays, so jumping back is refused and a save says so.
  bool history_full() const { return history_full_; }
  // Counts new runs (new_cluster, open_scenario): a panel that keeps a view of one run
  // (the timeline's zoom) resets it when this changes.
  uint64_t run_id() const { return run_id_; }

 private:
  struct Pending {
    int64_t at_us;
    sim::Command command;  // an instant action
  };
  struct Checkpoint {
    sim::World world;
    std::vector<Pending> pending;
    size_t next_action = 0;
    std::optional<gateway::WireReplay> wire;  // pointed at `world` again when restored
  };
  // Plays events, scheduled starts and recorded actions in order until virtual time
  // target_us, or until the world has processed event_cap events (then the clock stays
  // at the last event's time).
  // take_checkpoints = false: a command finishing its microsecond takes none (its copy
  // would be outside any frame budget); playback takes the next one.
  void play_until(int64_t target_us, int64_t event_cap, double wall_budget_s = 0.0, bool take_checkpoints = true);
  void apply_due();
  std::string apply_now(const sim::Command& command);
  std::string execute(const sim::Command& command);  // schedules or applies, no recording
  // Takes a checkpoint when one is due. With a wall budget (budget_s > 0) a copy that
  // would not fit in what is left of it is put off: if it fits in a whole budget, false
  // says "stop here" and the next frame starts with it; a copy larger than the whole
  // budget is skipped until it is four gaps overdue (so time travel stays bounded), then
  // taken at the start of a frame.
  bool maybe_checkpoint(double budget_left_s = 0.0, double budget_s = 0.0, bool frame_start = true);
  void restore(const Checkpoint& checkpoint);
  void remember_horizon();

  std::optional<sim::World> world_;
  std::optional<gateway::WireReplay> wire_;  // made by the first `wire` action
  sim::Cluster setup_;
  uint64_t seed_ = 1;
  std::vector<Pending> pending_;  // sorted by time
  std::vector<RecordedAction> recorded_;
  std::vector<RecordedExpectation> expectations_;  // in the order added
  size_t next_action_ = 0;  // recorded_[next_action_..] lie ahead of the playhead
  // Held by pointer: thinning and vector growth move pointers, never Worlds.
  std::vector<std::unique_ptr<const Checkpoint>> checkpoints_;  // ascending world time
  std::vector<std::unique_ptr<const Checkpoint>> retired_;      // thinned out, freed one per play_until call
  int64_t checkpoint_gap_us_ = kFirstCheckpointGapUs;
  double last_checkpoint_s_ = 0.0;  // wall time the last checkpoint copy took
  std::optional<sim::World> horizon_;  // the world at the horizon, while the playhead is before it
  std::unique_ptr<sim::ScenarioStepper> stepper_;  // the opened scenario, while it drives the run
  std::vector<RecordedAction> stepper_actions_;     // filled by the stepper's on_action
  struct StepSpan {
    int line;
    int64_t end_us;
  };
  std::vector<StepSpan> step_spans_;  // each scenario step run so far and when it ended
  // The opened scenario this session began with, for Save as scenario.
  struct Lesson {
    sim::Scenario scenario;
    std::vector<std::string> lines;  // its file's text
    size_t steps_run = 0;            // its steps that ran (the first ones)
    size_t actions = 0;              // recorded_[0, actions) are those steps' actions
    int64_t end_us = 0;              // when the last step that ran ended
  };
  std::optional<Lesson> lesson_;
  // A future kept by a fork: the whole record of that run (its actions before the fork are
  // the current run's too), its expectations and its opened scenario's part.
  struct Branch {
    BranchInfo info;
    std::vector<RecordedAction> recorded;
    std::vector<RecordedExpectation> expectations;
    std::optional<Lesson> lesson;
    std::vector<StepSpan> step_spans;
  };
  // The current run as a branch that leaves the shared past at fork_at_us.
  Branch current_as_branch(int64_t fork_at_us) const;
  void keep_branch(Branch branch);
  std::vector<Branch> branches_;  // oldest first, at most kMaxBranches
  std::string last_error_;
  bool history_full_ = false;
  uint64_t run_id_ = 0;
};

}  // namespace zk::sim
