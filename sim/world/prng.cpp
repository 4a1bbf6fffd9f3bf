// xoshiro256** (Blackman and Vigna, public domain algorithm) and bias-free range draws.
#include "sim/world/prng.h"

#include <cstdio>
#include <cstdlib>

namespace zk::sim {
namespace {

uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// The range preconditions hold in every build type: an empty range is a caller's bug, and
// drawing anyway (from all 64 bits, as the unchecked code did) would hide it in release.
[[noreturn]] void empty_range(const char* what, int64_t lo, int64_t hi) {
  std::fprintf(stderr, "zksim: Prng::%s: empty range [%lld, %lld] (a caller's bug)\n", what,
               static_cast<long long>(lo), static_cast<long long>(hi));
  std::abort();
}

}  // namespace

Prng::Prng(uint64_t seed) : seed_(seed) {
  uint64_t x = seed;
  for (auto& word : state_) word = splitmix64(x);
}

uint64_t Prng::next_u64() {
  const uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

Prng::Range Prng::range(int64_t lo, int64_t hi) {
  if (lo > hi) [[unlikely]] empty_range("range", lo, hi);
  Range r;
  r.lo = lo;
  r.span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  // Rejection sampling: accept draws below the largest multiple of the range's size.
  r.limit = r.span == UINT64_MAX ? UINT64_MAX : UINT64_MAX - (UINT64_MAX % (r.span + 1));
  return r;
}

int64_t Prng::uniform(const Range& r) {
  if (r.span == UINT64_MAX) return static_cast<int64_t>(next_u64());
  const uint64_t size = r.span + 1;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const uint64_t draw = next_u64();
    if (draw < r.limit) return static_cast<int64_t>(static_cast<uint64_t>(r.lo) + draw % size);
  }
  return r.lo;  // Unreachable in practice: each attempt fails with probability < 1/2.
}

int64_t Prng::uniform_int(int64_t lo, int64_t hi) { return uniform(range(lo, hi)); }

bool Prng::chance(uint64_t numerator, uint64_t denominator) {
  if (denominator == 0) [[unlikely]] empty_range("chance", 1, 0);
  if (numerator == 0) return false;
  if (numerator >= denominator) return true;
  return static_cast<uint64_t>(uniform_int(0, static_cast<int64_t>(denominator) - 1)) < numerator;
}

bool Prng::chance(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  constexpr uint64_t kScale = 1000000000ULL;
  return chance(static_cast<uint64_t>(p * static_cast<double>(kScale) + 0.5), kScale);
}

int64_t Prng::keyed_uniform_int(uint64_t key, int64_t lo, int64_t hi) const {
  // A stream of its own, seeded from (seed, key) through splitmix64 twice so that nearby
  // seeds and keys do not give related states.
  uint64_t x = seed_;
  uint64_t mixed = splitmix64(x) ^ key;
  Prng keyed(splitmix64(mixed));
  return keyed.uniform_int(lo, hi);
}

}  // namespace zk::sim
