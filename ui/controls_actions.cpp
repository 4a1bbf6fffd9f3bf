// Start-order parsing and step-to-next-kind for the Controls panel.
#include "ui/controls_actions.h"

#include <fmt/format.h>

#include <set>

#include "sim/text_words.h"
#include "ui/simulation.h"

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

bool step_to_next(Simulation& simulation, StepTarget target, StepLimits limits) {
  const sim::World* world = simulation.world();
  if (world == nullptr) return false;
  const int64_t deadline_us = world->now_us() + limits.max_virtual_us;
  for (int64_t events = 0; events < limits.max_events; ++events) {
    const size_t seen = simulation.world()->trace().size();
    const int64_t before_events = simulation.world()->events_processed();
    const int64_t before_us = simulation.world()->now_us();
    simulation.step_one_event();
    const sim::World& now = *simulation.world();
    for (size_t i = seen; i < now.trace().size(); ++i) {
      if (matches(target, now.trace()[i].kind)) return true;
    }
    if (now.now_us() > deadline_us) return false;
    if (now.events_processed() == before_events && now.now_us() == before_us) return false;  // nothing left
  }
  return false;
}

}  // namespace zk::ui
