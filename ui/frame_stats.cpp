// Frame-time statistics for --frame-stats.
#include "ui/frame_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace zk::ui {

void FrameStats::add(const FrameSample& sample) {
  if (samples_.size() < kMaxSamples) samples_.push_back(sample);
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

FrameSummary FrameStats::summarize(size_t warmup) const {
  FrameSummary summary;
  if (samples_.size() <= warmup) return summary;
  std::vector<double> frame;
  std::vector<double> simulation;
  std::vector<double> cpu;
  double in_flight_sum = 0.0;
  summary.min_in_flight = SIZE_MAX;
  for (size_t i = warmup; i < samples_.size(); ++i) {
    frame.push_back(samples_[i].frame_ms);
    simulation.push_back(samples_[i].simulation_ms);
    cpu.push_back(samples_[i].cpu_ms);
    in_flight_sum += static_cast<double>(samples_[i].messages_in_flight);
    summary.min_in_flight = std::min(summary.min_in_flight, samples_[i].messages_in_flight);
  }
  summary.frames = frame.size();
  const auto count = static_cast<double>(frame.size());
  for (double v : frame) summary.mean_ms += v / count;
  for (double v : simulation) summary.simulation_mean_ms += v / count;
  for (double v : cpu) summary.cpu_mean_ms += v / count;
  summary.cpu_p99_ms = percentile(cpu, 99.0);
  summary.max_ms = *std::max_element(frame.begin(), frame.end());
  summary.simulation_max_ms = *std::max_element(simulation.begin(), simulation.end());
  summary.p99_ms = percentile(frame, 99.0);
  summary.median_ms = percentile(frame, 50.0);
  summary.frames_over_budget = static_cast<size_t>(std::count_if(frame.begin(), frame.end(), [](double ms) { return ms > kFrameBudgetMs; }));
  summary.simulation_p99_ms = percentile(simulation, 99.0);
  summary.mean_in_flight = in_flight_sum / count;
  return summary;
}

std::string format_summary(const FrameSummary& s) {
  const double share = s.mean_ms > 0.0 ? 100.0 * s.simulation_mean_ms / s.mean_ms : 0.0;
  return fmt::format(
      "frames {}: frame time mean {:.2f} ms, median {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms, {} ({:.1f}%) over the "
      "60 fps budget of 16.67 ms; "
      "simulation mean {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms ({:.0f}% of the frame); "
      "process CPU per frame mean {:.2f} ms, p99 {:.2f} ms; messages in flight mean {:.0f}, min {}",
      s.frames, s.mean_ms, s.median_ms, s.p99_ms, s.max_ms, s.frames_over_budget,
      s.frames > 0 ? 100.0 * static_cast<double>(s.frames_over_budget) / static_cast<double>(s.frames) : 0.0, s.simulation_mean_ms, s.simulation_p99_ms, s.simulation_max_ms, share,
      s.cpu_mean_ms, s.cpu_p99_ms, s.mean_in_flight, s.min_in_flight);
}

}  // namespace zk::ui
