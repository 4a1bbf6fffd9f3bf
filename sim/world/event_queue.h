// EventQueue: the world's future, ordered by (virtual time, sequence number) so that two
// events at the same microsecond always run in the order they were scheduled. Near events
// (the next 8 ms: message latencies, fsyncs) go to a timing wheel, later ones to a 4-ary
// heap (see the class comment); payloads live in a slab (a BlockVector, so a payload never
// moves while it waits or while it is being handled). Copyable (time travel copies it) and
// iterable (the GUI draws messages in flight). A sequence number can be reserved now and
// used by a later push, so a lazily re-armed timer keeps the place in line its arming
// gave it. Bounded: scheduling past kMaxPendingEvents is a bug and stops the process.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <variant>
#include <vector>

#include "core/block_vector.h"
#include "core/outbox.h"

namespace zk::sim {

// Servers are 1..N; clients get endpoint ids from kFirstClientEndpoint up.
using EndpointId = int64_t;
constexpr EndpointId kFirstClientEndpoint = 1000;
// The far end of every external connection (a real client through the gateway): the
// simulated network does not carry these (the real one already did).
constexpr EndpointId kExternalEndpoint = kExternalClientEndpoint;  // core/trace_event.h names it for the trace

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

// The queue itself. Events due within kWheelSpanUs of the last event taken sit in a timing
// wheel: one bucket per microsecond, each bucket a list of its events in sequence order
// (all of a bucket's events have the same time, because the wheel spans one lap), found
// through a two-level occupancy bitmap; pushing and taking one is O(1) in practice. Later
// events (timeouts, pings) wait in a 4-ary heap keyed by (time, sequence). The earliest
// event is the earlier of the wheel's first and the heap's top, so no event ever has to
// move between the two. Payloads stay put in a slab whose slot numbers also name the
// wheel's list entries.
class EventQueue {
 public:
  static constexpr size_t kMaxPendingEvents = 1'000'000;
  static constexpr unsigned kWheelBits = 13;
  static constexpr int64_t kWheelSpanUs = int64_t{1} << kWheelBits;  // 8.192 ms: links and disks

  EventQueue();

  // The next sequence number, taken now for a push that may come later (see push_at).
  uint64_t reserve_seq() { return next_seq_++; }
  void push(int64_t time_us, EventPayload&& payload) { push_at(time_us, next_seq_++, std::move(payload)); }
  // Schedules with a sequence number from reserve_seq(). time_us must not be earlier than
  // the last event taken (the world never schedules into its past).
  void push_at(int64_t time_us, uint64_t seq, EventPayload&& payload);
  // Schedules an event of type T built in place in the slab from args: a message is moved
  // once, from its sender's effect into the queue, with no payload temporaries between.
  template <typename T, typename... Args>
  void emplace(int64_t time_us, Args&&... args) {
    const uint64_t seq = next_seq_++;
    check_push(time_us, seq);
    const uint32_t slot = claim_slot();
#if defined(__cpp_aggregate_paren_init)
    payloads_[slot].template emplace<T>(std::forward<Args>(args)...);
#else  // clang 14 (the fuzz build): no parenthesized aggregate init, so a braced temporary
    payloads_[slot].template emplace<T>(T{std::forward<Args>(args)...});
#endif
    place(slot, time_us, seq);
  }
  bool empty() const { return size() == 0; }
  size_t size() const { return wheel_count_ + heap_.size(); }
  int64_t top_time_us() const;

  // The earliest event, taken off the queue; its payload stays in the slab (and may be
  // handled in place, even while new events are pushed) until release().
  struct Popped {
    int64_t time_us = 0;
    uint64_t seq = 0;
    uint32_t slot = 0;
  };
  Popped pop_key();
  // The same if the earliest event is due at or before deadline_us; else false, untouched.
  bool pop_key_due(int64_t deadline_us, Popped* popped);
  EventPayload& payload(const Popped& popped) { return payloads_[popped.slot]; }
  void release(const Popped& popped) {
    payloads_[popped.slot] = ClientTimerFire{};  // drop what the payload held (txns, strings)
    free_slots_.push_back(popped.slot);
  }

