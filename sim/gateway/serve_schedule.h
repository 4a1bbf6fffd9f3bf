// ServeSchedule: a scenario file's steps run against the live, wall-paced World of
// `zksim serve SCENARIO.zks`, so a fault schedule can be scripted against real clients. Each
// acting command (start, kill, partition, heal, pause, disk ID load DIR, simulated clients'
// operations, ...) is applied through apply_action, as `zksim run` and the GUI apply it;
// `run DUR` waits until DUR of virtual time has passed; `run until leader|converged` waits
// for that state, an error past its timeout; `start A B every=DUR` starts one server at a
// time; `disk fsync=` sets the disks' latency. Expectations are not checked in live mode
// (the real clients change what they would check; `zksim run` checks them): they are
// listed once, as notes, when the schedule is made.
//
// The world's time moves with the wall clock; poll() is called on every turn of the serve
// loop and runs every step that is due at the world's time then, so an action lands at the
// first turn at or after its due time. The schedule itself never advances the world.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace zk::sim::gateway {

// Each server's client port for a scenario's cluster (ports[i] for server i+1): a `cluster
// config` zoo.cfg's server line `;port`, or its clientPort; otherwise default_port + i. Servers
// that share a port (one per host in a real ensemble) get it and the ports after it on this
// one machine, and *note says so; otherwise *note is left empty.
std::vector<int> client_ports(const ClusterSetup& setup, int server_count, int default_port, std::string* note);

class ServeSchedule {
 public:
  explicit ServeSchedule(Scenario scenario);

  // "FILE:LINE: expect ...: not checked in live mode" for every expectation in the file.
  const std::vector<std::string>& notes() const { return notes_; }

  struct Turn {
    std::vector<std::string> lines;  // one per step run: "FILE:LINE: kill leader (at 12.3s)"
    std::string error;               // "FILE:LINE: message": the schedule stopped here
    // Each action applied to the world, in order, as a scenario command that does the same
    // (one `start ID` of a `start ... every=`; a `disk ID load` with the path resolved).
    std::vector<Command> applied;
  };
  // Applies one command to the world; "" or why not. The headless loop applies it directly
  // (apply_action; `disk fsync=` as World::set_fsync_latency); the GUI's --serve through
  // its RecordedRun, so the schedule's steps are recorded with the session.
  using Apply = std::function<std::string(const Command&)>;
  // Runs the steps due at world.now_us(); call once per serve-loop turn.
  Turn poll(World& world);
  Turn poll(const World& world, const Apply& apply);
  bool done() const { return next_ >= scenario_.steps.size() && !waiting(); }

 private:
  enum class Wait : uint8_t { kNone, kUntil, kLeader, kConverged, kStartEvery };
  bool waiting() const { return wait_ != Wait::kNone; }
  // True when the current wait is over; an error past a `run until` timeout.
  bool wait_over(const World& world, const Apply& apply, const Step& step, Turn* turn);
  // The schedule ends here with `error` (what poll() reports).
  void stop(Turn* turn, std::string error);
  // Starts the next step; false when the schedule stopped (turn->error set).
  bool begin(const World& world, const Apply& apply, const Step& step, Turn* turn);
  std::string where(const Step& step) const;

  Scenario scenario_;
  std::vector<std::string> notes_;
  size_t next_ = 0;  // index of the step to begin next (the current one while waiting)
  Wait wait_ = Wait::kNone;
  int64_t wait_until_us_ = 0;  // kUntil / kStartEvery: when the wait ends; kLeader / kConverged: timeout
  size_t started_ = 0;         // kStartEvery: servers of the step started so far
};

}  // namespace zk::sim::gateway
