// Gateway: real ZooKeeper clients' connections joined to the simulated servers, without
// sockets (the socket loop, socket_loop.h, moves bytes in and out). Bytes from a client are
// split into frames (FrameReader, with jute.maxbuffer), decoded into core's typed inputs
// (request_decoder.h) and handed to the World at its current virtual time; what the servers
// send back to external connections is taken from the World's outbox and encoded
// (reply_encoder.h) into the connection's output. Each connection's fate follows ZooKeeper
// 3.8's NIOServerCnxn: a "Len error" frame, a header that does not parse, an unknown opcode
// (after an UNIMPLEMENTED reply), closeSession (after its reply), a server that is not
// serving or goes down, all close it; each close is one log line. A connection whose first
// four bytes spell a four-letter word is answered and closed (four_letter_port.h).
//
// Everything that reaches the gateway from outside (a connection accepted, bytes read, a
// client's close, a client that reads nothing, the socket's end) and every step where the
// world's messages are collected is reported to an optional GatewayObserver before it is
// handled, with every byte the gateway then has for a client: that is all `zksim serve
// --record` needs to replay a live session through this same code (live_recorder.h,
// wire_replay.h). Nothing the gateway decides depends on the wall clock or on how much the
// socket loop has written.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "sim/gateway/frame_reader.h"
#include "sim/gateway/reply_encoder.h"
#include "sim/world/world.h"

namespace zk::sim::gateway {

// Told of every input to the gateway before it is handled, and of every byte the gateway
// has for a client. The socket loop also reports each time it ran the world.
class GatewayObserver {
 public:
  virtual ~GatewayObserver() = default;
  virtual void accepted(uint64_t id, ServerId server, const std::string& remote_address) = 0;
  virtual void bytes_in(uint64_t id, std::string_view bytes) = 0;
  virtual void client_closed(uint64_t id) = 0;
  virtual void unread_closed(uint64_t id) = 0;
  virtual void collecting() = 0;  // only when the world has sent something
  virtual void forgotten(uint64_t id) = 0;
  virtual void bytes_out(uint64_t id, std::string_view bytes) = 0;
  // The socket loop ran the world (run_for), possibly by 0 us: events due now were handled.
  virtual void world_ran() = 0;
};

// Several observers as one (`serve --record` with `--oracle`), told in the order added.
class GatewayObservers : public GatewayObserver {
 public:
  void add(GatewayObserver* observer) { observers_.push_back(observer); }
  bool empty() const { return observers_.empty(); }
  void accepted(uint64_t id, ServerId server, const std::string& remote_address) override {
    for (GatewayObserver* o : observers_) o->accepted(id, server, remote_address);
  }
  void bytes_in(uint64_t id, std::string_view bytes) override {
    for (GatewayObserver* o : observers_) o->bytes_in(id, bytes);
  }
  void client_closed(uint64_t id) override {
    for (GatewayObserver* o : observers_) o->client_closed(id);
  }
  void unread_closed(uint64_t id) override {
    for (GatewayObserver* o : observers_) o->unread_closed(id);
  }
  void collecting() override {
    for (GatewayObserver* o : observers_) o->collecting();
  }
  void forgotten(uint64_t id) override {
    for (GatewayObserver* o : observers_) o->forgotten(id);
  }
  void bytes_out(uint64_t id, std::string_view bytes) override {
    for (GatewayObserver* o : observers_) o->bytes_out(id, bytes);
  }
  void world_ran() override {
    for (GatewayObserver* o : observers_) o->world_ran();
  }

 private:
  std::vector<GatewayObserver*> observers_;
};

struct GatewayConfig {
  int64_t max_buffer_bytes = 0xfffff;  // jute.maxbuffer
  // Beyond this many bytes waiting to be written to a client that does not read, the
  // connection is closed (ZooKeeper's server blocks the socket; here the world must not).
  size_t max_output_bytes = 64u << 20;
  // 4lw.commands.whitelist (four_letter_port.h): ZooKeeper's default, srvr alone.
  std::vector<std::string> four_letter_whitelist = {"srvr"};
};

class Gateway {
 public:
  Gateway(World& world, GatewayConfig config) : world_(&world), config_(std::move(config)) {}
  // A Gateway is a value: a copy taken with a World's checkpoint copy is pointed at the
  // restored World (sim/replay/recorded_run.h keeps both for time travel).
  void rebind(World& world) { world_ = &world; }
  const GatewayConfig& config() const { return config_; }
  void set_observer(GatewayObserver* observer) { observer_ = observer; }
  GatewayObserver* observer() const { return observer_; }

