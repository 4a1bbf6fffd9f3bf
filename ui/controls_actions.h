// The Controls panel's logic that needs no window: parsing a custom start order ("3 1 2")
// and stepping the simulation to the next trace event of a chosen kind (vote change,
// state change, commit), bounded in events and in virtual time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/vote.h"

namespace zk::ui {

class Simulation;

struct StartOrder {
  std::vector<ServerId> order;
  std::string error;  // one line; empty when the order is usable
};
// Server ids 1..server_count separated by spaces or commas, each at most once, at least one.
StartOrder parse_start_order(const std::string& text, int server_count);

enum class StepTarget : uint8_t { kVoteChange, kStateChange, kCommit };

struct StepLimits {
  int64_t max_events = 1'000'000;
  int64_t max_virtual_us = 60'000'000;
};
// Steps one event at a time until an event of the target kind is traced; true if one
// was, false when a limit was reached or nothing is left to run.
bool step_to_next(Simulation& simulation, StepTarget target, StepLimits limits = {});

}  // namespace zk::ui
