// ZooCfg: the parts of a ZooKeeper zoo.cfg that shape a simulated ensemble (timing,
// session limits, the server.N lines) and where its server keeps its disk (dataDir,
// dataLogDir), read with Java-properties syntax the way QuorumPeerConfig reads it. Known
// ZooKeeper keys that do not matter to a simulation (maxClientCnxns, admin.*, ...) are
// accepted and ignored; unknown keys give a warning, not an error. Errors and warnings are
// "FILE:LINE: message" strings.
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

// dataDir or dataLogDir: the value as written, the directory it names (a relative value is
// taken relative to the zoo.cfg's own folder, where ZooKeeper takes its working directory)
// and the line that set it, for errors about that directory.
struct ZooCfgDir {
  std::string written;
  std::string resolved;
  int line = 0;
  bool operator==(const ZooCfgDir&) const = default;
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
  // snapCount (zookeeper.snapCount): unset, ZooKeeper's 100,000.
  std::optional<int64_t> snap_count;
  // dataDir holds myid and version-2/ (snapshots, epoch files); dataLogDir/version-2 the txn
  // logs, dataDir's when absent (QuorumPeerConfig: "if (dataLogDir == null) dataLogDir = dataDir").
  std::optional<ZooCfgDir> data_dir;
  std::optional<ZooCfgDir> data_log_dir;
  std::vector<std::string> warnings;  // "FILE:LINE: unknown key 'foo' ignored", ...
  bool operator==(const ZooCfg&) const = default;
};

struct ZooCfgResult {
  ZooCfg cfg;
  std::string error;  // "FILE:LINE: message" (the first one); empty on success
  bool ok() const { return error.empty(); }
};

// kEnsemble: the zoo.cfg of `cluster config` (at least one server.N line, the limits
// multi-server ensembles need). kDataDirs: a zoo.cfg read only for its server's disk
// (`disk ID load config PATH`, `zksim inspect --config`): the same key rules, no ensemble
// rules, and dataDir is required ("dataDir is not set", as QuorumPeerConfig says).
enum class ZooCfgUse { kEnsemble, kDataDirs };

ZooCfgResult parse_zoo_cfg(std::string_view text, const std::string& file_name,
                           ZooCfgUse use = ZooCfgUse::kEnsemble);

}  // namespace zk::sim
