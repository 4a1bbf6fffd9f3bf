// WallPacer: maps wall-clock time to virtual time for live mode (virtual = start +
// speed x elapsed wall time), so a real client's timeouts and the simulated servers' agree
// at 1x. It only reads a clock it is given; the world never sees wall time.
#pragma once

#include <chrono>
#include <cstdint>

namespace zk::sim::gateway {

class WallPacer {
 public:
  using Clock = std::chrono::steady_clock;
  WallPacer(int64_t virtual_start_us, double speed, Clock::time_point wall_start)
      : virtual_start_us_(virtual_start_us), speed_(speed), wall_start_(wall_start) {}
  int64_t virtual_now_us(Clock::time_point wall_now) const {
    const auto elapsed_us = std::chrono::duration_cast<std::chrono::microseconds>(wall_now - wall_start_).count();
    return virtual_start_us_ + static_cast<int64_t>(static_cast<double>(elapsed_us) * speed_);
  }
  // Wall microseconds until the world reaches virtual_us (0 if already there).
  int64_t wall_us_until(int64_t virtual_us, Clock::time_point wall_now) const {
    const int64_t ahead_us = virtual_us - virtual_now_us(wall_now);
    return ahead_us <= 0 ? 0 : static_cast<int64_t>(static_cast<double>(ahead_us) / speed_);
  }

 private:
  int64_t virtual_start_us_;
  double speed_;
  Clock::time_point wall_start_;
};

}  // namespace zk::sim::gateway
