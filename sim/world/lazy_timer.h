// LazyTimer: one re-armable timer (a server's or a client's timer of one kind) that keeps
// at most one live entry in the event queue. Arming reserves a sequence number at once, so
// the firing takes exactly the place in the queue an eager push would have had (same time,
// same tie-break): the run is unchanged, only cheaper. A timer re-armed to a later time
// (a read timeout reset by every packet) keeps its queued entry; when that entry comes up
// early, on_pop() asks the caller to re-queue it at the armed deadline with the reserved
// sequence number. Entries left behind by an earlier deadline are recognised and dropped.
#pragma once

#include <cstdint>

namespace zk::sim {

struct LazyTimer {
  bool armed = false;
  int64_t deadline_us = 0;
  uint64_t seq = 0;  // reserved when armed: identifies this arming
  bool queued = false;  // the one entry in the queue that speaks for this timer
  int64_t queued_us = 0;
  uint64_t queued_seq = 0;

  // Arms at deadline_us with the reserved seq; true if the caller must queue an entry at
  // (deadline_us, seq) now (no entry, or the queued one is later than the new deadline).
  bool arm(int64_t at_us, uint64_t reserved_seq) {
    armed = true;
    deadline_us = at_us;
    seq = reserved_seq;
    if (queued && queued_us <= at_us) return false;
    queued = true;
    queued_us = at_us;
    queued_seq = reserved_seq;
    return true;
  }
  void cancel() { armed = false; }

  enum class Pop : uint8_t { kStale, kRequeue, kFire };
  // An entry (time_us, seq) of this timer came up. kRequeue: the caller queues it again at
  // (deadline_us, seq), which this already records as queued; kFire: the armed deadline is
  // now (armed stays set: the handler checks it, since a paused server handles it later).
  Pop on_pop(int64_t time_us, uint64_t entry_seq) {
    if (!queued || queued_us != time_us || queued_seq != entry_seq) return Pop::kStale;
    queued = false;
    if (!armed) return Pop::kStale;
    if (seq == entry_seq) return Pop::kFire;
    queued = true;
    queued_us = deadline_us;
    queued_seq = seq;
    return Pop::kRequeue;
  }
};

}  // namespace zk::sim
