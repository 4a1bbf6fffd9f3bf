// Helpers for multi-server tests on the World: start servers in an order with a gap, run
// until a serving leader, and dump the trace when a check fails.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>

#include "sim/world.h"

namespace zk::test {

inline sim::World make_world(int servers, uint64_t seed = 1) {
  sim::WorldConfig config;
  config.server_count = servers;
  config.seed = seed;
  return sim::World(config);
}

inline void start_in_order(sim::World& world, std::initializer_list<ServerId> order, int64_t gap_us) {
  bool first = true;
  for (ServerId id : order) {
    if (!first && gap_us > 0) world.run_for(gap_us);
    first = false;
    REQUIRE(world.start(id).empty());
  }
}

inline bool run_until_serving(sim::World& world, int64_t timeout_us = 60'000'000) {
  return world.run_until([](const sim::World& w) { return w.leader_serving(); }, timeout_us);
}

// Runs until every live server is FOLLOWING or LEADING a serving leader.
inline bool run_until_settled(sim::World& world, int64_t timeout_us = 60'000'000) {
  return world.run_until(
      [](const sim::World& w) {
        if (!w.leader_serving()) return false;
        for (ServerId id = 1; id <= w.server_count(); ++id) {
          const QuorumPeer* p = w.peer(id);
          if (p && !p->serving()) return false;
        }
        return true;
      },
      timeout_us);
}

}  // namespace zk::test
