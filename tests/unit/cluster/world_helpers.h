// Helpers for multi-server tests on the World: start servers in an order with a gap, run
// until a serving leader, and dump the trace when a check fails.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>

#include "sim/world/world.h"

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
    REQUIRE(world.start(id).ok());
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

// Three servers started 1, 2, 3 a second apart and settled: S2 leads (lesson election-3-servers-1-2-3.zks).
inline sim::World settled_three_servers() {
  auto world = make_world(3);
  start_in_order(world, {1, 2, 3}, 1'000'000);
  REQUIRE(run_until_settled(world));
  REQUIRE(world.leader() == 2);
  return world;
}

}  // namespace zk::test

namespace zk::test {

// Sends one operation and runs until its reply (or failure) arrives, up to 30 s.
inline const sim::ClientOpResult& do_op(sim::World& world, const std::string& client, const Request& request) {
  int32_t cxid = 0;
  REQUIRE(world.client_submit(client, request, &cxid).ok());
  world.run_until(
      [&](const sim::World& w) {
        const auto* op = w.client(client)->op(cxid);
        return op && op->done;
      },
      30'000'000);
  const auto* op = world.client(client)->op(cxid);
  REQUIRE(op != nullptr);
  REQUIRE(op->done);
  return *op;
}

inline void connect_client(sim::World& world, const std::string& name, ServerId server, int64_t timeout_ms = 6000) {
  REQUIRE(world.client_connect(name, server, timeout_ms).ok());
  world.run_until([&](const sim::World& w) { return w.client(name)->connect_settled(); }, 30'000'000);
  REQUIRE(world.client(name)->state() == sim::ClientState::kConnected);
}

inline CreateRequest create(std::string path, std::string data = "", CreateMode mode = CreateMode::kPersistent) {
  return CreateRequest{std::move(path), std::move(data), mode, -1};
}

// A serving leader, and every serving server holds the same tree (sim::converged, the
// definition the scenario runner uses for `expect converged`).
inline bool converged(const sim::World& world) { return sim::converged(world, sim::ConvergenceScope::kServingServers); }

inline bool run_until_converged(sim::World& world, int64_t timeout_us = 30'000'000) {
  return world.run_until([](const sim::World& w) { return converged(w); }, timeout_us);
}

}  // namespace zk::test
