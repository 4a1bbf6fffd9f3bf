#include "sim/world/status.h"

namespace zk::sim {

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kNoSuchServer: return "no-such-server";
    case StatusCode::kServerRunning: return "server-running";
    case StatusCode::kServerNotRunning: return "server-not-running";
    case StatusCode::kServerPaused: return "server-paused";
    case StatusCode::kServerNotPaused: return "server-not-paused";
    case StatusCode::kNeverStarted: return "never-started";
    case StatusCode::kInvalidArgument: return "invalid-argument";
    case StatusCode::kNothingHeld: return "nothing-held";
    case StatusCode::kNoSuchClient: return "no-such-client";
    case StatusCode::kClientConnected: return "client-connected";
    case StatusCode::kClientNotRunning: return "client-not-running";
    case StatusCode::kNoSuchConnection: return "no-such-connection";
    case StatusCode::kConnectionClosed: return "connection-closed";
  }
  return "?";
}

}  // namespace zk::sim
