// The scenario AST: what a `.zks` file says, validated, with nothing left to parse. The
// runner executes Scenario::steps in order; every Step keeps its source line so that
// run-time failures (no leader, a failed expectation) are reported as FILE:LINE too.
// Durations are integer microseconds of virtual time. Server ids are checked against
// 1..N at parse time; `leader` stays symbolic (ServerRef::is_leader) because whether a
// leader exists is a run-time question. Client names are checked to be connected before
// use. Commands marked "zksim addition" are not in the scenario-language contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/container_manager.h"
#include "core/peer_timing.h"
#include "core/request.h"
#include "core/sync_request_processor.h"
#include "core/upstream_bug.h"
#include "core/zxid.h"
#include "sim/scenario/zoo_cfg.h"

namespace zk::sim {

// A server id (1..N) or the word `leader` ("the server that is LEADING now").
struct ServerRef {
  bool is_leader = false;
  int id = 0;  // 1..N when !is_leader, else 0
  bool operator==(const ServerRef&) const = default;
};

// ---- Setting up (exactly one, the first command; kept in Scenario::setup) ----

// cluster N [tick=2000ms] [init=10] [sync=5] [latency=1ms..5ms] [leader-bind=20ms] [seed=S] [bugs=NAME,...]
//           [container-check=60s] [container-max-per-minute=10000] [container-max-never-used=0ms]
//           [extended-types=off] [host-uptime=DURATION]
struct Cluster {
  int server_count = 0;  // 1..kServerIdMax
  int64_t tick_ms = 2000;
  int init_limit = 10;  // ticks
  int sync_limit = 5;   // ticks
  int64_t latency_min_us = 1000;
  int64_t latency_max_us = 5000;
  int64_t leader_bind_us = kDefaultLeaderBindDelayUs;  // elected leader → quorum port bound
  std::optional<uint64_t> seed;  // the command line's --seed wins
  UpstreamBugs upstream_bugs;    // bugs=NAME[,NAME]: reproduce ZooKeeper 3.8 data-loss bugs
  ContainerManagerConfig containers;  // the JVM properties of the ContainerManager and TTL nodes
  std::vector<int> observers;    // observers=ID[,ID]: ascending, in 1..N, at least one voter left
  // host-uptime=: every host's clock at time 0 (WorldConfig::host_uptime_ms); unset: drawn
  std::optional<int64_t> host_uptime_ms;
  // super-digest=USER:BASE64: zookeeper.DigestAuthenticationProvider.superDigest ("" none)
  std::string super_digest;
  bool skip_acl = false;  // skip-acl=yes, or a zoo.cfg's skipACL=yes through effective_cluster
  int64_t snap_count = kDefaultSnapCount;  // snap-count=N, or a zoo.cfg's snapCount through effective_cluster
  bool operator==(const Cluster&) const = default;
};

// cluster config PATH [latency=A..B] [leader-bind=DUR] [seed=S] [bugs=NAME,...] [container-...=]
// [extended-types=on|off] [host-uptime=DURATION]   (zksim additions; the container and TTL
// options are JVM properties in ZooKeeper)
struct ClusterConfig {
  std::string path;           // as written
  std::string resolved_path;  // relative to the scenario file's directory
  ZooCfg cfg;                 // server ids are exactly 1..cfg.servers.size()
  int64_t latency_min_us = 1000;
  int64_t latency_max_us = 5000;
  int64_t leader_bind_us = kDefaultLeaderBindDelayUs;
  std::optional<uint64_t> seed;
  UpstreamBugs upstream_bugs;
  ContainerManagerConfig containers;
  std::optional<int64_t> host_uptime_ms;
  std::string super_digest;
  bool skip_acl = false;  // skip-acl=yes (the zoo.cfg's skipACL=yes also skips)
  std::optional<int64_t> snap_count;  // snap-count=N, over the zoo.cfg's snapCount
  bool operator==(const ClusterConfig&) const = default;
};

// ---- Acting ----

// start ID [ID ...] [every=DUR]
struct Start {
  std::vector<ServerRef> servers;  // non-empty, in start order
  std::optional<int64_t> every_us;
  bool operator==(const Start&) const = default;
};
struct Kill {  // kill ID
  ServerRef server;
  bool operator==(const Kill&) const = default;
};
struct Restart {  // restart ID
  ServerRef server;
  bool operator==(const Restart&) const = default;
};

// One side of a partition: a server or a connected client.
struct PartitionMember {
  bool is_client = false;
  ServerRef server;    // when !is_client
  std::string client;  // when is_client
  bool operator==(const PartitionMember&) const = default;
};
// partition A B ... | C D ...   (two or more non-empty groups; no member listed twice)
struct Partition {
  std::vector<std::vector<PartitionMember>> groups;
  bool operator==(const Partition&) const = default;
};
struct Heal {  // heal
  bool operator==(const Heal&) const = default;
};
struct Run {  // run DUR
  int64_t duration_us = 0;
  bool operator==(const Run&) const = default;
};
struct RunUntilLeader {  // run until leader [timeout=DUR]
  int64_t timeout_us = 60'000'000;
  bool operator==(const RunUntilLeader&) const = default;
};
struct RunUntilConverged {  // run until converged [timeout=DUR]
  int64_t timeout_us = 60'000'000;
  bool operator==(const RunUntilConverged&) const = default;
};

// ---- Clients (every struct names its client; the name was connected earlier) ----

// client NAME connect [ID | ID,ID,...] [timeout=DUR]. The client's host list is what
// ZooKeeper's Java client builds from a connection string naming every server: shuffled
// once (StaticHostProvider). `connect ID` puts ID first (the rest stay shuffled);
// `connect 1,2,3` (zksim addition) is exactly those servers in that order, no shuffle;
// a plain `connect` (zksim addition) keeps the shuffled order, so the first is random.
struct ClientConnect {
  std::string client;
  ServerRef server;  // connect ID: the server tried first; unused with host_order or shuffled
  int64_t timeout_us = 6'000'000;  // requested session timeout, before negotiation
  std::vector<int> host_order;     // connect 1,2,3: two or more distinct server ids
  bool shuffled = false;           // plain connect
  bool operator==(const ClientConnect&) const = default;
};
// CreateCommand.exec's choice of mode from zkCli's create flags (the combinations it refuses
// are refused by the parser first).
CreateMode zkcli_create_mode(bool ephemeral, bool sequential, bool container, bool ttl);

// NAME create [-e] [-s] [-c] [-t TTL] PATH [DATA [ACL]], flags combined as zkCli's
// CreateCommand allows (-c alone; -t with -s or nothing); ACL in zkCli's text
// (scheme:id:perms,...), world:anyone:cdrwa when absent.
struct ClientCreate {
  std::string client;
  bool ephemeral = false;
  bool sequential = false;
  std::string path;
  std::string data;
  bool container = false;         // -c
  std::optional<int64_t> ttl_ms;  // -t TTL (ms): a TTL node
  std::optional<AclList> acl;     // as written (may be empty: the server says INVALIDACL)
  bool operator==(const ClientCreate&) const = default;

