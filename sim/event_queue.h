// EventQueue: the world's future, ordered by (virtual time, sequence number) so that two
// events at the same microsecond always run in the order they were scheduled. It is a
// binary heap of small keys over a payload slab: copyable (time travel copies it) and
// iterable (the GUI draws messages in flight). Bounded: scheduling past kMaxPendingEvents is a bug and asserts.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <variant>
#include <vector>

#include "core/outbox.h"

namespace zk::sim {

// Servers are 1..N; clients get endpoint ids from kFirstClientEndpoint up.
using EndpointId = int64_t;
constexpr EndpointId kFirstClientEndpoint = 1000;

struct DeliverMessage {
  ServerId from = 0;
  ServerId to = 0;
  uint64_t to_incarnation = 0;  // dropped if the receiver restarted meanwhile
  int64_t sent_us = 0;
  PeerMessage message;
};
struct FireTimer {
  ServerId server = 0;
  uint64_t incarnation = 0;
  TimerKind kind = TimerKind::kElectionPoll;
  uint64_t generation = 0;  // stale if the timer was set again or cancelled
};
// A TCP connection between two servers came up or was reset.
struct LinkChange {
  ServerId server = 0;
  uint64_t incarnation = 0;
  ServerId peer = 0;
  bool connected = false;
};

// An fsync requested by a server completed; target is the disk's append sequence number.
struct DiskSynced {
  ServerId server = 0;
  uint64_t incarnation = 0;
  Zxid token = 0;
  uint64_t target = 0;
};
// Client protocol traffic, both directions.
struct DeliverToServer {
  ServerId server = 0;
  uint64_t incarnation = 0;
  EndpointId from = 0;
  ConnectionId connection = 0;
  ClientToServer message;
  int64_t sent_us = 0;
};
struct DeliverToClient {
  EndpointId client = 0;
  ServerId from = 0;
  ConnectionId connection = 0;
  ServerToClient message;
  int64_t sent_us = 0;
};
struct ClientTimerFire {
  EndpointId client = 0;
  uint8_t kind = 0;  // ClientTimerKind
  uint64_t generation = 0;
};

using EventPayload =
    std::variant<DeliverMessage, FireTimer, LinkChange, DiskSynced, DeliverToServer, DeliverToClient, ClientTimerFire>;

struct Event {
  int64_t time_us = 0;
  uint64_t seq = 0;
  EventPayload payload;
};

class EventQueue {
 public:
  static constexpr size_t kMaxPendingEvents = 1'000'000;

  void push(int64_t time_us, EventPayload payload) {
    assert(heap_.size() < kMaxPendingEvents);
    uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
      payloads_[slot] = std::move(payload);
    } else {
      slot = static_cast<uint32_t>(payloads_.size());
      payloads_.push_back(std::move(payload));
    }
    heap_.push_back(Key{time_us, next_seq_++, slot});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  int64_t top_time_us() const { return heap_.front().time_us; }
  Event pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const Key key = heap_.back();
    heap_.pop_back();
    Event event{key.time_us, key.seq, std::move(payloads_[key.slot])};
    free_slots_.push_back(key.slot);
    return event;
  }
  // Calls visit(time_us, payload) for every pending event, in no particular order; for
  // drawing and statistics only, never for decisions.
  template <typename Visitor>
  void for_each_pending(Visitor&& visit) const {
    for (const Key& key : heap_) visit(key.time_us, payloads_[key.slot]);
  }

 private:
  // The heap holds small keys; payloads stay put in a slab and are moved only on pop.
  struct Key {
    int64_t time_us;
    uint64_t seq;
    uint32_t slot;
  };
  struct Later {
    bool operator()(const Key& a, const Key& b) const {
      return a.time_us != b.time_us ? a.time_us > b.time_us : a.seq > b.seq;
    }
  };
  std::vector<Key> heap_;
  std::vector<EventPayload> payloads_;
  std::vector<uint32_t> free_slots_;
  uint64_t next_seq_ = 0;
};

}  // namespace zk::sim
