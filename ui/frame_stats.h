// FrameStats: wall-clock frame times of the GUI loop and the share spent advancing the
// simulation, for `zksim gui --frame-stats` (mean, p99, max; messages in flight).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace zk::ui {

struct FrameSample {
  double frame_ms = 0.0;       // whole frame: simulation + UI + render + swap
  double simulation_ms = 0.0;  // Simulation::advance
  double cpu_ms = 0.0;         // process CPU time in the frame, all threads (llvmpipe's too)
  size_t messages_in_flight = 0;
};

struct FrameSummary {
  size_t frames = 0;
  double mean_ms = 0.0;
  double p99_ms = 0.0;
  double max_ms = 0.0;
  double simulation_mean_ms = 0.0;
  double simulation_p99_ms = 0.0;
  double simulation_max_ms = 0.0;
  double cpu_mean_ms = 0.0;
  double cpu_p99_ms = 0.0;
  size_t min_in_flight = 0;
  double mean_in_flight = 0.0;
};

class FrameStats {
 public:
  static constexpr size_t kMaxSamples = 1'000'000;
  void add(const FrameSample& sample);
  // Skips the first `warmup` frames (font atlas upload, first layout).
  FrameSummary summarize(size_t warmup) const;
  size_t size() const { return samples_.size(); }

 private:
  std::vector<FrameSample> samples_;
};

// Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none.
double percentile(std::vector<double> values, double p);
// "frames 600: frame time mean 4.1 ms, p99 6.0 ms, max 7.2 ms (60 fps budget 16.7 ms); ..."
std::string format_summary(const FrameSummary& summary);

}  // namespace zk::ui
