// ZooCfg: the parts of a ZooKeeper zoo.cfg that shape a simulated ensemble (timing,
// session limits, the server.N lines), read with Java-properties syntax the way
// QuorumPeerConfig reads it. Known ZooKeeper keys that do not matter to a simulation
// (dataDir, maxClientCnxns, admin.*, ...) are accepted and ignored; unknown keys give a
// warning, not an error. Errors and warnings are "FILE:LINE: message" strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zk::sim {

inline constexpr int kServerIdMax = 255;

enum class ServerRole { kParticipant, kObserver };

// server.ID=HOST:QUORUM_PORT:ELECTION_PORT[:participant|observer][;[CLIENT_HOST:]CLIENT_PORT]
struct ZooCfgServer {
  int id = 0;  // 1..kServerIdMax
  std::string host;
  int quorum_port = 0;    // follower -> leader connections
  int election_port = 0;  // fast leader election
  ServerRole role = ServerRole::kParticipant;
  std::optional<std::string> client_host;  // from ";host:port"
  std::optional<int> client_port;          // from ";port" (dynamic-config style)
  int line = 0;                            // where it was defined
  bool operator==(const ZooCfgServer&) const = default;
};

struct ZooCfg {
  int64_t tick_ms = 3000;  // ZooKeeper's code default; zoo_sample.cfg sets 2000
  // Required (present) when there are 2 or more servers; may be absent for one server.
  std::optional<int> init_limit;
  std::optional<int> sync_limit;
  std::optional<int> client_port;
  // Resolved: -1 or absent means 2 x tick_ms and 20 x tick_ms. min <= max holds.
  int64_t min_session_timeout_ms = 6000;
  int64_t max_session_timeout_ms = 60000;
  std::vector<ZooCfgServer> servers;  // sorted by id, ids unique, never empty
  // ZooKeeper's system properties zoo.cfg sets (zookeeper.KEY): skipACL=yes turns every ACL
  // check off; DigestAuthenticationProvider.superDigest names the super user's digest id.
  bool skip_acl = false;
  std::string super_digest;
  std::vector<std::string> warnings;  // "FILE:LINE: unknown key 'foo' ignored", ...
  bool operator==(const ZooCfg&) const = default;
};

struct ZooCfgResult {
  ZooCfg cfg;
  std::string error;  // "FILE:LINE: message" (the first one); empty on success
  bool ok() const { return error.empty(); }
};

ZooCfgResult parse_zoo_cfg(std::string_view text, const std::string& file_name);

}  // namespace zk::sim
