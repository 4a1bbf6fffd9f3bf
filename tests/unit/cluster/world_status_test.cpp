// World commands return a Status: ok, or an error code with a one-line message. The server
// id check is one function (World::check_server_id) shared by every command taking an id.
#include <doctest/doctest.h>

#include "sim/world/world.h"

using zk::sim::Status;
using zk::sim::StatusCode;
using zk::sim::World;
using zk::sim::WorldConfig;

namespace {

void check_error(const Status& status, StatusCode code, const std::string& message) {
  CHECK_FALSE(status.ok());
  CHECK(status.code() == code);
  CHECK(status.message() == message);
}

}  // namespace

TEST_CASE("World commands: ok, or an error code with its message") {
  World world(WorldConfig{.server_count = 3});
  CHECK(Status().ok());
  CHECK(Status().message().empty());
  CHECK(world.check_server_id(3).ok());
  for (const zk::ServerId bad : {zk::ServerId{0}, zk::ServerId{4}, zk::ServerId{-1}}) {
    const std::string message = "server id " + std::to_string(bad) + " is out of range 1..3";
    check_error(world.check_server_id(bad), StatusCode::kNoSuchServer, message);
    check_error(world.start(bad), StatusCode::kNoSuchServer, message);
    check_error(world.kill(bad), StatusCode::kNoSuchServer, message);
    check_error(world.restart(bad), StatusCode::kNoSuchServer, message);
    check_error(world.pause(bad), StatusCode::kNoSuchServer, message);
    check_error(world.resume(bad), StatusCode::kNoSuchServer, message);
    check_error(world.client_connect("c", std::vector<zk::ServerId>{1, bad}, 6000), StatusCode::kNoSuchServer, message);
    zk::ConnectionId connection = 0;
    check_error(world.external_open(bad, 1, &connection), StatusCode::kNoSuchServer, message);
  }
  check_error(world.kill(1), StatusCode::kServerNotRunning, "server 1 is not running");
  check_error(world.restart(1), StatusCode::kNeverStarted, "server 1 was never started; use start");
  CHECK(world.start(1).ok());
  check_error(world.start(1), StatusCode::kServerRunning, "server 1 is already running");
  check_error(world.resume(1), StatusCode::kServerNotPaused, "server 1 is not paused");
  CHECK(world.pause(1).ok());
  check_error(world.pause(1), StatusCode::kServerPaused, "server 1 is already paused");
  CHECK(world.resume(1).ok());
  check_error(world.partition({{1, 2, 3}}), StatusCode::kInvalidArgument,
              "partition needs at least two groups separated by |");
  check_error(world.release_held(1, 2), StatusCode::kNothingHeld, "no message is held on S1 -> S2");
  check_error(world.client_connect("c", std::vector<zk::ServerId>{}, 6000), StatusCode::kInvalidArgument,
              "a client needs at least one server");
  check_error(world.client_connect("c", std::vector<zk::ServerId>{1, 1}, 6000), StatusCode::kInvalidArgument,
              "server 1 is listed twice");
  check_error(world.client_crash("nobody"), StatusCode::kNoSuchClient, "unknown client 'nobody'");
  CHECK(world.client_connect("c", std::vector<zk::ServerId>{1}, 6000).ok());
  check_error(world.client_connect("c", std::vector<zk::ServerId>{1}, 6000), StatusCode::kClientConnected,
              "client 'c' is already connected");
  CHECK(world.client_crash("c").ok());
  check_error(world.client_crash("c"), StatusCode::kClientNotRunning, "client 'c' is CRASHED");
  check_error(world.external_send(99, zk::Disconnect{}), StatusCode::kNoSuchConnection, "no external connection 99");
  CHECK(zk::sim::status_code_name(StatusCode::kNoSuchServer) == std::string("no-such-server"));
}
