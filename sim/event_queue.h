// EventQueue: the world's future, ordered by (virtual time, sequence number) so that two
// events at the same microsecond always run in the order they were scheduled. It is a
// binary heap in a vector: copyable (time travel copies it) and iterable (the GUI draws
// messages in flight). Bounded: scheduling past kMaxPendingEvents is a bug and asserts.
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
};
struct DeliverToClient {
  EndpointId client = 0;
  ServerId from = 0;
  ConnectionId connection = 0;
  ServerToClient message;
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
    assert(events_.size() < kMaxPendingEvents);
    events_.push_back(Event{time_us, next_seq_++, std::move(payload)});
    std::push_heap(events_.begin(), events_.end(), Later{});
  }
  bool empty() const { return events_.empty(); }
  size_t size() const { return events_.size(); }
  const Event& top() const { return events_.front(); }
  Event pop() {
    std::pop_heap(events_.begin(), events_.end(), Later{});
    Event event = std::move(events_.back());
    events_.pop_back();
    return event;
  }
  // Unordered view for drawing and statistics; never use its order for decisions.
  const std::vector<Event>& pending() const { return events_; }

 private:
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.time_us != b.time_us ? a.time_us > b.time_us : a.seq > b.seq;
    }
  };
  std::vector<Event> events_;
  uint64_t next_seq_ = 0;
};

}  // namespace zk::sim
