// Prng: the one seeded random generator of a simulated run (xoshiro256** seeded through
// splitmix64), with its own distribution code so that the same seed gives the same
// numbers with every standard library. It is a value: copying a world copies its PRNG.
// Besides the stream, keyed draws give numbers fixed by the seed and a key without
// advancing the stream: for the world's constants (a host's uptime), so that adding one
// leaves every stream draw - and every recorded run, shrunk scenario and fuzz seed - as it
// was.
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
  // Uniform in [lo, hi], fixed by the seed this PRNG was made with and key; the stream does
  // not move. Distinct keys give independent numbers.
  int64_t keyed_uniform_int(uint64_t key, int64_t lo, int64_t hi) const;

  bool operator==(const Prng&) const = default;

 private:
  uint64_t seed_ = 0;
  uint64_t state_[4];
};

}  // namespace zk::sim
