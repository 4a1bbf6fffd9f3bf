// FlatMap / FlatSet against std::map / std::set with zxid-shaped keys: runs of consecutive
// counters within an epoch (the lookups the dense guess answers), gaps and epoch jumps
// (where it must fall back to galloping), inserts out of order, keys absent below, inside
// and above the table, and keys at the ends of int64_t (the guess's distance must not
// overflow).
#include "sim/check/flat_map.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <vector>

#include "core/zxid.h"
#include "sim/world/prng.h"

namespace zk::sim {
namespace {

std::vector<int64_t> zxid_shaped_keys(Prng& prng, size_t count) {
  std::vector<int64_t> keys;
  Epoch epoch = 1;
  int64_t counter = 0;
  while (keys.size() < count) {
    const int64_t roll = prng.uniform_int(0, 99);
    if (roll < 3) {
      ++epoch;
      counter = 0;  // a new leader: the next key jumps by 2^32
    } else if (roll < 10) {
      counter += prng.uniform_int(2, 40);  // a gap: zxids this table never saw
    } else {
      ++counter;
    }
    keys.push_back(make_zxid(epoch, static_cast<uint32_t>(counter)));
  }
  return keys;
}

TEST_CASE("flat map and set agree with std::map and std::set on zxid-shaped keys") {
  Prng prng(20261201);
  const std::vector<int64_t> keys = zxid_shaped_keys(prng, 3000);
  FlatMap<int64_t, int> map;
  FlatSet<int64_t> set;
  std::map<int64_t, int> map_reference;
  std::set<int64_t> set_reference;
  for (size_t i = 0; i < keys.size(); ++i) {
    // Mostly in order; now and then a key from a little way back (a late server) or a repeat.
    const int64_t roll = prng.uniform_int(0, 9);
    const size_t pick = roll == 0 && i > 50 ? i - static_cast<size_t>(prng.uniform_int(1, 50)) : i;
    const int64_t key = keys[pick];
    const int value = static_cast<int>(i);
    const auto [it, inserted] = map.try_emplace(key, value);
    const auto [ref_it, ref_inserted] = map_reference.try_emplace(key, value);
    REQUIRE(inserted == ref_inserted);
    REQUIRE(it->first == key);
    REQUIRE(it->second == ref_it->second);
    set.insert(key);
    set_reference.insert(key);
    // Probe around the newest keys: present, just absent, and far below.
    for (const int64_t probe : {key, key + 1, key - 1, keys[i / 2], keys[i / 2] + 1, int64_t{0}}) {
      REQUIRE(map.contains(probe) == map_reference.contains(probe));
      REQUIRE(set.contains(probe) == set_reference.contains(probe));
    }
  }
  REQUIRE(map.size() == map_reference.size());
  REQUIRE(set.size() == set_reference.size());
  auto ref = map_reference.begin();
  for (const auto& [key, value] : map) {
    REQUIRE(key == ref->first);
    REQUIRE(value == ref->second);
    ++ref;
  }
  CHECK(std::vector<int64_t>(set.begin(), set.end()) == std::vector<int64_t>(set_reference.begin(), set_reference.end()));
}

TEST_CASE("flat set lookups at the ends of int64_t do not overflow the dense guess") {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  FlatSet<int64_t> set;
  CHECK_FALSE(set.contains(kMin));
  set.insert(kMax - 1);
  set.insert(kMax);
  CHECK(set.contains(kMax));
  CHECK(set.contains(kMax - 1));
  CHECK_FALSE(set.contains(kMin));
  CHECK_FALSE(set.contains(-1));
  set.insert(kMin);
  set.insert(0);
  CHECK(set.contains(kMin));
  CHECK(set.contains(0));
  CHECK(std::vector<int64_t>(set.begin(), set.end()) == std::vector<int64_t>{kMin, 0, kMax - 1, kMax});
}

}  // namespace
}  // namespace zk::sim
