// apply_action: the one place where an acting scenario command changes a World. The
// scenario runner and the GUI both call it, so a user's click and the matching `.zks`
// line have exactly the same effect (and a recorded GUI session replays headless).
// It never advances virtual time: time-taking parts stay with the caller — `start ...
// every=DUR` (the caller starts one server, lets time pass, starts the next), `run`,
// and waiting for a client's reply (the runner waits; the GUI shows it when it comes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/request.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace zk::sim {

struct ActionOutcome {
  std::string error;           // empty on success; a one-line reason otherwise
  std::optional<int32_t> cxid;  // the request's cxid when a client operation was sent
};

// True for the commands apply_action handles: start (without every= or with one server),
// kill, restart, pause, resume, partition, heal, network, hold, drop, release, client
// connect and every client operation. False for run, run until, expect and cluster.
bool is_instant_action(const Command& command);
// Every expect command (checked by `zksim run`; listed, not checked, by serve; added by the
// GUI's "expect this here").
bool is_expectation(const Command& command);

// Applies one instant action at the world's current virtual time.
ActionOutcome apply_action(World& world, const Command& command);

// `leader` resolved to the server LEADING now; an error when there is none.
std::string resolve_server(const World& world, const ServerRef& ref, ServerId* id);

// The request a client-operation command sends (create, get, set, ls, stat, delete, sync,
// close); nullopt for any other command.
std::optional<Request> client_request(const Command& command);

}  // namespace zk::sim