  // Calls visit(time_us, payload) for every pending event, in no particular order; for
  // drawing and statistics only, never for decisions.
  template <typename Visitor>
  void for_each_pending(Visitor&& visit) const {
    for (size_t word = 0; word < wheel_occupied_.size(); ++word) {
      for (uint64_t bits = wheel_occupied_[word]; bits != 0; bits &= bits - 1) {
        const size_t bucket = word * 64 + static_cast<size_t>(std::countr_zero(bits));
        for (uint32_t slot = wheel_head_[bucket]; slot != kNil; slot = wheel_next_[slot]) {
          visit(wheel_time_us_[slot], payloads_[slot]);
        }
      }
    }
    for (const Key& key : heap_) visit(static_cast<int64_t>(key.time_us), payloads_[key.slot()]);
  }

 private:
  static constexpr uint32_t kNil = 0xffffffffU;
  static constexpr uint64_t kWheelMask = static_cast<uint64_t>(kWheelSpanUs) - 1;
  static constexpr unsigned kSlotBits = 20;
  static constexpr uint64_t kSlotCount = uint64_t{1} << kSlotBits;
  static_assert(kMaxPendingEvents < kSlotCount);
  static constexpr uint64_t kMaxSeq = (uint64_t{1} << (64 - kSlotBits)) - 1;  // 1.7e13 events
  static constexpr size_t kArity = 4;

  // The far heap's 16-byte keys: (time, then sequence number) is one 128-bit comparison,
  // with the slot riding in the low bits under the unique sequence number.
  struct Key {
    uint64_t time_us;
    uint64_t seq_slot;  // seq << kSlotBits | slot
    uint32_t slot() const { return static_cast<uint32_t>(seq_slot & (kSlotCount - 1)); }
    uint64_t seq() const { return seq_slot >> kSlotBits; }
  };
  static bool earlier(const Key& a, const Key& b) {
    using Order = unsigned __int128;
    return ((Order{a.time_us} << 64) | a.seq_slot) < ((Order{b.time_us} << 64) | b.seq_slot);
  }
  void check_push(int64_t time_us, uint64_t seq) const;
  // A free slab slot (its payload an empty placeholder), and filing a filled one.
  uint32_t claim_slot();
  void place(uint32_t slot, int64_t time_us, uint64_t seq);
  void wheel_insert(uint32_t slot, int64_t time_us, uint64_t seq);
  // Where the earliest event is: the wheel's first bucket or the heap's top, and its time.
  struct Head {
    bool in_wheel = false;
    size_t bucket = 0;  // when in_wheel
    int64_t time_us = 0;
  };
  Head head() const;
  // The bucket holding the wheel's earliest events (the first occupied one from base_us_
  // on, cyclically); requires wheel_count_ > 0.
  size_t first_wheel_bucket() const;
  size_t next_occupied_word(size_t word) const;
  void mark_occupied(size_t bucket);
  void mark_empty(size_t bucket);
  void heap_push(Key key);
  void heap_pop();

  int64_t base_us_ = 0;  // time of the last event taken: every pending event is at or after it
  uint64_t next_seq_ = 0;
  BlockVector<EventPayload> payloads_;  // blocks of 256: a payload never moves
  std::vector<uint32_t> free_slots_;
  // Wheel: per bucket the first and last slot of its list; per slot the next one, and the
  // event's time and sequence number (meaningful while the slot is in the wheel).
  // Occupancy: one bit per bucket, and a summary bit per 64 buckets that has any.
  static constexpr size_t kWheelWords = static_cast<size_t>(kWheelSpanUs) / 64;
  static constexpr size_t kSummaryWords = kWheelWords / 64;
  static_assert(kSummaryWords * 64 * 64 == static_cast<size_t>(kWheelSpanUs));
  std::vector<uint32_t> wheel_head_;
  std::vector<uint32_t> wheel_tail_;
  std::vector<uint64_t> wheel_occupied_;
  std::array<uint64_t, kSummaryWords> wheel_summary_;
  std::vector<uint32_t> wheel_next_;
  std::vector<int64_t> wheel_time_us_;
  std::vector<uint64_t> wheel_seq_;
  size_t wheel_count_ = 0;
  std::vector<Key> heap_;
};

}  // namespace zk::sim
