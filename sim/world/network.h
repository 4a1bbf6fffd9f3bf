// Network: the virtual links between endpoints (servers and clients). It decides, per
// message, whether it is delivered and when: one-way latency drawn uniformly from
// [latency_min_us, latency_max_us] with the run's PRNG, FIFO per directed link (as TCP)
// unless a reorder fault fires, loss and duplication probabilities, symmetric and one-way
// cuts, and per-link "hold the next message" / "drop the next message" controls. It says
// why a message was not delivered (cut or lost) so that the world can give server links
// TCP's semantics (see World::send).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "sim/world/event_queue.h"
#include "sim/world/prng.h"

namespace zk::sim {

struct NetworkFaults {
  double loss = 0.0;       // probability a message is lost
  double duplicate = 0.0;  // probability it is delivered twice
  double reorder = 0.0;    // probability it ignores FIFO order on its link
};

class Network {
 public:
  using Link = std::pair<EndpointId, EndpointId>;  // (from, to)

  Network(int64_t latency_min_us, int64_t latency_max_us);

  struct Delivery {
    // count 0: lost, cut or dropped; 2: duplicated. No allocation per message.
    std::array<int64_t, 2> times_us{};
    size_t count = 0;
    bool held = false;       // the caller parks the message until released
    bool cut = false;        // not delivered because the link is cut (partition)
    bool lost = false;       // not delivered because the loss fault fired
    int64_t lost_at_us = 0;  // when lost: the FIFO slot the message would have had
  };
  // Decides the fate of one message sent now.
  Delivery schedule(EndpointId from, EndpointId to, int64_t now_us, Prng& prng);
  // A TCP connect from `from` to `to`: the SYN and the SYN-ACK cross the link both ways,
  // each cut or lost as a message would be (hold, drop and duplicate act on messages only).
  // Succeeded: the handshake's round trip; failed: the caller's connect timeout applies.
  struct Handshake {
    bool ok = false;
    int64_t round_trip_us = 0;
  };
  Handshake handshake(EndpointId from, EndpointId to, Prng& prng);
  bool connected(EndpointId from, EndpointId to) const { return !cut_.count({from, to}); }
  int64_t draw_latency_us(Prng& prng) const;

  // Cut every link between groups (both directions); endpoints in no group keep theirs.
  void partition(const std::vector<std::vector<EndpointId>>& groups);
  void cut_one_way(EndpointId from, EndpointId to) { cut_.insert({from, to}); }
  // Restores every link; returns the links that were cut.
  std::vector<Link> heal();
  bool any_cut() const { return !cut_.empty(); }
  const std::set<Link>& cut_links() const { return cut_; }

  void hold_next(EndpointId from, EndpointId to) { hold_next_.insert({from, to}); }
  void drop_next(EndpointId from, EndpointId to) { drop_next_.insert({from, to}); }
  bool holding(EndpointId from, EndpointId to) const { return hold_next_.count({from, to}) > 0; }

  void set_faults(NetworkFaults faults) { faults_ = faults; }
  const NetworkFaults& faults() const { return faults_; }
  void set_latency(int64_t min_us, int64_t max_us);
  int64_t latency_min_us() const { return latency_range_.lo; }
  int64_t latency_max_us() const { return latency_range_.lo + static_cast<int64_t>(latency_range_.span); }

  int64_t messages_sent() const { return messages_sent_; }
  int64_t messages_lost() const { return messages_lost_; }

 private:
  Prng::Range latency_range_;  // [latency min, latency max], prepared for draws
  NetworkFaults faults_;
  std::set<Link> cut_;
  std::set<Link> hold_next_;
  std::set<Link> drop_next_;
  // Last delivery time per directed link, for FIFO: [dense(from)][dense(to)], grown on
  // demand (servers 1..255 first, then clients), so a lookup is two index operations.
  std::vector<std::vector<int64_t>> last_delivery_us_;
  int64_t& last_delivery_us(EndpointId from, EndpointId to);
  int64_t messages_sent_ = 0;
  int64_t messages_lost_ = 0;
};

}  // namespace zk::sim
