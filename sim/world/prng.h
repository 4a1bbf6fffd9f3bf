// Prng: the one seeded random generator of a simulated run (xoshiro256** seeded through
// splitmix64), with its own distribution code so that the same seed gives the same
// numbers with every standard library. It is a value: copying a world copies its PRNG.
#pragma once

#include <cstdint>

namespace zk::sim {

class Prng {
 public:
  explicit Prng(uint64_t seed = 0);

  uint64_t next_u64();
  // Uniform integer in [lo, hi] (inclusive), without modulo bias. Requires lo <= hi, checked
  // in every build type: an empty range prints one line to stderr and aborts.
  int64_t uniform_int(int64_t lo, int64_t hi);
  // [lo, hi] prepared once for many draws (a link's latency range): uniform(range) gives
  // exactly the numbers uniform_int(lo, hi) would, without recomputing the rejection limit.
  struct Range {
    int64_t lo = 0;
    uint64_t span = 0;   // hi - lo
    uint64_t limit = 0;  // draws at or above it are rejected
  };
  static Range range(int64_t lo, int64_t hi);
  int64_t uniform(const Range& range);
  // True with probability numerator / denominator; denominator > 0 (checked like lo <= hi).
  bool chance(uint64_t numerator, uint64_t denominator);
  // True with probability p in [0, 1], resolved to 1e-9.
  bool chance(double p);

  bool operator==(const Prng&) const = default;

 private:
  uint64_t state_[4];
};

}  // namespace zk::sim
