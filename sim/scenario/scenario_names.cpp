// Name tables for the scenario vocabularies. Each table is a fixed array searched
// linearly (they hold at most 32 entries).
#include "sim/scenario/scenario_names.h"

#include <array>
#include "core/invariant.h"

namespace zk::sim {
namespace {

template <typename T>
struct Named {
  std::string_view name;
  T value;
};

template <typename T, size_t N>
std::optional<T> find_value(const std::array<Named<T>, N>& table, std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

template <typename T, size_t N>
std::string_view find_name(const std::array<Named<T>, N>& table, T value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  ZK_INVARIANT(false && "every enum value has a name");
  return "?";
}

constexpr std::array<Named<ServerState>, 5> kStates{{
    {"LOOKING", ServerState::kLooking},
    {"FOLLOWING", ServerState::kFollowing},
    {"LEADING", ServerState::kLeading},
    {"OBSERVING", ServerState::kObserving},
    {"DOWN", ServerState::kDown},
}};

// Canonical names first: find_name returns the first match.
constexpr std::array<Named<StatField>, 15> kStatFields{{
    {"czxid", StatField::kCzxid},
    {"mzxid", StatField::kMzxid},
    {"pzxid", StatField::kPzxid},
    {"ctime", StatField::kCtime},
    {"mtime", StatField::kMtime},
    {"version", StatField::kVersion},
    {"cversion", StatField::kCversion},
    {"aclVersion", StatField::kAclVersion},
    {"ephemeralOwner", StatField::kEphemeralOwner},
    {"dataLength", StatField::kDataLength},
    {"numChildren", StatField::kNumChildren},
    {"cZxid", StatField::kCzxid},
    {"mZxid", StatField::kMzxid},
    {"pZxid", StatField::kPzxid},
    {"dataVersion", StatField::kVersion},
}};

constexpr std::array<Named<WatchEventType>, 4> kEventTypes{{
    {"NodeCreated", WatchEventType::kNodeCreated},
    {"NodeDeleted", WatchEventType::kNodeDeleted},
    {"NodeDataChanged", WatchEventType::kNodeDataChanged},
    {"NodeChildrenChanged", WatchEventType::kNodeChildrenChanged},
}};

constexpr std::array<Named<int>, 32> kErrorCodes{{
    {"OK", 0},
    {"SYSTEMERROR", -1},
    {"RUNTIMEINCONSISTENCY", -2},
    {"DATAINCONSISTENCY", -3},
    {"CONNECTIONLOSS", -4},
    {"MARSHALLINGERROR", -5},
    {"UNIMPLEMENTED", -6},
    {"OPERATIONTIMEOUT", -7},
    {"BADARGUMENTS", -8},
    {"UNKNOWNSESSION", -12},
    {"NEWCONFIGNOQUORUM", -13},
    {"RECONFIGINPROGRESS", -14},
    {"APIERROR", -100},
    {"NONODE", -101},
    {"NOAUTH", -102},
    {"BADVERSION", -103},
    {"NOCHILDRENFOREPHEMERALS", -108},
    {"NODEEXISTS", -110},
    {"NOTEMPTY", -111},
    {"SESSIONEXPIRED", -112},
    {"INVALIDCALLBACK", -113},
    {"INVALIDACL", -114},
    {"AUTHFAILED", -115},
    {"SESSIONMOVED", -118},
    {"NOTREADONLY", -119},
    {"EPHEMERALONLOCALSESSION", -120},
    {"NOWATCHER", -121},
    {"REQUESTTIMEOUT", -122},
    {"RECONFIGDISABLED", -123},
    {"SESSIONCLOSEDREQUIRESASLAUTH", -124},
    {"QUOTAEXCEEDED", -125},
    {"THROTTLEDOP", -127},
}};

}  // namespace

std::optional<ServerState> parse_server_state(std::string_view word) { return find_value(kStates, word); }
std::string_view server_state_name(ServerState state) { return find_name(kStates, state); }

std::optional<StatField> parse_stat_field(std::string_view word) { return find_value(kStatFields, word); }
std::string_view stat_field_name(StatField field) { return find_name(kStatFields, field); }
bool stat_field_is_hex(StatField field) {
  return field == StatField::kCzxid || field == StatField::kMzxid || field == StatField::kPzxid ||
         field == StatField::kEphemeralOwner;
}

std::optional<WatchEventType> parse_watch_event_type(std::string_view word) {
  return find_value(kEventTypes, word);
}
std::string_view watch_event_type_name(WatchEventType type) { return find_name(kEventTypes, type); }

std::optional<int> keeper_error_code(std::string_view name) { return find_value(kErrorCodes, name); }

std::optional<ClientKeeperState> parse_client_keeper_state(std::string_view word) {
  if (word == "Disconnected") return ClientKeeperState::kDisconnected;
  if (word == "SyncConnected") return ClientKeeperState::kSyncConnected;
  if (word == "Expired") return ClientKeeperState::kExpired;
  if (word == "Closed") return ClientKeeperState::kClosed;
  if (word == "AuthFailed") return ClientKeeperState::kAuthFailed;
  return std::nullopt;
}

std::string_view client_keeper_state_name(ClientKeeperState state) {
  switch (state) {
    case ClientKeeperState::kDisconnected: return "Disconnected";
    case ClientKeeperState::kSyncConnected: return "SyncConnected";
    case ClientKeeperState::kExpired: return "Expired";
    case ClientKeeperState::kClosed: return "Closed";
    case ClientKeeperState::kAuthFailed: return "AuthFailed";
  }
  return "?";
}

namespace {
constexpr std::string_view kInvariantNames[] = {
    "one-leader-per-epoch", "committed-log-agreement", "applied-zxid-monotonic", "acked-txn-durable",
    "committed-txn-durable", "digest-agreement", "watch-once-in-order", "read-committed", "server-invariant",
    "client-fifo", "read-matches-write", "linearizable-writes"};
}  // namespace

bool is_invariant_name(std::string_view name) {
  for (std::string_view known : kInvariantNames) {
    if (name == known) return true;
  }
  return false;
}

std::string invariant_names() {
  std::string out;
  for (std::string_view known : kInvariantNames) {
    if (!out.empty()) out += ", ";
    out += known;
  }
  return out;
}

}  // namespace zk::sim