  // A client connected to a server's port; returns the gateway's connection number.
  uint64_t accept(ServerId server, std::string remote_address);
  // Bytes read from the client.
  void on_bytes(uint64_t id, std::string_view bytes);
  // The client closed (or reset) its end.
  void on_client_closed(uint64_t id);
  // Takes what the servers sent to external connections off the World and encodes it.
  // Call after stepping the world.
  void collect();
  // True when the servers sent something collect() would take.
  bool has_collect_pending() const { return !world_->external_outbox().empty(); }

  // For the socket loop: bytes to write (the loop erases what it wrote), and whether the
  // connection is to be closed once they are written (or at once, if they cannot be).
  std::string* output(uint64_t id);
  bool closing(uint64_t id) const;
  // The socket loop closed the socket: forget the connection.
  void forget(uint64_t id);
  // The socket loop's check after writing: a client with more than max_output_bytes
  // waiting (it reads nothing) is closed; true if it was.
  bool close_if_unread(uint64_t id);
  // Closes it for that reason whatever waits (a recording's replay, which compares bytes as
  // they come instead of holding them).
  void close_unread(uint64_t id);
  // One line per notable event ("127.0.0.1:5000 -> S1: Len error 2000000 > jute.maxbuffer"),
  // taken by the caller.
  std::vector<std::string>& log() { return log_; }
  size_t connection_count() const { return connections_.size(); }

  // Each connection as a view draws it (the GUI's real clients): its server, the session
  // the ConnectResponse gave, and the last request decoded from it.
  struct ConnectionView {
    uint64_t id = 0;
    ServerId server = 0;
    std::string remote_address;
    int64_t session_id = 0;  // 0 until the ConnectResponse
    bool closing = false;
    std::string last_request;      // "create /a"
    int64_t last_request_us = -1;  // virtual time of that request
    int64_t last_reply_us = -1;    // virtual time the last reply or event was encoded
  };
  std::vector<ConnectionView> connections() const;
  // Output as a socket writer sees it when time travel may re-make bytes already written:
  // every byte ever encoded for the connection has a position, and `sent` counts the first
  // ones written. unsent() is what follows them; trim_output() forgets what precedes them.
  std::string_view unsent(uint64_t id, uint64_t sent) const;
  void trim_output(uint64_t id, uint64_t sent);

 private:
  struct Connection {
    uint64_t id = 0;
    ServerId server = 0;
    std::string remote_address;
    ConnectionId world_id = 0;
    FrameReader reader{0};
    bool connect_seen = false;
    // ZooKeeperServer.processConnectRequest disables reading until the session is set up
    // (finishSessionInit re-enables it): frames behind the ConnectRequest, such as the Java
    // client's SetWatches, wait in the reader until the ConnectResponse goes out.
    bool awaiting_connect_response = false;
    bool with_read_only = true;
    std::deque<PendingRequest> pending;  // requests sent to the server, awaiting replies
    std::string output;
    uint64_t output_total = 0;  // bytes ever appended to output
    bool closing = false;
    int64_t session_id = 0;
    std::string last_request;
    int64_t last_request_us = -1;
    int64_t last_reply_us = -1;
  };
  void on_frame(uint64_t id, Connection& c, const std::string& frame);
  // Before the first frame: a four-letter word in place of a length is answered; true if so.
  bool answer_four_letter_word(uint64_t id, Connection& c);
  void read_frames(uint64_t id, Connection& c);
  void deliver(Connection& c, const ServerToClient& message);
  // Every byte for a client goes through here (the observer sees it).
  void append_output(Connection& c, std::string_view bytes);
  void close(uint64_t id, Connection& c, const std::string& why);
  int64_t server_zxid(ServerId server) const;

  World* world_;
  GatewayConfig config_;
  GatewayObserver* observer_ = nullptr;
  uint64_t next_id_ = 1;
  std::map<uint64_t, Connection> connections_;
  std::vector<std::string> log_;
};

}  // namespace zk::sim::gateway
