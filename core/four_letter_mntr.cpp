// mntr as ZooKeeper 3.8 prints it: every key of 3.8's fixed list in 3.8's order
// (core/mntr_keys.cpp), then the leader's per-learner summary sets. Values the simulation
// models: server_state, peer_state, ephemerals_count, num_alive_connections (the asking
// connection included), outstanding_requests, znode_count (root counted twice, as 3.8
// does), global_sessions, watch_count, approximate_data_size, quorum_size, and on a leader
// learners, synced_followers, synced_observers, pending_syncs, proposal_count and
// last/min/max_proposal_size (serialized sizes), and on an observer observer_master_id (its
// leader); an observer prints 3.8's observer key list. Fixed stand-ins for what depends on
// the JVM, the host or wall-clock time: zk_version (kSimulatedZooKeeperVersion), zk_uptime and zk_leader_uptime 0,
// zk_open_file_descriptor_count 37 and zk_max_file_descriptor_count 20000 (a fresh 3.8.0
// server's values). Everything else (latencies, packet and byte counters, processor queue
// metrics, summaries) prints as on a server that never counted it: 0, 0.0 for averages and
// -1 for client response sizes. Not printed: the per-namespace read/write summary sets.
#include <fmt/format.h>

#include <cctype>
#include <map>

#include "core/four_letter_common.h"
#include "core/four_letter_words.h"
#include "core/mntr_keys.h"
#include "core/quorum_peer.h"

namespace zk::four_letter {
namespace {

std::string peer_state(const QuorumPeer& peer) {
  std::string state = peer.state() == PeerState::kLeading     ? "leading"
                      : peer.state() == PeerState::kFollowing ? "following"
                      : peer.state() == PeerState::kObserving ? "observing"
                                                              : "looking";
  if (peer.state() == PeerState::kLooking) return state;
  std::string phase = zab_phase_name(peer.phase());
  for (char& c : phase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return state + " - " + phase;
}

std::map<std::string, std::string, std::less<>> modelled_values(const QuorumPeer& peer) {
  std::map<std::string, std::string, std::less<>> v;
  v["version"] = kSimulatedZooKeeperVersion;
  v["server_state"] = mode_name(peer);
  v["peer_state"] = peer_state(peer);
  v["ephemerals_count"] = std::to_string(ephemeral_count(peer));
  v["num_alive_connections"] = std::to_string(listed_connections(peer, "").size());
  v["outstanding_requests"] = std::to_string(outstanding_requests(peer));
  v["znode_count"] = std::to_string(node_count_3_8(peer));
  v["global_sessions"] = std::to_string(peer.tree().sessions().size());
  v["watch_count"] = std::to_string(peer.watches().watch_count());
  v["approximate_data_size"] = std::to_string(approximate_data_size(peer));
  v["quorum_size"] = std::to_string(peer.config().quorum.voter_count());
  v["open_file_descriptor_count"] = "37";
  v["max_file_descriptor_count"] = "20000";
  const ProposalSizes sizes = proposal_sizes(peer);
  v["proposal_count"] = std::to_string(sizes.count);
  if (peer.state() == PeerState::kLeading && peer.leader_state()) {
    const Leader& leader = *peer.leader_state();
    size_t synced_followers = 0;
    size_t synced_observers = 0;
    for (const auto& [learner, handler] : leader.handlers) {
      if (handler.up_to_date_sent) ++(handler.observer ? synced_observers : synced_followers);
    }
    v["learners"] = std::to_string(leader.handlers.size());
    v["synced_followers"] = std::to_string(synced_followers);
    v["synced_observers"] = std::to_string(synced_observers);
    v["pending_syncs"] = std::to_string(leader.pending_syncs.size());
    v["last_proposal_size"] = std::to_string(sizes.last);
    v["min_proposal_size"] = std::to_string(sizes.min);
    v["max_proposal_size"] = std::to_string(sizes.max);
  }
  if (peer.state() == PeerState::kObserving) v["observer_master_id"] = std::to_string(peer.current_leader());
  return v;
}

std::string unmodelled_value(std::string_view key) {
  if (key.starts_with("avg_") || key == "connection_drop_probability") return "0.0";
  if (key.ends_with("_client_response_size")) return "-1";
  return "0";
}

}  // namespace

std::string mntr(const QuorumPeer& peer) {
  const bool leading = peer.state() == PeerState::kLeading;
  const auto values = modelled_values(peer);
  std::string out;
  auto line = [&out](std::string_view key, std::string_view value) { out += fmt::format("zk_{}\t{}\n", key, value); };
  const MntrRole role = leading                                    ? MntrRole::kLeader
                        : peer.state() == PeerState::kObserving ? MntrRole::kObserver
                                                                : MntrRole::kFollower;
  for (const char* key : mntr_fixed_keys(role)) {
    const auto it = values.find(std::string_view(key));
    line(key, it != values.end() ? it->second : unmodelled_value(key));
  }
  if (leading && peer.leader_state()) {
    for (const auto& [learner, handler] : peer.leader_state()->handlers) {
      for (const char* stat : {"avg", "min", "max", "cnt", "sum"}) {
        const std::string key = fmt::format("{}_{}_learner_handler_qp_size", stat, learner);
        line(key, unmodelled_value(key));
      }
    }
    for (const auto& [learner, handler] : peer.leader_state()->handlers) {
      for (const char* stat : {"avg", "min", "max", "cnt", "sum", "p50", "p95", "p99", "p999"}) {
        const std::string key = fmt::format("{}_{}_learner_handler_qp_time_ms", stat, learner);
        line(key, unmodelled_value(key));
      }
    }
  }
  return out;
}

}  // namespace zk::four_letter
