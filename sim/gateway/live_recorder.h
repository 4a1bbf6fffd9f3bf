// LiveRecorder: `zksim serve --record OUT.zks`. As a GatewayObserver it writes, as they
// happen, every input the live session's gateway got (a connection accepted, the bytes of
// each read, a client's close, a collect of the servers' messages, a socket's end) as `wire`
// lines, every action taken on the ensemble outside the gateway (the schedule's steps, the
// console's kill / restart / pause / resume) as its scenario line, and every run of the world
// as `run DUR` (in µs, 0 included: a run handles the events due now). What the gateway then
// had for each client becomes `expect wire NAME got N crc32=X`. `zksim run OUT.zks` replays
// it through the same gateway code (wire_replay.h): the same inputs at the same virtual
// times give the same run, byte for byte. Each sent chunk carries a comment naming the
// requests it completes ("# create /a"). The file is written as the session goes (flushed
// every serve turn); memory held is one pending output and a frame reader per connection.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "sim/gateway/frame_reader.h"
#include "sim/gateway/gateway.h"
#include "sim/scenario/scenario.h"
#include "sim/world/world.h"

namespace zk::sim::gateway {

class LiveRecorder : public GatewayObserver {
 public:
  // Opens `path` for writing; error() says why it could not.
  LiveRecorder(const World& world, const std::string& path);
  ~LiveRecorder() override;
  LiveRecorder(const LiveRecorder&) = delete;
  LiveRecorder& operator=(const LiveRecorder&) = delete;
  const std::string& error() const { return error_; }

  // The head: comment lines, the cluster line, `clients async` (operations of the schedule's
  // simulated clients never wait, as in live mode), `wire gateway`, then the steps that made
  // the world before the gateway opened (`start 1 2 3`), which ran until world.now_us().
  void begin(const std::vector<std::string>& comments, const std::string& cluster_line, const GatewayConfig& config,
             const std::vector<Command>& setup_steps);
  // An action on the ensemble outside the gateway, applied now.
  void step(const Command& command);
  // Writes what is pending and flushes the file (once a serve turn).
  void flush();
  // The session stopped: the world's last run is written too, so a replay ends where it did.
  void finish();

  void accepted(uint64_t id, ServerId server, const std::string& remote_address) override;
  void bytes_in(uint64_t id, std::string_view bytes) override;
  void client_closed(uint64_t id) override;
  void unread_closed(uint64_t id) override;
  void collecting() override;
  void forgotten(uint64_t id) override;
  void bytes_out(uint64_t id, std::string_view bytes) override;
  void world_ran() override { ran_ = true; }

 private:
  // Writes `text` as the next line, after the pending output check and the run since the last line.
  void line(const std::string& text);
  void write_pending_output();
  // `run DUR` for the world's runs since the last line, if it ran.
  void write_run(std::string_view comment_tail);
  std::string at_time() const;  // the world's time, "1.393160s"
  // "create /a; getData /a": the requests the chunk completes on that connection.
  std::string describe_requests(uint64_t id, std::string_view bytes);
  static std::string name(uint64_t id) { return "c" + std::to_string(id); }

  const World& world_;
  std::FILE* file_ = nullptr;
  std::string error_;
  int64_t last_time_us_ = 0;
  bool ran_ = false;
  uint64_t pending_output_id_ = 0;  // 0: none
  std::string pending_output_;
  struct Reader {
    FrameReader frames{0x7fffffff};
    bool connect_seen = false;
  };
  std::map<uint64_t, Reader> readers_;
};

}  // namespace zk::sim::gateway
