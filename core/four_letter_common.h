// Pieces shared by the four-letter-word files: a server's mode name, its client connections
// as ZooKeeper lists them (the asking connection included, since a four-letter word always
// arrives over a connection of its own), counts 3.8 derives from its tree, and Java's
// Date.toString for times on the simulated clock (virtual ms since the 1970 epoch, UTC).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/quorum_peer.h"

namespace zk::four_letter {

// "leader", "follower", "observer", "looking" (srvr's Mode, mntr's zk_server_state).
const char* mode_name(const QuorumPeer& peer);

struct ListedConnection {
  std::string address;    // "/client-E:N" for a simulated client, "/ASKER_ADDRESS" for the asker
  SessionId session = 0;  // 0: no session (the asker)
  int64_t queued = 0;     // requests held back (NIOServerCnxn's outgoing queue stand-in)
  int interest_ops = 1;   // 1 (OP_READ) for a session connection, 0 for the asker
};

// Established client connections ascending by id, then the asking connection.
std::vector<ListedConnection> listed_connections(const QuorumPeer& peer, std::string_view asker_address);
int64_t outstanding_requests(const QuorumPeer& peer);
// 3.8's DataTree.getNodeCount counts "/" twice: it is in the node map under "" and "/".
int64_t node_count_3_8(const QuorumPeer& peer);
int64_t ephemeral_count(const QuorumPeer& peer);
// DataTree.approximateDataSize: path length plus data length of every node.
int64_t approximate_data_size(const QuorumPeer& peer);

struct ProposalSizes {
  int64_t last = -1;
  int64_t min = -1;
  int64_t max = -1;
  int64_t count = 0;
};
// Serialized sizes of the proposals of the current leader's epoch that it still holds
// (outstanding plus its in-memory committed log); all -1 and 0 on a non-leader.
ProposalSizes proposal_sizes(const QuorumPeer& peer);

// java.util.Date.toString in UTC: "Thu Jan 01 00:00:06 UTC 1970".
std::string java_date(int64_t ms_since_epoch);

}  // namespace zk::four_letter
