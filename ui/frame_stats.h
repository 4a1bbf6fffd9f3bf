// FrameStats: wall-clock frame times of the GUI loop and the share spent advancing the
// simulation, for `zksim gui --frame-stats` (mean, p99, max; messages in flight).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace zk::ui {

struct FrameSample {
  double frame_ms = 0.0;       // whole frame: simulation + UI + render + swap
  double simulation_ms = 0.0;  // sim::RecordedRun::advance
  double cpu_ms = 0.0;         // process CPU time in the frame, all threads (llvmpipe's too)
  size_t messages_in_flight = 0;
};

constexpr double kFrameBudgetMs = 1000.0 / 60.0;

struct FrameSummary {
  size_t frames = 0;
  double mean_ms = 0.0;
  double median_ms = 0.0;
  size_t frames_over_budget = 0;  // longer than 16.67 ms (a dropped frame at 60 Hz)
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
// "frames 600: frame time mean 4.10 ms, median 4.00 ms, p99 6.00 ms, max 7.20 ms, 0 (0.0%) over the
// 60 fps budget of 16.67 ms; ..."
std::string format_summary(const FrameSummary& summary);

}  // namespace zk::ui
