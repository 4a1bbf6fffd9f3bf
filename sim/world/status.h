// Status: what a World command returns — ok, or an error code with a one-line message for
// people ("server 4 is not running"). Callers branch on the code and show the message;
// nothing parses the message.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace zk::sim {

enum class StatusCode : uint8_t {
  kOk = 0,
  kNoSuchServer,        // a server id outside 1..N
  kServerRunning,       // start / restart / load_disk of a running server
  kServerNotRunning,    // kill / pause of a stopped server
  kServerPaused,        // pause of a paused server
  kServerNotPaused,     // resume of a server that is not paused
  kNeverStarted,        // restart of a server that was never started
  kInvalidArgument,     // a malformed request (one partition group, an empty or repeated host list)
  kNothingHeld,         // release of a link that holds no message
  kNoSuchClient,        // an unknown client name
  kClientConnected,     // connect of a client name that is still in use
  kClientNotRunning,    // crash of a client that is closed, expired or crashed already
  kNoSuchConnection,    // an unknown external connection id
  kConnectionClosed,    // a message on an external connection that is closed
};

const char* status_code_name(StatusCode code);  // "no-such-server", ...

class Status {
 public:
  Status() = default;  // ok
  static Status error(StatusCode code, std::string message) { return Status(code, std::move(message)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }  // empty when ok

  bool operator==(const Status&) const = default;

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace zk::sim
