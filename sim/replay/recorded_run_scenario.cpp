// Scenarios in the GUI: opening a .zks and running it line by line through
// sim::ScenarioStepper (its actions become the RecordedRun's recorded actions, so the
// timeline and time travel work on a scenario run), and saving a GUI session as a
// scenario whose headless run reproduces the session.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/replay/recorded_run.h"

namespace zk::sim {

void RecordedRun::open_scenario(const sim::Scenario& scenario, std::optional<uint64_t> seed_override,
                               std::vector<std::string> source_lines) {
  sim::RunOptions options;
  options.echo_steps = false;  // the scenario view highlights the line instead
  const sim::Cluster cluster = sim::effective_cluster(scenario.setup);
  new_cluster(cluster, seed_override.value_or(cluster.seed.value_or(1)));
  // The callback writes into this RecordedRun, which owns the stepper.
  options.on_action = [this](int64_t at_us, int64_t events_before, const sim::Command& command) {
    stepper_actions_.push_back(RecordedAction{at_us, command, events_before});
  };
  stepper_ = std::make_unique<sim::ScenarioStepper>(scenario, seed_override, options);
  lesson_ = Lesson{.scenario = scenario, .lines = std::move(source_lines), .steps_run = 0, .actions = 0, .end_us = 0};
  playing = false;
}

bool RecordedRun::scenario_step() {
  if (!stepper_ || !world_ || stepper_->done()) return false;
  const int line = stepper_->scenario().steps[stepper_->next_step()].line;
  stepper_->step();
  step_spans_.push_back(StepSpan{line, stepper_->world().now_us()});
  // Past the playhead (after a jump back) the run is still the scenario's: append.
  for (RecordedAction& action : stepper_actions_) {
    if (recorded_.size() < kMaxRecordedActions) {
      recorded_.push_back(std::move(action));
    } else {
      history_full_ = true;
    }
  }
  stepper_actions_.clear();
  horizon_.reset();
  // Play to exactly where the stepper stopped (a `run until` may stop mid-microsecond).
  const sim::World& target = stepper_->world();
  if (world_->now_us() > target.now_us() || world_->events_processed() > target.events_processed()) {
    jump_to(0);
  }
  play_until(target.now_us(), target.events_processed());
  if (lesson_) {
    lesson_->steps_run = stepper_->next_step();
    lesson_->actions = recorded_.size();
    lesson_->end_us = target.now_us();
  }
  return true;
}

void RecordedRun::scenario_run_to_end() {
  // Bounded by the scenario's length: each call runs one line.
  while (scenario_step()) {
  }
}

int RecordedRun::scenario_next_line() const {
  if (!stepper_ || stepper_->done()) return 0;
  return stepper_->scenario().steps[stepper_->next_step()].line;
}

int RecordedRun::scenario_line_at_playhead() const {
  if (!stepper_ || !world_) return 0;
  for (const StepSpan& span : step_spans_) {
    if (span.end_us > world_->now_us()) return span.line;
  }
  return 0;
}

namespace {

// The recorded actions with `start A B C every=G` spread into single starts at their
// times (a scheduled start runs before a later-recorded action at the same time), each with
// its place in the recorded list (an "expect this here" line goes after the actions recorded
// before it was added).
struct FlatAction {
  RecordedAction action;
  size_t recorded_index = 0;
  bool scheduled = false;  // one start of a `start ... every=`: it ran at its time
};

std::vector<FlatAction> flatten(const std::vector<RecordedAction>& recorded, size_t first) {
  std::vector<FlatAction> flat;
  for (size_t i = first; i < recorded.size(); ++i) {
    const RecordedAction& action = recorded[i];
    const auto* start = std::get_if<sim::Start>(&action.command);
    if (start == nullptr || !start->every_us || start->servers.size() < 2) {
      flat.push_back(FlatAction{action, i, false});
      continue;
    }
    int64_t at_us = action.at_us;
    for (const sim::ServerRef& server : start->servers) {
      flat.push_back(FlatAction{RecordedAction{at_us, sim::Start{.servers = {server}, .every_us = std::nullopt}, -1}, i,
                                at_us > action.at_us});
      at_us += *start->every_us;
    }
  }
  std::stable_sort(flat.begin(), flat.end(),
                   [](const FlatAction& a, const FlatAction& b) { return a.action.at_us < b.action.at_us; });
  return flat;
}

}  // namespace

SavedScenario RecordedRun::to_scenario() const {
  SavedScenario saved;
  if (!world_) {
    saved.warning = "no cluster to save";
    return saved;
  }
  sim::Scenario scenario;
  scenario.file_name = "session.zks";
  sim::Cluster setup = setup_;
  setup.seed = seed_;
  scenario.setup = setup;
  // An opened scenario's lines that ran come first, as written; the steps after them are
  // what was done by hand.
  size_t first_action = 0;
  std::string lesson_text;
  if (lesson_) {
    scenario = lesson_->scenario;
    scenario.steps.resize(lesson_->steps_run);
    first_action = lesson_->actions;
    const std::vector<std::string>& lines = lesson_->lines;
    if (lesson_->steps_run == lesson_->scenario.steps.size() || scenario.steps.empty()) {
      // All of it (trailing comments too), or nothing ran yet: the lines up to the setup.
      const size_t last = scenario.steps.empty() && !lesson_->scenario.steps.empty()
                              ? static_cast<size_t>(scenario.setup_line)
                              : lines.size();
      for (size_t i = 0; i < last && i < lines.size(); ++i) lesson_text += lines[i] + "\n";
    } else {
      const auto last = static_cast<size_t>(scenario.steps.back().line);
      for (size_t i = 0; i < last && i < lines.size(); ++i) lesson_text += lines[i] + "\n";
    }
    if (lines.empty()) lesson_text = sim::format_scenario(scenario);
  }
  // The recorded actions that lie before the playhead are the session (later ones are a
  // future not yet replayed; they are included too: the session is the whole branch).
  const std::vector<FlatAction> flat = flatten(recorded_, std::min(first_action, recorded_.size()));
  // Build the steps while running them headless, so each `run` gap is measured from where
  // the runner really is (it waits for client replies; the GUI did not).
  sim::RunOptions options;
  options.echo_steps = false;
  sim::ScenarioStepper stepper(scenario, seed_, options);
  while (stepper.step()) {
  }
  if (lesson_ && !stepper.report().error.empty()) saved.warning = stepper.report().error;
  int line = lesson_ ? static_cast<int>(std::max<size_t>(lesson_->lines.size(), 1)) : 1;
  const size_t own_steps = scenario.steps.size();
  auto append = [&](sim::Command command) {
    stepper.append(sim::Step{++line, std::move(command)});
    while (stepper.step()) {
    }
    return stepper.report().error;
  };
  // "Expect this here" lines, by time: each after every action at or before its time.
  std::vector<RecordedExpectation> expectations = expectations_;
  std::stable_sort(expectations.begin(), expectations.end(), [](const RecordedExpectation& a, const RecordedExpectation& b) {
    return a.at_us != b.at_us ? a.at_us < b.at_us : a.actions_before < b.actions_before;
  });
  size_t next_expectation = 0;
  // Whether expectation e saw the world before flat action a (the GUI showed the playhead
  // after every event, scheduled start and action recorded so far at its time).
  const auto before = [](const RecordedExpectation& e, const FlatAction& a) {
    if (e.at_us != a.action.at_us) return e.at_us < a.action.at_us;
    return a.scheduled ? false : a.recorded_index >= e.actions_before;
  };
  const auto append_expectations_before = [&](const FlatAction* a) {
    for (; next_expectation < expectations.size() && (a == nullptr || before(expectations[next_expectation], *a));
         ++next_expectation) {
      const RecordedExpectation& e = expectations[next_expectation];
      const sim::World& now = stepper.world();
      // As for actions: the playhead was after every event at its time.
      const bool due_now = !now.queue().empty() && now.queue().top_time_us() <= e.at_us;
      if (e.at_us > now.now_us() || (e.at_us == now.now_us() && due_now)) {
        append(sim::Run{.duration_us = std::max<int64_t>(0, e.at_us - now.now_us())});
      }
      append(e.expect);
    }
  };
  for (const FlatAction& flat_action : flat) {
    const RecordedAction& action = flat_action.action;
    append_expectations_before(&flat_action);
    const int64_t gap_us = action.at_us - stepper.world().now_us();
    if (gap_us < 0 && saved.warning.empty()) {
      saved.warning = fmt::format(
          "at {}: a client operation before `{}` was still waiting for its reply; the saved run differs from here",
          sim::format_time_us(action.at_us), sim::format_step(action.command));
    }
    // `run 0us` only when events at this very microsecond are still due (the runner stops
    // right after a reply; the GUI acts after every event at its time).
    const bool due_now = !stepper.world().queue().empty() && stepper.world().queue().top_time_us() <= action.at_us;
    if (gap_us > 0 || (gap_us == 0 && due_now)) append(sim::Run{.duration_us = gap_us});
    if (const std::string error = append(action.command); !error.empty() && saved.warning.empty()) {
      saved.warning = error;
    }
    // A real client's bytes are checked as `serve --record` checks them: its replay fails
    // if the gateway would send any client something else.
    if (std::holds_alternative<sim::Wire>(action.command)) {
      for (sim::ExpectWire& expect : stepper.unchecked_wire_output()) append(std::move(expect));
    }
  }
  if (history_full_) {
    saved.warning = fmt::format("only the first {} actions were recorded; the saved run differs after them",
                                kMaxRecordedActions);
  }
  append_expectations_before(nullptr);
  const int64_t end_us = horizon_us();
  if (end_us > stepper.world().now_us()) append(sim::Run{.duration_us = end_us - stepper.world().now_us()});
  if (!lesson_) {
    saved.text = sim::format_scenario(stepper.scenario());
    return saved;
  }
  saved.text = lesson_text;
  const std::vector<sim::Step>& steps = stepper.scenario().steps;
  if (steps.size() > own_steps) saved.text += "# Then, in the GUI:\n";
  for (size_t i = own_steps; i < steps.size(); ++i) saved.text += sim::format_step(steps[i].command) + "\n";
  return saved;
}

}  // namespace zk::sim
