// Micro-benchmarks behind `zksim bench ...`. Each takes the arguments after its own name,
// prints its figures to stdout and returns the process exit status (0 ok, 2 bad usage).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/process_memory.h"

namespace zk::sim {
class World;
}  // namespace zk::sim

namespace zk::app {

// Shared by the benchmarks (and process_memory.h's proc_status_bytes and heap figures). A World of `servers` servers all started at once, run until its leader serves; and
// `count` clients c0, c1, ... connected round-robin to its servers (bench_cluster.cpp).
sim::World bench_serving_world(int servers, uint64_t seed);
void bench_connect_clients(sim::World& world, int count);

// `zksim bench tree [--nodes N] [--children-per-dir N]`: builds a DataTree of N znodes
// (default 1,000,000, 16-byte data) through PrepRequestProcessor + DataTree::apply and
// reports creates/s, getData/s, setData/s, getChildren time on a 100,000-child node and
// resident bytes per znode.
int run_bench_tree(const std::vector<std::string>& args);

// `zksim bench disk [--nodes N] [--txns M] [--dir DIR]`: write and restore a ZooKeeper
// data directory of N znodes plus M logged txns; seconds and memory.
int run_bench_disk(const std::vector<std::string>& args);

// `zksim bench elections [--servers N,N,...] [--runs K]`: a cold-start election's events,
// proposal changes and CPU time per ensemble size, with the growth between sizes.
int run_bench_elections(const std::vector<std::string>& args);

// `zksim bench checker`: events/s with and without the invariant checker, and the
// consistency checker's time on a 10,000-operation, 20-client history.
int run_bench_checker(const std::vector<std::string>& args);

// `zksim bench live [--servers N] [--connections C] [--ops M] [--window W] [--port P]
// [--speeds X,Y] [--real HOSTS] [--real-pids PID,...]`: ZooKeeper's C client creating 16-byte
// znodes against `zksim serve` and a real ensemble, side by side: ops/s, latency, server CPU.
int run_bench_live(const std::vector<std::string>& args);
// `zksim bench clients [--clients N] [--servers N]`: N clients (default 1,250, 2,500, 5,000
// and 10,000) connect one scenario step at a time, create a znode each and ping for a
// virtual minute; CPU and wall seconds per N.
int run_bench_clients(const std::vector<std::string>& args);
// `zksim bench memory [writes|time] [--writes N] [--days D] [--max-mb M]`: VmRSS of a
// 3-server World against committed writes and against virtual time (bench_memory.cpp).
int run_bench_memory(const std::vector<std::string>& args);

}  // namespace zk::app
