// ZooKeeper's four-letter words srvr, stat, mntr and conf (and ruok), answered from one
// server's public state in ZooKeeper 3.8's text format (StatCommand, MonitorCommand,
// ZooKeeperServer.dumpConf). A server that is not serving answers srvr/stat/mntr/conf
// with "This ZooKeeper instance is not currently serving requests". What the simulation
// does not model is reported as ZooKeeper reports an unused counter: request latencies
// and packet counters are 0 (the simulated network counts messages, not per-server
// packets), uptime is omitted. Addresses are the simulation's: host "zkN", quorum port
// 2888, election port 3888, client port 2181, data dir /data/zkN.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zk {

class QuorumPeer;

inline constexpr const char* kSimulatedZooKeeperVersion = "3.8.4-zksim, built on simulated time";
inline constexpr const char* kNotServing = "This ZooKeeper instance is not currently serving requests\n";

// True for the words answered here: ruok, srvr, stat, mntr, conf.
bool is_four_letter_word(std::string_view word);
// The text the server answers (each line ending in '\n', ruok's "imok" without one);
// nullopt for a word that is not one of the above.
std::optional<std::string> four_letter_word(std::string_view word, const QuorumPeer& peer);

}  // namespace zk
