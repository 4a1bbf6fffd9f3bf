// LoadGenerator: a steady client write load for demonstrations and the frame-time
// measurement (`zksim gui --load W`): one client per server, each creating its own znode
// once and then setting it, W writes per virtual second in total, round-robin. Every
// operation goes through the sim::RecordedRun's command layer, like a user's console command.
#pragma once

#include <chrono>
#include <cstdint>

namespace zk::sim {
class RecordedRun;
}

namespace zk::ui {

class LoadGenerator {
 public:
  static constexpr int64_t kMaxWritesPerCall = 10'000;
  explicit LoadGenerator(int64_t writes_per_second) : writes_per_second_(writes_per_second) {}
  // Issues the writes due up to the world's current virtual time (none before a leader
  // serves), until the wall clock passes `deadline`: writes left over are issued in the
  // next call (later in virtual time), so the load never holds a frame past its budget.
  void issue_due(sim::RecordedRun& simulation,
                 std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());
  int64_t writes_issued() const { return writes_issued_; }

 private:
  int64_t writes_per_second_;
  bool connected_ = false;
  int64_t next_write_us_ = 0;
  int64_t writes_issued_ = 0;
};

}  // namespace zk::ui
