// OracleLink: `zksim serve --oracle HOST:PORT`, zetcd's oracle mode for ZooKeeper. The first
// real client that connects to the simulated ensemble is mirrored: every byte it sends is also
// sent, unchanged, to a real ZooKeeper at HOST:PORT over a connection of the oracle's own,
// and every reply frame of each side is summarized with what may differ between two correct
// servers masked (reply_summary.h: zxids, times, session ids and passwords). Replies are
// paired by xid, watch events in the order they came; each pair that differs is one line
// ("oracle: xid 7 getData: zksim ... | real ..."), as it happens, and close() prints how
// many pairs were compared. Pings are not compared (each side answers its own timing). As a
// GatewayObserver it sees the client's bytes and zksim's bytes for the client; the real
// server is read whenever the socket loop runs the world, and, at the end, until it has
// answered everything or a second has passed.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/gateway/frame_reader.h"
#include "sim/gateway/gateway.h"

namespace zk::sim::gateway {

class OracleLink : public GatewayObserver {
 public:
  // `report` takes each line (a difference, or the summary).
  OracleLink(std::string host_port, std::function<void(const std::string&)> report);
  ~OracleLink() override;
  OracleLink(const OracleLink&) = delete;
  OracleLink& operator=(const OracleLink&) = delete;

  // "" when HOST:PORT is an IPv4 address and a port; else why not.
  static std::string check_address(const std::string& host_port);
  int64_t compared() const { return compared_; }
  int64_t differences() const { return differences_; }
  // Reads what is left from the real server (up to a second) and reports the summary.
  void close();

  void accepted(uint64_t id, ServerId server, const std::string& remote_address) override;
  void bytes_in(uint64_t id, std::string_view bytes) override;
  void client_closed(uint64_t id) override;
  void unread_closed(uint64_t) override {}
  void collecting() override {}
  void forgotten(uint64_t id) override;
  void bytes_out(uint64_t id, std::string_view bytes) override;
  void world_ran() override;

 private:
  struct Side {
    FrameReader frames{0x7fffffff};
    bool connect_seen = false;
    std::map<int32_t, std::string> replies;  // xid -> summary, waiting for the other side
    std::deque<std::string> events;          // watch events, waiting for the other side
  };
  void read_real(int wait_ms);
  void take_frames(Side& side, bool is_real);
  void compare();
  void differ(const std::string& what, const std::string& zksim, const std::string& real);

  std::string host_port_;
  std::function<void(const std::string&)> report_;
  int fd_ = -1;
  uint64_t mirrored_ = 0;  // the gateway's connection number of the mirrored client, 0: none yet
  bool closed_ = false;
  FrameReader client_frames_{0x7fffffff};
  bool client_connect_seen_ = false;
  std::map<int32_t, int32_t> opcode_of_xid_;
  std::string connect_summary_[2];  // zksim's, the real server's
  Side zksim_, real_;
  int64_t compared_ = 0;
  int64_t differences_ = 0;
};

}  // namespace zk::sim::gateway
