// srvr / stat / mntr / conf text from a QuorumPeer's public state.
#include "core/four_letter_words.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/quorum_peer.h"

namespace zk {
namespace {

const char* mode_name(const QuorumPeer& peer) {
  switch (peer.state()) {
    case PeerState::kLeading: return "leader";
    case PeerState::kFollowing: return "follower";
    case PeerState::kObserving: return "observer";
    case PeerState::kLooking: return "looking";
  }
  return "looking";
}

size_t alive_connections(const QuorumPeer& peer) {
  size_t count = 0;
  for (const auto& [id, connection] : peer.connections()) count += connection.established ? 1 : 0;
  return count;
}

int64_t outstanding_requests(const QuorumPeer& peer) {
  int64_t count = 0;
  for (const auto& [id, connection] : peer.connections()) {
    count += connection.outstanding + static_cast<int64_t>(connection.queued_reads.size());
  }
  return count;
}

// Proposal sizes of the current leader's epoch: (last, min, max), -1 when none yet.
struct ProposalSizes {
  int64_t last = -1;
  int64_t min = -1;
  int64_t max = -1;
};

ProposalSizes proposal_sizes(const QuorumPeer& peer) {
  ProposalSizes sizes;
  if (!peer.leader_state()) return sizes;
  const Epoch epoch = peer.leader_state()->epoch;
  auto add = [&](const Txn& txn) {
    if (zxid_epoch(txn.header.zxid) != epoch) return;
    const auto bytes = static_cast<int64_t>(estimated_bytes(txn));
    sizes.last = bytes;
    sizes.min = sizes.min < 0 ? bytes : std::min(sizes.min, bytes);
    sizes.max = std::max(sizes.max, bytes);
  };
  for (const auto& txn : peer.committed_log()) add(*txn);
  for (const auto& [zxid, proposal] : peer.leader_state()->outstanding) add(*proposal.txn);
  return sizes;
}

size_t ephemeral_count(const DataTree& tree) {
  size_t count = 0;
  for (const auto& [session, timeout_ms] : tree.sessions()) count += tree.ephemerals(session).size();
  return count;
}

// ZooKeeper's DataTree.approximateDataSize: path length plus data length of every node.
int64_t approximate_data_size(const DataTree& tree) {
  int64_t bytes = 0;
  tree.for_each_node([&](std::string_view path, const auto&, std::string_view data, int32_t) {
    bytes += static_cast<int64_t>(path.size() + data.size());
  });
  return bytes;
}

std::string server_summary(const QuorumPeer& peer) {
  std::string out;
  out += "Latency min/avg/max: 0/0.0/0\n";
  out += "Received: 0\n";
  out += "Sent: 0\n";
  out += fmt::format("Connections: {}\n", alive_connections(peer));
  out += fmt::format("Outstanding: {}\n", outstanding_requests(peer));
  out += fmt::format("Zxid: {}\n", zxid_hex(peer.last_processed_zxid()));
  out += fmt::format("Mode: {}\n", mode_name(peer));
  out += fmt::format("Node count: {}\n", peer.tree().node_count());
  if (peer.state() == PeerState::kLeading) {
    const ProposalSizes sizes = proposal_sizes(peer);
    out += fmt::format("Proposal sizes last/min/max: {}/{}/{}\n", sizes.last, sizes.min, sizes.max);
  }
  return out;
}

std::string srvr(const QuorumPeer& peer) {
  return fmt::format("Zookeeper version: {}\n", kSimulatedZooKeeperVersion) + server_summary(peer);
}

std::string stat(const QuorumPeer& peer) {
  std::string out = fmt::format("Zookeeper version: {}\n", kSimulatedZooKeeperVersion);
  out += "Clients:\n";
  for (const auto& [id, connection] : peer.connections()) {
    if (!connection.established) continue;
    // NIOServerCnxn.dumpConnectionInfo, brief: " /addr:port[interestOps](queued=,recved=,sent=)".
    out += fmt::format(" /{}[1](queued={},recved=0,sent=0)\n", connection.remote_address,
                       connection.queued_reads.size());
  }
  out += "\n";
  return out + server_summary(peer);
}

std::string mntr(const QuorumPeer& peer) {
  std::string out;
  auto line = [&out](std::string_view key, const auto& value) { out += fmt::format("zk_{}\t{}\n", key, value); };
  line("version", kSimulatedZooKeeperVersion);
  line("server_state", mode_name(peer));
  line("avg_latency", "0.0");
  line("max_latency", 0);
  line("min_latency", 0);
  line("packets_received", 0);
  line("packets_sent", 0);
  line("num_alive_connections", alive_connections(peer));
  line("outstanding_requests", outstanding_requests(peer));
  line("znode_count", peer.tree().node_count());
  line("watch_count", peer.watches().watch_count());
  line("ephemerals_count", ephemeral_count(peer.tree()));
  line("approximate_data_size", approximate_data_size(peer.tree()));
  line("quorum_size", peer.config().voters.size());
  if (peer.state() == PeerState::kLeading && peer.leader_state()) {
    const LeaderState& leader = *peer.leader_state();
    size_t synced = 0;
    for (const auto& [learner, handler] : leader.handlers) synced += handler.up_to_date_sent ? 1 : 0;
    line("learners", leader.handlers.size());
    line("synced_followers", synced);
    line("synced_non_voting_followers", 0);
    line("synced_observers", 0);
    line("pending_syncs", leader.pending_syncs.size());
    const ProposalSizes sizes = proposal_sizes(peer);
    line("last_proposal_size", sizes.last);
    line("max_proposal_size", sizes.max);
    line("min_proposal_size", sizes.min);
  }
  return out;
}

std::string conf(const QuorumPeer& peer) {
  const PeerConfig& config = peer.config();
  const int64_t tick_ms = config.tick_us / 1000;
  const int64_t min_ms = config.min_session_timeout_ms < 0 ? 2 * tick_ms : config.min_session_timeout_ms;
  const int64_t max_ms = config.max_session_timeout_ms < 0 ? 20 * tick_ms : config.max_session_timeout_ms;
  std::string out;
  out += "clientPort=2181\n";
  out += "secureClientPort=-1\n";
  out += fmt::format("dataDir=/data/zk{}/version-2\n", config.my_id);
  out += "dataDirSize=0\n";
  out += fmt::format("dataLogDir=/data/zk{}/version-2\n", config.my_id);
  out += "dataLogSize=0\n";
  out += fmt::format("tickTime={}\n", tick_ms);
  out += "maxClientCnxns=60\n";
  out += fmt::format("minSessionTimeout={}\n", min_ms);
  out += fmt::format("maxSessionTimeout={}\n", max_ms);
  out += "clientPortListenBacklog=-1\n";
  out += fmt::format("serverId={}\n", config.my_id);
  out += fmt::format("initLimit={}\n", config.init_limit);
  out += fmt::format("syncLimit={}\n", config.sync_limit);
  out += "electionAlg=3\n";
  out += "electionPort=3888\n";
  out += "quorumPort=2888\n";
  out += "peerType=0\n";
  out += "membership: \n";
  for (ServerId id : config.voters) out += fmt::format("server.{}=zk{}:2888:3888:participant;0.0.0.0:2181\n", id, id);
  out += "version=0\n";
  return out;
}

}  // namespace

bool is_four_letter_word(std::string_view word) {
  return word == "ruok" || word == "srvr" || word == "stat" || word == "mntr" || word == "conf";
}

std::optional<std::string> four_letter_word(std::string_view word, const QuorumPeer& peer) {
  if (word == "ruok") return std::string("imok");
  if (!is_four_letter_word(word)) return std::nullopt;
  if (!peer.serving()) return std::string(kNotServing);
  if (word == "srvr") return srvr(peer);
  if (word == "stat") return stat(peer);
  if (word == "mntr") return mntr(peer);
  return conf(peer);
}

}  // namespace zk
