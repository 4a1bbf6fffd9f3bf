// The Controls panel's logic that needs no window: parsing a custom start order ("3 1 2")
// and stepping the simulation to the next trace event of a chosen kind (vote change,
// state change, commit), bounded in events and in virtual time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/vote.h"

namespace zk::sim {
class RecordedRun;
}

namespace zk::ui {

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
// was, false when a limit was reached or nothing is left to run. On success *match (when
// given) is the trace index of the event found.
bool step_to_next(sim::RecordedRun& simulation, StepTarget target, StepLimits limits = {}, size_t* match = nullptr);

// Runs one event (sim::RecordedRun::step_one_event) and says what ran, as the Controls panel
// shows it: "2.003500s (+0.001200s): S2 vote S1 -> S3 (...)", "(clock unchanged)" when the
// event was due at the same microsecond, "no decision traced" when it changed nothing the
// trace records, "nothing left to run" when the queue was empty.
std::string step_one_described(sim::RecordedRun& simulation);

// The `]` and `[` keys: the playhead moves to the next (previous) moment at which the trace
// records something, and the text says what ("2.003500s: S2 changes its vote ..."). Forward
// from the end of the run it simulates until something is traced (within `limits`); back, it
// jumps in time (sim::RecordedRun::jump_to). "no earlier traced event" / "nothing traced
// within ..." when there is none.
std::string jump_to_next_traced(sim::RecordedRun& simulation, StepLimits limits = {});
std::string jump_to_previous_traced(sim::RecordedRun& simulation);

// A virtual time as format_time_us writes it, without its padding: "2.003500s".
std::string time_text(int64_t time_us);

// "1 2 3 ... N": the start order a new cluster of server_count servers gets by default.
std::string default_start_order(int server_count);
// "1-2-3-4-5": a start order as the Start buttons name it.
std::string order_label(const std::vector<ServerId>& order);
// "" or a warning that the order starts fewer servers than a quorum of server_count
// ("starts 3 of 7 servers: no quorum (needs 4), no leader will be elected").
std::string quorum_warning(const std::vector<ServerId>& order, int server_count);

}  // namespace zk::ui
