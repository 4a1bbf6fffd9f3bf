// PeerDriver: one QuorumPeer alone, driven by text commands, its effects printed one per
// line. It stands in for the world: it keeps the virtual clock, the timers the peer has
// set, the fsyncs it has started and the notifications it sent itself, but delivers
// nothing on its own — every input is a command in the test file. See README.md,
// "Interaction tests", for the commands.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/quorum_peer.h"

namespace zk::interaction {

class PeerDriver {
 public:
  // Runs one command line; returns its output lines (effects, or "error: ...").
  std::vector<std::string> run(const std::string& command);

 private:
  using Args = std::map<std::string, std::string>;
  std::vector<std::string> start(const Args& args);
  std::vector<std::string> deliver(const Args& args, const std::vector<std::string>& words);
  std::vector<std::string> deliver_self();
  std::vector<std::string> fire(const std::string& timer);
  std::vector<std::string> advance(const std::string& duration);
  std::vector<std::string> fsync_done();
  std::vector<std::string> client(const Args& args, const std::vector<std::string>& words);
  std::vector<std::string> status() const;
  // Hands the outbox's effects to the driver's bookkeeping and renders them.
  std::vector<std::string> drain(Outbox& out);
  uint64_t default_connection(ServerId from, PacketType type) const;

  std::unique_ptr<QuorumPeer> peer_;
  int64_t now_us_ = 0;
  std::map<TimerKind, int64_t> timers_due_us_;
  std::deque<Zxid> fsyncs_;
  std::deque<Notification> to_self_;
  std::map<ConnectionId, int32_t> next_cxid_;
};

}  // namespace zk::interaction
