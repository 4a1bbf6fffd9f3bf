// Timing of a ZooKeeper server that is not a protocol constant but the machine's: kept in
// one place so the core (PeerConfig), the world and the scenario language share defaults.
#pragma once

#include <cstdint>

namespace zk {

// From winning the election to the Leader's quorum port being bound (QuorumPeer.run →
// makeLeader → the Leader constructor). A learner's connect before then is refused and
// retried 100 ms later. Measured 14-45 ms with ZooKeeper 3.8.0 on 127.0.0.1
// (tools/oracle/observe.py leader-kill); the scenario option is `leader-bind=`.
constexpr int64_t kDefaultLeaderBindDelayUs = 20'000;

// How long QuorumCnxManager waits for a connect to a peer's election port before giving
// up on that attempt (its cnxTO, the zookeeper.cnxTimeout property, 5000 ms by default).
// ZooKeeper 3.8 makes one attempt per peer at a time (inprogressConnections) and tries
// again only when it next has something to send there (toSend / connectAll).
constexpr int64_t kQuorumConnectTimeoutUs = 5'000'000;

}  // namespace zk
