// EventQueue: the world's future, ordered by (virtual time, sequence number) so that two
// events at the same microsecond always run in the order they were scheduled. It is a
// 4-ary heap of 16-byte keys over a payload slab (a deque, so a payload never moves while
// it waits or while it is being handled): copyable (time travel copies it) and iterable
// (the GUI draws messages in flight). A sequence number can be reserved now and used by a
// later push, so a lazily re-armed timer keeps the place in line its arming gave it.
// Bounded: scheduling past kMaxPendingEvents is a bug and asserts.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <deque>
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

// The server an event is an input to (0 for a client's events), and the incarnation it
// was meant for: the only server whose state the event can change.
struct EventTarget {
  ServerId server = 0;
  uint64_t incarnation = 0;
};
inline EventTarget event_target(const EventPayload& payload) {
  return std::visit(
      [](const auto& p) -> EventTarget {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, DeliverMessage>) return {p.to, p.to_incarnation};
        else if constexpr (std::is_same_v<T, DeliverToClient> || std::is_same_v<T, ClientTimerFire>) return {0, 0};
        else return {p.server, p.incarnation};
      },
      payload);
}

struct Event {
  int64_t time_us = 0;
  uint64_t seq = 0;
  EventPayload payload;
};

class EventQueue {
 public:
  static constexpr size_t kMaxPendingEvents = 1'000'000;

  // The next sequence number, taken now for a push that may come later (see push_at).
  uint64_t reserve_seq() { return next_seq_++; }
  void push(int64_t time_us, EventPayload&& payload) { push_at(time_us, next_seq_++, std::move(payload)); }
  // Schedules with a sequence number from reserve_seq().
  void push_at(int64_t time_us, uint64_t seq, EventPayload&& payload) {
    assert(heap_.size() < kMaxPendingEvents);
    assert(seq < next_seq_ && seq <= kMaxSeq && time_us >= 0);
    uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
      payloads_[slot] = std::move(payload);
    } else {
      slot = static_cast<uint32_t>(payloads_.size());
      payloads_.push_back(std::move(payload));
    }
    assert(slot < kSlotCount);
    sift_up(Key{static_cast<uint64_t>(time_us), (seq << kSlotBits) | slot});
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  int64_t top_time_us() const { return static_cast<int64_t>(heap_.front().time_us); }

  // The earliest event, taken off the heap; its payload stays in the slab (and may be
  // handled in place, even while new events are pushed) until release().
  struct Popped {
    int64_t time_us;
    uint64_t seq;
    uint32_t slot;
  };
  Popped pop_key() {
    assert(!heap_.empty());
    const Key top = heap_.front();
    const Key last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return Popped{static_cast<int64_t>(top.time_us), top.seq_slot >> kSlotBits,
                  static_cast<uint32_t>(top.seq_slot & (kSlotCount - 1))};
  }
  EventPayload& payload(const Popped& popped) { return payloads_[popped.slot]; }
  void release(const Popped& popped) {
    payloads_[popped.slot] = ClientTimerFire{};  // drop what the payload held (txns, strings)
    free_slots_.push_back(popped.slot);
  }

  Event pop() {
    const Popped popped = pop_key();
    Event event{popped.time_us, popped.seq, std::move(payloads_[popped.slot])};
    release(popped);
    return event;
  }
  // Calls visit(time_us, payload) for every pending event, in no particular order; for
  // drawing and statistics only, never for decisions.
  template <typename Visitor>
  void for_each_pending(Visitor&& visit) const {
    for (const Key& key : heap_) {
      visit(static_cast<int64_t>(key.time_us), payloads_[static_cast<size_t>(key.seq_slot & (kSlotCount - 1))]);
    }
  }

 private:
  // A 4-ary min-heap of 16-byte keys: (time, then sequence number) is one 128-bit
  // comparison, since the slot rides in the low bits under the unique sequence number.
  // Payloads stay put in the slab.
  static constexpr unsigned kSlotBits = 20;
  static constexpr uint64_t kSlotCount = uint64_t{1} << kSlotBits;
  static_assert(kMaxPendingEvents < kSlotCount);
  static constexpr uint64_t kMaxSeq = (uint64_t{1} << (64 - kSlotBits)) - 1;  // 1.7e13 events
  static constexpr size_t kArity = 4;
  struct Key {
    uint64_t time_us;
    uint64_t seq_slot;  // seq << kSlotBits | slot
  };
  static bool earlier(const Key& a, const Key& b) {
    using Order = unsigned __int128;
    return ((Order{a.time_us} << 64) | a.seq_slot) < ((Order{b.time_us} << 64) | b.seq_slot);
  }
  void sift_up(Key key) {
    size_t hole = heap_.size();
    heap_.push_back(key);
    while (hole > 0) {
      const size_t parent = (hole - 1) / kArity;
      if (!earlier(key, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = key;
  }
  // Places key, which replaces the root, where it belongs.
  void sift_down(Key key) {
    const size_t count = heap_.size();
    size_t hole = 0;
    for (;;) {
      const size_t first = hole * kArity + 1;
      if (first >= count) break;
      const size_t end = std::min(first + kArity, count);
      size_t best = first;
      for (size_t child = first + 1; child < end; ++child) {
        if (earlier(heap_[child], heap_[best])) best = child;
      }
      if (!earlier(heap_[best], key)) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = key;
  }

  std::vector<Key> heap_;
  std::deque<EventPayload> payloads_;
  std::vector<uint32_t> free_slots_;
  uint64_t next_seq_ = 0;
};

}  // namespace zk::sim
