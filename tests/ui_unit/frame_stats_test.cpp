// Frame-time statistics: nearest-rank percentiles, warm-up frames skipped, the report line.
#include <doctest/doctest.h>

#include "ui/frame_stats.h"

TEST_CASE("percentile is the nearest rank") {
  CHECK(zk::ui::percentile({}, 99.0) == 0.0);
  CHECK(zk::ui::percentile({5.0}, 99.0) == 5.0);
  std::vector<double> values;
  for (int i = 100; i >= 1; --i) values.push_back(i);
  CHECK(zk::ui::percentile(values, 99.0) == 99.0);
  CHECK(zk::ui::percentile(values, 50.0) == 50.0);
  CHECK(zk::ui::percentile(values, 100.0) == 100.0);
}

TEST_CASE("summary skips warm-up frames and reports mean, p99, max and messages") {
  zk::ui::FrameStats stats;
  stats.add({1000.0, 900.0, 1000.0, 0});  // warm-up, skipped
  for (int i = 1; i <= 100; ++i) stats.add({static_cast<double>(i), 1.0, 2.0, static_cast<size_t>(500 + 2 * i)});
  const zk::ui::FrameSummary summary = stats.summarize(1);
  CHECK(summary.frames == 100);
  CHECK(summary.mean_ms == doctest::Approx(50.5));
  CHECK(summary.p99_ms == 99.0);
  CHECK(summary.max_ms == 100.0);
  CHECK(summary.median_ms == 50.0);
  CHECK(summary.frames_over_budget == 84);  // 17..100 ms
  CHECK(summary.simulation_mean_ms == doctest::Approx(1.0));
  CHECK(summary.cpu_mean_ms == doctest::Approx(2.0));
  CHECK(summary.min_in_flight == 502);
  CHECK(summary.mean_in_flight == doctest::Approx(601.0));
  CHECK(zk::ui::format_summary(summary) ==
        "frames 100: frame time mean 50.50 ms, median 50.00 ms, p99 99.00 ms, max 100.00 ms, 84 (84.0%) over the "
        "60 fps budget of 16.67 ms; "
        "simulation mean 1.00 ms, p99 1.00 ms, max 1.00 ms (2% of the frame); "
        "process CPU per frame mean 2.00 ms, p99 2.00 ms; messages in flight mean 601, min 502");
  CHECK(stats.summarize(200).frames == 0);
}