  CreateMode mode() const { return zkcli_create_mode(ephemeral, sequential, container, ttl_ms.has_value()); }
};
struct ClientGet {  // NAME get [-w] PATH
  std::string client;
  bool watch = false;
  std::string path;
  bool operator==(const ClientGet&) const = default;
};
struct ClientSet {  // NAME set PATH DATA [-v VERSION]
  std::string client;
  std::string path;
  std::string data;
  std::optional<int32_t> version;
  bool operator==(const ClientSet&) const = default;
};
struct ClientLs {  // NAME ls [-w] PATH
  std::string client;
  bool watch = false;
  std::string path;
  bool operator==(const ClientLs&) const = default;
};
struct ClientStat {  // NAME stat [-w] PATH
  std::string client;
  bool watch = false;
  std::string path;
  bool operator==(const ClientStat&) const = default;
};
struct ClientDelete {  // NAME delete PATH [-v VERSION]
  std::string client;
  std::string path;
  std::optional<int32_t> version;
  bool operator==(const ClientDelete&) const = default;
};
struct ClientSync {  // NAME sync PATH
  std::string client;
  std::string path;
  bool operator==(const ClientSync&) const = default;
};
struct ClientClose {  // NAME close
  std::string client;
  bool operator==(const ClientClose&) const = default;
};
// NAME multi OP ; OP ; ...   (zksim addition) one ZooKeeper multi (transaction) of create
// [-e] [-s] PATH [DATA], set PATH DATA [-v V], delete PATH [-v V] and check PATH [-v V]
// ops, separated by a `;` word; it commits all of them or none.
struct ClientMulti {
  std::string client;
  std::vector<MultiOp> ops;  // non-empty
  bool operator==(const ClientMulti&) const = default;
};
// NAME addauth SCHEME AUTH: ZooKeeper.addAuthInfo (zkCli's addauth); waits for the answer.
struct ClientAddAuth {
  std::string client;
  std::string scheme;
  std::string auth;
  bool operator==(const ClientAddAuth&) const = default;
};
// NAME setAcl [-v VERSION] PATH ACL (zkCli's setAcl; VERSION is the expected aversion).
struct ClientSetAcl {
  std::string client;
  std::string path;
  AclList acl;
  std::optional<int32_t> version;
  bool operator==(const ClientSetAcl&) const = default;
};
struct ClientGetAcl {  // NAME getAcl PATH
  std::string client;
  std::string path;
  bool operator==(const ClientGetAcl&) const = default;
};
// crash NAME   (zksim addition) the client process dies without closing its session: its
// socket closes, the servers keep the session until it expires.
struct ClientCrash {
  std::string client;
  bool operator==(const ClientCrash&) const = default;
};

// ---- Expecting ----

enum class ServerState { kLooking, kFollowing, kLeading, kObserving, kDown };

// The 11 Stat fields, in the spec's order.
enum class StatField {
  kCzxid, kMzxid, kPzxid, kCtime, kMtime, kVersion, kCversion, kAclVersion,
  kEphemeralOwner, kDataLength, kNumChildren,
};

enum class WatchEventType { kNodeCreated, kNodeDeleted, kNodeDataChanged, kNodeChildrenChanged };

struct ExpectLeader {  // expect leader ID
  ServerRef server;
  bool operator==(const ExpectLeader&) const = default;
};
struct ExpectState {  // expect state ID LOOKING|FOLLOWING|LEADING|DOWN (|OBSERVING: addition)
  ServerRef server;
  ServerState state = ServerState::kLooking;
  bool operator==(const ExpectState&) const = default;
};
struct ExpectOk {  // expect NAME ok
  std::string client;
  bool operator==(const ExpectOk&) const = default;
};
struct ExpectError {  // expect NAME error CODE
  std::string client;
  std::string code_name;  // a KeeperException.Code name, e.g. "NODEEXISTS"
  int code = 0;           // its numeric value, e.g. -110
  bool operator==(const ExpectError&) const = default;
};
struct ExpectData {  // expect NAME data "TEXT"
  std::string client;
  std::string text;
  bool operator==(const ExpectData&) const = default;
};
struct ExpectCreated {  // expect NAME created PATH
  std::string client;
  std::string path;
  bool operator==(const ExpectCreated&) const = default;
};
struct ExpectChildren {  // expect NAME children A B ...   (empty: no children)
  std::string client;
  std::vector<std::string> names;
  bool operator==(const ExpectChildren&) const = default;
};
struct ExpectStat {  // expect NAME stat FIELD VALUE
  std::string client;
  StatField field = StatField::kCzxid;
  int64_t value = 0;  // zxids and ephemeralOwner as the 64-bit value of their hex
  // expect NAME stat ephemeralOwner session OTHER (zksim addition): the value is OTHER's
  // session id when the expectation is checked (value is then unused).
  std::string session_of;
  bool operator==(const ExpectStat&) const = default;
};
struct ExpectEvent {  // expect NAME event TYPE PATH
  std::string client;
  WatchEventType type = WatchEventType::kNodeCreated;
  std::string path;
  bool operator==(const ExpectEvent&) const = default;
};
struct ExpectNoEvent {  // expect NAME no-event
  std::string client;
  bool operator==(const ExpectNoEvent&) const = default;
};
// expect NAME acl ACL: the list the client's last successful getAcl returned, exactly, in
// zkCli's text (world:anyone:cdrwa; digest:bob:x:r for a redacted digest).
struct ExpectAcl {
  std::string client;
  AclList acl;
  bool operator==(const ExpectAcl&) const = default;
};
// ---- client expectations, zksim additions ----

// expect NAME results CODE ...: the per-op results of the client's last multi, exactly
// (OK for an op that succeeded or, in a failed multi, came before the failing one).
struct ExpectResults {
  std::string client;
  std::vector<std::string> code_names;  // as written: OK, BADVERSION, RUNTIMEINCONSISTENCY, ...
  std::vector<int> codes;               // their KeeperException.Code values
  bool operator==(const ExpectResults&) const = default;
};
// The connection states a client's default watcher is told of (Watcher.Event.KeeperState).
enum class ClientKeeperState { kDisconnected, kSyncConnected, kExpired, kClosed, kAuthFailed };
// expect NAME state Disconnected|SyncConnected|Expired|Closed: the next unchecked
// connection-state event of that client (consumed, like `expect NAME event`).
struct ExpectClientState {
  std::string client;
  ClientKeeperState state = ClientKeeperState::kSyncConnected;
  bool operator==(const ExpectClientState&) const = default;
};
// expect NAME server ID: the client's connection is to server ID now (connected).
struct ExpectClientServer {
  std::string client;
  ServerRef server;
  bool operator==(const ExpectClientServer&) const = default;
};
// expect NAME timeout DUR: the session timeout the servers negotiated (whole ms).
struct ExpectClientTimeout {
  std::string client;
  int64_t timeout_us = 0;
  bool operator==(const ExpectClientTimeout&) const = default;
};

struct ExpectConverged {  // expect converged
  bool operator==(const ExpectConverged&) const = default;
};

// ---- zksim additions (not in the contract) ----

struct Pause {  // pause ID: the process stops running (a long GC pause), keeps its state
  ServerRef server;
  bool operator==(const Pause&) const = default;
};
struct Resume {  // resume ID: a paused process runs again
  ServerRef server;
  bool operator==(const Resume&) const = default;
};
// network [loss=P] [duplicate=P] [reorder=P]: per-message probabilities for every link,
// in parts per million (5% = 50000). An absent option leaves that setting unchanged.
struct SetNetwork {
  std::optional<int64_t> loss_ppm;
  std::optional<int64_t> duplicate_ppm;
  std::optional<int64_t> reorder_ppm;
  bool operator==(const SetNetwork&) const = default;
};
// hold FROM TO / drop FROM TO / release FROM TO: step-by-step control of one link. hold
// keeps the next message FROM sends to TO (until release), drop loses it, release sends
// every held message on that link now (each with a fresh latency).
struct HoldNext {
  ServerRef from;
  ServerRef to;
  bool operator==(const HoldNext&) const = default;
};
struct DropNext {
  ServerRef from;
  ServerRef to;
  bool operator==(const DropNext&) const = default;
};
struct ReleaseHeld {
  ServerRef from;
  ServerRef to;
  bool operator==(const ReleaseHeld&) const = default;
};
struct ExpectEpoch {  // expect epoch ID N: the server's currentEpoch
  ServerRef server;
  Epoch epoch = 0;  // 0..2^32-1
  bool operator==(const ExpectEpoch&) const = default;
};
// expect violation NAME: the invariant checker stopped the run on invariant NAME (a lesson
// that shows a data loss, e.g. with `cluster ... bugs=`). When the checker stops the run,
// the runner goes to the next such line; it passes if the names match. Reached while no
// violation stopped the run, it fails.
struct ExpectViolation {
  std::string invariant;
  bool operator==(const ExpectViolation&) const = default;
};
struct ExpectZxid {  // expect zxid ID 0x...: the server's last processed zxid
  ServerRef server;
  Zxid zxid = 0;
  bool operator==(const ExpectZxid&) const = default;
};
// expect node ID PATH data "TEXT" | children A B ... | missing | stat FIELD VALUE: server ID's
// own copy of the znode at PATH, read from its data tree (what the GUI's Znode tree panel
// shows), whatever the server's state; a server that is down fails the check. Children are
// compared in any order (as written here: the parser keeps them so). The stat values are
// written as in `expect NAME stat` (ephemeralOwner may be `session NAME`). (zksim addition)
enum class NodeCheckKind { kData, kChildren, kMissing, kStat };
struct ExpectNode {
  ServerRef server;
  std::string path;
  NodeCheckKind kind = NodeCheckKind::kData;
  std::string text;                     // kData
  std::vector<std::string> names;       // kChildren
  StatField field = StatField::kCzxid;  // kStat
  int64_t value = 0;                    // kStat, as ExpectStat::value
  std::string session_of;               // kStat, as ExpectStat::session_of
  bool operator==(const ExpectNode&) const = default;
};
// expect WORD ID FIELD VALUE: a field of the server's four-letter-word answer, as ZooKeeper
// 3.8 prints it. WORD is srvr or stat (FIELD is the text before ": ", e.g. Mode, "Node
// count"), mntr (a key, with or without "zk_"), conf or envi (the text before "=").
struct ExpectFourLetter {
  std::string word;
  ServerRef server;
  std::string field;
  std::string value;
  bool operator==(const ExpectFourLetter&) const = default;
};

// disk fsync=MIN..MAX: every fsync from now on takes MIN..MAX (slow disks; default 500us..2ms).
struct SetDisk {
  int64_t fsync_min_us = 500;
  int64_t fsync_max_us = 2000;
  bool operator==(const SetDisk&) const = default;
};
// disk ID load DIR | disk ID load | disk ID load config ZOO.CFG: before server ID starts (or
// after it is killed), its disk becomes what ZooKeeper 3.8 would restore from a data
// directory (sim/datadir/restore.h): the newest snapshot, the logged txns after it,
// currentEpoch and acceptedEpoch. The directory is DIR (relative to the scenario file), the
// dataDir (and dataLogDir) of the `cluster config` zoo.cfg, or those of ZOO.CFG (a server's
// own zoo.cfg, relative to the scenario file; its directories relative to itself). The
// directory's myid must be ID. (zksim addition)
enum class DiskSource { kDir, kClusterConfig, kConfigFile };
struct LoadDisk {
  ServerRef server;
  DiskSource source = DiskSource::kDir;
  std::string path;           // DIR or ZOO.CFG as written; "" for kClusterConfig
  std::string resolved_path;  // the dataDir to read
  std::string resolved_data_log_path;  // the dataLogDir to read the logs from; "": the dataDir's
  // Where a zoo.cfg named the directories ("conf/zoo.cfg:3"), for errors about them; "" for kDir.
  std::string data_dir_origin;
  std::string data_log_dir_origin;
  bool operator==(const LoadDisk&) const = default;
};
// clients async | clients wait: whether later client operations return at once (their
// replies arrive while time runs, so operations of several clients overlap) or wait for
// their reply, as the contract says (the default).
struct SetClients {
  bool async = false;
  bool operator==(const SetClients&) const = default;
};

// ---- Recorded live sessions (`zksim serve --record`, sim/gateway/live_recorder.h): what
// real clients' connections brought to the gateway, replayed through the same gateway code
// (sim/gateway/wire_replay.h) so the run is the live one, byte for byte. (zksim addition)
struct Wire {
  enum class Kind : uint8_t {
    kGateway,  // wire gateway [4lw=LIST] [maxbuffer=N]: the gateway's settings, first
    kOpen,     // wire NAME open ID from ADDR: a client connected to server ID's port
    kSend,     // wire NAME send HEX: bytes the client sent (as one read from its socket)
    kEof,      // wire NAME eof: the client closed its end
    kUnread,   // wire NAME unread: closed for reading nothing (max output bytes waited)
    kForget,   // wire NAME forget: the socket was closed after the last bytes went out
    kCollect,  // wire collect: the servers' messages to clients were taken and encoded
  };
  Kind kind = Kind::kCollect;
  std::string connection;  // NAME, empty for gateway and collect
  ServerId server = 0;     // open
  std::string remote_address;  // open
  std::string bytes;           // send
  std::vector<std::string> four_letter_whitelist;  // gateway
  int64_t max_buffer_bytes = 0xfffff;              // gateway
  bool operator==(const Wire&) const = default;
};
// expect wire NAME got N crc32=HEX: the gateway had these N bytes for the client since the
// previous such line (their CRC-32), as it had in the live session.
struct ExpectWire {
  std::string connection;
  int64_t byte_count = 0;
  uint32_t crc32 = 0;
  bool operator==(const ExpectWire&) const = default;
};

using Command = std::variant<
    Cluster, ClusterConfig,
    Start, Kill, Restart, Partition, Heal, Run, RunUntilLeader, RunUntilConverged,
    ClientConnect, ClientCreate, ClientGet, ClientSet, ClientLs, ClientStat, ClientDelete,
    ClientSync, ClientClose, ClientMulti, ClientCrash, ClientAddAuth, ClientSetAcl, ClientGetAcl,
    ExpectLeader, ExpectState, ExpectOk, ExpectError, ExpectData, ExpectCreated,
    ExpectChildren, ExpectStat, ExpectEvent, ExpectNoEvent, ExpectConverged,
    Pause, Resume, SetNetwork, ExpectEpoch, ExpectZxid, HoldNext, DropNext, ReleaseHeld, SetDisk, SetClients,
    ExpectViolation, ExpectFourLetter, ExpectNode, LoadDisk,
    ExpectResults, ExpectClientState, ExpectClientServer, ExpectClientTimeout, ExpectAcl, Wire, ExpectWire>;

struct Step {
  int line = 0;  // 1-based line in the scenario file
  Command command;
  bool operator==(const Step&) const = default;
};

using ClusterSetup = std::variant<Cluster, ClusterConfig>;

struct Scenario {
  std::string file_name;
  int setup_line = 0;
  ClusterSetup setup;
  std::vector<Step> steps;  // in file order; never holds Cluster or ClusterConfig
  bool operator==(const Scenario&) const = default;
};

// The setup as one Cluster: for `cluster config`, N is the number of server lines and
// tick/init/sync come from the file (init/sync default to 10/5 for a lone server).
Cluster effective_cluster(const ClusterSetup& setup);

}  // namespace zk::sim
