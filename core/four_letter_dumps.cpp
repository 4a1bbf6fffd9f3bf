// conf, wchs / wchc / wchp, dump and envi as ZooKeeper 3.8 prints them (ZooKeeperServer
// and QuorumPeer dumpConf, DataTree's data-watch dumps, DumpCommand, EnvCommand).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/four_letter_common.h"
#include "core/four_letter_words.h"
#include "core/quorum_peer.h"

namespace zk::four_letter {

// The server lines are printed as a zoo.cfg without client ports in its server.N lines has
// them: no ";0.0.0.0:2181" (QuorumServer.toString adds it only for a configured client
// address); an observer's line ends in ":observer" and its own peerType is 1 (LearnerType
// OBSERVER). The text ends without a newline after "version=0", as 3.8's does.
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
  out += fmt::format("peerType={}\n", peer.observer() ? 1 : 0);
  out += "membership: \n";
  std::vector<ServerId> members = config.quorum.voters();
  members.insert(members.end(), config.quorum.observers().begin(), config.quorum.observers().end());
  std::sort(members.begin(), members.end());
  for (ServerId id : members) {
    out += fmt::format("server.{}=zk{}:2888:3888:{}\n", id, id,
                       config.quorum.is_observer(id) ? "observer" : "participant");
  }
  out += "version=0";
  return out;
}

// wchs: WatchManager.toString of the data table plus a newline; wchc: per session its
// paths; wchp: per path its sessions; each followed by one empty line. Paths and sessions
// ascending (3.8 iterates hash maps; with one watcher or one path the orders agree).
std::string watches(std::string_view word, const QuorumPeer& peer) {
  std::map<WatcherId, SessionId> session_of;
  for (const auto& [id, connection] : peer.connections()) session_of[static_cast<WatcherId>(id)] = connection.session;
  const auto by_path = peer.watches().data_watch_paths();
  std::map<SessionId, std::set<std::string>> by_session;
  size_t total = 0;
  for (const auto& [path, watchers] : by_path) {
    total += watchers.size();
    for (WatcherId watcher : watchers) by_session[session_of[watcher]].insert(path);
  }
  std::string out;
  if (word == "wchs") {
    out += fmt::format("{} connections watching {} paths\nTotal watches:{}\n", by_session.size(), by_path.size(), total);
  } else if (word == "wchp") {
    for (const auto& [path, watchers] : by_path) {
      out += path + "\n";
      for (WatcherId watcher : watchers) out += fmt::format("\t{}\n", zxid_hex(session_of[watcher]));
    }
    out += "\n";
  } else {
    for (const auto& [session, paths] : by_session) {
      out += zxid_hex(session) + "\n";
      for (const std::string& path : paths) out += "\t" + path + "\n";
    }
    out += "\n";
  }
  return out;
}

// DumpCommand. The leader dumps its expiry queue ("Session Sets (buckets)/(sessions):",
// non-empty buckets ascending), a learner its global sessions with timeouts. Connections
// are shown in one expiry set due one tick from now (NIOServerCnxnFactory's connection
// expiry queue is not modelled).
std::string dump(const QuorumPeer& peer, int64_t now_ms, std::string_view asker_address) {
  std::string out = "SessionTracker dump:\n";
  if (peer.state() == PeerState::kLeading) {
    const auto buckets = peer.session_tracker().buckets();
    size_t non_empty = 0;
    for (const auto& [time_ms, sessions] : buckets) non_empty += sessions.empty() ? 0 : 1;
    out += fmt::format("Session Sets ({})/({}):\n", non_empty, peer.session_tracker().tracked_count());
    for (const auto& [time_ms, sessions] : buckets) {
      if (sessions.empty()) continue;
      out += fmt::format("{} expire at {}:\n", sessions.size(), java_date(time_ms));
      for (SessionId session : sessions) out += fmt::format("\t{}\n", zxid_hex(session));
    }
  } else {
    const auto sessions = peer.tree().sessions();
    out += fmt::format("Global Sessions({}):\n", sessions.size());
    for (const auto& [session, timeout_ms] : sessions) out += fmt::format("{}\t{}ms\n", zxid_hex(session), timeout_ms);
  }
  out += "ephemeral nodes dump:\n";
  std::vector<std::pair<SessionId, std::vector<std::string>>> with_ephemerals;
  for (const auto& [session, timeout_ms] : peer.tree().sessions()) {
    auto paths = peer.tree().ephemerals(session);
    if (!paths.empty()) with_ephemerals.emplace_back(session, std::move(paths));
  }
  out += fmt::format("Sessions with Ephemerals ({}):\n", with_ephemerals.size());
  for (const auto& [session, paths] : with_ephemerals) {
    out += zxid_hex(session) + ":\n";
    for (const std::string& path : paths) out += "\t" + path + "\n";
  }
  out += "Connections dump:\n";
  const auto connections = listed_connections(peer, asker_address);
  out += fmt::format("Connections Sets (1)/({}):\n", connections.size());
  const int64_t tick_ms = peer.config().tick_us / 1000;
  out += fmt::format("{} expire at {}:\n", connections.size(), java_date(now_ms + tick_ms));
  for (const auto& connection : connections) {
    out += fmt::format("\tip: {} sessionId: {}\n", connection.address, zxid_hex(connection.session));
  }
  return out;
}

// EnvCommand's Environment.list with fixed stand-ins for the JVM and host properties (the
// values a Debian 3.8.0 server with OpenJDK 17 printed, host and paths the simulation's).
std::string envi(const QuorumPeer& peer) {
  std::string out = "Environment:\n";
  out += fmt::format("zookeeper.version={}\n", kSimulatedZooKeeperVersion);
  out += fmt::format("host.name=zk{}\n", peer.id());
  out += "java.version=17.0.15\n";
  out += "java.vendor=Debian\n";
  out += "java.home=/usr/lib/jvm/java-17-openjdk-amd64\n";
  out += "java.class.path=/usr/share/java/zookeeper.jar\n";
  out += "java.library.path=/usr/java/packages/lib:/usr/lib/x86_64-linux-gnu/jni:/lib/x86_64-linux-gnu:"
         "/usr/lib/x86_64-linux-gnu:/usr/lib/jni:/lib:/usr/lib\n";
  out += "java.io.tmpdir=/tmp\n";
  out += "java.compiler=<NA>\n";
  out += "os.name=Linux\n";
  out += "os.arch=amd64\n";
  out += "os.version=6.1.0-zksim\n";
  out += "user.name=zookeeper\n";
  out += "user.home=/var/lib/zookeeper\n";
  out += "user.dir=/\n";
  out += "os.memory.free=244MB\n";
  out += "os.memory.max=256MB\n";
  out += "os.memory.total=256MB\n";
  return out;
}

}  // namespace zk::four_letter
