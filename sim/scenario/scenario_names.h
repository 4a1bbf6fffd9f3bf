// The fixed vocabularies of the scenario language and their spellings: server states,
// Stat fields, watch event types and ZooKeeper error names (KeeperException.Code with
// its numeric value). Parsing is exact and case-sensitive; naming gives the canonical
// spelling that format_step writes.
#pragma once

#include <optional>
#include <string_view>

#include "sim/scenario/scenario.h"

namespace zk::sim {

std::optional<ServerState> parse_server_state(std::string_view word);
std::string_view server_state_name(ServerState state);

// The spec's 11 names, plus zkCli's labels cZxid, mZxid, pZxid, dataVersion as aliases.
std::optional<StatField> parse_stat_field(std::string_view word);
std::string_view stat_field_name(StatField field);
// czxid, mzxid, pzxid and ephemeralOwner are written in hex (0x...), the rest in decimal.
bool stat_field_is_hex(StatField field);

std::optional<WatchEventType> parse_watch_event_type(std::string_view word);
std::string_view watch_event_type_name(WatchEventType type);

// Watcher.Event.KeeperState spellings: Disconnected, SyncConnected, Expired, Closed.
std::optional<ClientKeeperState> parse_client_keeper_state(std::string_view word);
std::string_view client_keeper_state_name(ClientKeeperState state);

// KeeperException.Code: "NONODE" -> -101. nullopt for names ZooKeeper does not have.
std::optional<int> keeper_error_code(std::string_view name);

// The names a violation can carry (`expect violation NAME`): the invariant checker's
// (sim/check/invariant_checker.h), a server's own check, and the consistency checker's.
bool is_invariant_name(std::string_view name);
std::string invariant_names();  // comma-separated, for error messages

}  // namespace zk::sim
