// Start-order parsing and step-to-next-kind for the Controls panel.
#include "ui/controls_actions.h"

#include <fmt/format.h>

#include <optional>
#include <set>

#include "core/trace_event.h"
#include "sim/world/world.h"

#include "sim/text/text_words.h"
#include "sim/replay/recorded_run.h"

namespace zk::ui {
namespace {

bool matches(StepTarget target, TraceKind kind) {
  switch (target) {
    case StepTarget::kVoteChange: return kind == TraceKind::kVoteChanged || kind == TraceKind::kRoundJoined;
    case StepTarget::kStateChange:
      return kind == TraceKind::kStateChanged || kind == TraceKind::kServerCrashed || kind == TraceKind::kServerStarted;
    case StepTarget::kCommit: return kind == TraceKind::kCommitted;
  }
  return false;
}

}  // namespace

std::string time_text(int64_t time_us) {
  std::string text = sim::format_time_us(time_us);
  text.erase(0, text.find_first_not_of(' '));
  return text;
}

StartOrder parse_start_order(const std::string& text, int server_count) {
  StartOrder result;
  std::set<ServerId> seen;
  std::string word;
  auto take = [&]() {
    if (word.empty() || !result.error.empty()) return;
    const std::optional<int64_t> id = sim::parse_decimal_i64(word);
    if (!id || *id < 1 || *id > server_count) {
      result.error = fmt::format("'{}' is not a server id (1..{})", sim::word_for_message(word), server_count);
    } else if (!seen.insert(static_cast<ServerId>(*id)).second) {
      result.error = fmt::format("server {} is listed twice", *id);
    } else {
      result.order.push_back(static_cast<ServerId>(*id));
    }
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '\t') {
      take();
    } else {
      word.push_back(c);
    }
  }
  take();
  if (result.error.empty() && result.order.empty()) result.error = "no server ids given";
  if (!result.error.empty()) result.order.clear();
  return result;
}

namespace {
// Runs one event at a time until a newly traced event passes `wanted`; its trace index, or
// nothing when a limit was reached or nothing is left to run.
template <typename Wanted>
std::optional<size_t> step_until_traced(sim::RecordedRun& simulation, StepLimits limits, Wanted wanted) {
  const int64_t deadline_us = simulation.world()->now_us() + limits.max_virtual_us;
  for (int64_t events = 0; events < limits.max_events; ++events) {
    const size_t seen = simulation.world()->trace().size();
    const int64_t before_events = simulation.world()->events_processed();
    const int64_t before_us = simulation.world()->now_us();
    simulation.step_one_event();
    const sim::World& now = *simulation.world();
    for (size_t i = seen; i < now.trace().size(); ++i) {
      if (wanted(now.trace()[i])) return i;
    }
    if (now.now_us() > deadline_us) return std::nullopt;
    if (now.events_processed() == before_events && now.now_us() == before_us) return std::nullopt;  // nothing left
  }
  return std::nullopt;
}
}  // namespace

bool step_to_next(sim::RecordedRun& simulation, StepTarget target, StepLimits limits, size_t* match) {
  if (simulation.world() == nullptr) return false;
  const std::optional<size_t> found =
      step_until_traced(simulation, limits, [target](const TraceEvent& event) { return matches(target, event.kind); });
  if (found && match != nullptr) *match = *found;
  return found.has_value();
}

namespace {
std::string traced_at(const sim::World& world, size_t index) {
  const TraceEvent& event = world.trace()[index];
  return fmt::format("{}: {}", time_text(event.time_us), describe(event));
}
}  // namespace

std::string jump_to_next_traced(sim::RecordedRun& simulation, StepLimits limits) {
  const sim::World* world = simulation.world();
  if (world == nullptr) return {};
  const int64_t now_us = world->now_us();
  const sim::World* horizon = simulation.horizon_world();
  const auto& later = horizon->trace();
  for (size_t i = world->trace().size(); i < later.size(); ++i) {
    if (later[i].time_us <= now_us) continue;
    simulation.jump_to_trace_event(i);
    return traced_at(*simulation.world(), i);
  }
  // At the end of the run: simulate until the trace records something later than now.
  const std::optional<size_t> found =
      step_until_traced(simulation, limits, [now_us](const TraceEvent& event) { return event.time_us > now_us; });
  if (found) return traced_at(*simulation.world(), *found);
  return fmt::format("nothing traced within {} of virtual time", time_text(limits.max_virtual_us));
}

std::string jump_to_previous_traced(sim::RecordedRun& simulation) {
  const sim::World* world = simulation.world();
  if (world == nullptr) return {};
  const int64_t now_us = world->now_us();
  const auto& trace = world->trace();
  for (size_t i = trace.size(); i-- > 0;) {
    if (trace[i].time_us >= now_us) continue;
    const int64_t at_us = trace[i].time_us;
    simulation.jump_to(at_us);
    // The last event traced at that moment: the world shown is the one right after it.
    const auto& now = simulation.world()->trace();
    size_t last = std::min(i, now.size() - 1);
    while (last + 1 < now.size() && now[last + 1].time_us == at_us) ++last;
    return traced_at(*simulation.world(), last);
  }
  return "no earlier traced event";
}

std::string step_one_described(sim::RecordedRun& simulation) {
  const sim::World* before = simulation.world();
  if (before == nullptr) return {};
  const size_t seen = before->trace().size();
  const int64_t before_events = before->events_processed();
  const int64_t before_us = before->now_us();
  simulation.step_one_event();
  const sim::World& now = *simulation.world();
  const int64_t ran = now.events_processed() - before_events;
  if (ran == 0 && now.now_us() == before_us && now.trace().size() == seen) return "nothing left to run";
  std::string when = time_text(now.now_us());
  when += now.now_us() == before_us ? " (clock unchanged)" : fmt::format(" (+{})", time_text(now.now_us() - before_us));
  if (now.trace().size() == seen) {
    return fmt::format("{}: event {} ran, no decision traced (a message or timer that changed no vote or state)",
                       when, now.events_processed());
  }
  const TraceEvent& first = now.trace()[seen];
  std::string sentence = fmt::format("{}: {}", when, describe(first));
  if (now.trace().size() > seen + 1) sentence += fmt::format(" (+{} more in the Why panel)", now.trace().size() - seen - 1);
  return sentence;
}

std::string default_start_order(int server_count) {
  std::string text;
  for (int id = 1; id <= server_count; ++id) text += fmt::format("{}{}", id == 1 ? "" : " ", id);
  return text;
}

std::string order_label(const std::vector<ServerId>& order) {
  std::string text;
  for (size_t i = 0; i < order.size(); ++i) text += fmt::format("{}{}", i == 0 ? "" : "-", static_cast<int>(order[i]));
  return text;
}

std::string quorum_warning(const std::vector<ServerId>& order, int server_count) {
  const int quorum = server_count / 2 + 1;
  const int starting = static_cast<int>(order.size());
  if (starting >= quorum) return {};
  return fmt::format("starts {} of {} servers: no quorum (needs {}), no leader will be elected", starting,
                     server_count, quorum);
}

}  // namespace zk::ui
