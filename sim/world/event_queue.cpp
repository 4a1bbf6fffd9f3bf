// EventQueue: the timing wheel for near events and the 4-ary heap for far ones.
#include "sim/world/event_queue.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "core/invariant.h"

namespace zk::sim {

EventQueue::EventQueue()
    : wheel_head_(static_cast<size_t>(kWheelSpanUs), kNil),
      wheel_tail_(static_cast<size_t>(kWheelSpanUs), kNil),
      wheel_occupied_(kWheelWords, 0),
      wheel_summary_{} {}

uint32_t EventQueue::claim_slot() {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(payloads_.size());
    payloads_.push_back(ClientTimerFire{});
    wheel_next_.push_back(kNil);
    wheel_time_us_.push_back(0);
    wheel_seq_.push_back(0);
  }
  ZK_INVARIANT(slot < kSlotCount);
  return slot;
}

void EventQueue::check_push(int64_t time_us, uint64_t seq) const {
  ZK_INVARIANT(size() < kMaxPendingEvents);
  ZK_INVARIANT(seq < next_seq_ && seq <= kMaxSeq && time_us >= base_us_);
}

void EventQueue::place(uint32_t slot, int64_t time_us, uint64_t seq) {
  if (time_us - base_us_ < kWheelSpanUs) {
    wheel_insert(slot, time_us, seq);
  } else {
    heap_push(Key{static_cast<uint64_t>(time_us), (seq << kSlotBits) | slot});
  }
}

void EventQueue::push_at(int64_t time_us, uint64_t seq, EventPayload&& payload) {
  check_push(time_us, seq);
  const uint32_t slot = claim_slot();
  payloads_[slot] = std::move(payload);
  place(slot, time_us, seq);
}

void EventQueue::wheel_insert(uint32_t slot, int64_t time_us, uint64_t seq) {
  const size_t bucket = static_cast<size_t>(static_cast<uint64_t>(time_us) & kWheelMask);
  wheel_time_us_[slot] = time_us;
  wheel_seq_[slot] = seq;
  wheel_next_[slot] = kNil;
  ++wheel_count_;
  uint32_t& head = wheel_head_[bucket];
  uint32_t& tail = wheel_tail_[bucket];
  if (head == kNil) {
    head = tail = slot;
    mark_occupied(bucket);
    return;
  }
  ZK_INVARIANT(wheel_time_us_[head] == time_us);  // one lap: a bucket holds one time
  if (wheel_seq_[tail] < seq) {
    // The usual case, and the only one for a backed-up link whose messages all arrive in
    // the same microsecond: scheduled after everything in the bucket.
    wheel_next_[tail] = slot;
    tail = slot;
    return;
  }
  // An earlier sequence number (a lazily re-armed timer): walk to its place.
  uint32_t* link = &head;
  for (size_t steps = 0; wheel_seq_[*link] < seq; link = &wheel_next_[*link], ++steps) {
    ZK_INVARIANT(steps < wheel_count_);
  }
  wheel_next_[slot] = *link;
  *link = slot;
}

void EventQueue::mark_occupied(size_t bucket) {
  wheel_occupied_[bucket / 64] |= uint64_t{1} << (bucket % 64);
  wheel_summary_[bucket / 64 / 64] |= uint64_t{1} << (bucket / 64 % 64);
}

void EventQueue::mark_empty(size_t bucket) {
  uint64_t& word = wheel_occupied_[bucket / 64];
  word &= ~(uint64_t{1} << (bucket % 64));
  if (word == 0) wheel_summary_[bucket / 64 / 64] &= ~(uint64_t{1} << (bucket / 64 % 64));
}

// The next occupied word at or after `word` (cyclically) through the summary bits: at
// most kSummaryWords + 1 reads however sparse the wheel is.
size_t EventQueue::next_occupied_word(size_t word) const {
  size_t group = word / 64;
  uint64_t bits = wheel_summary_[group] & (~uint64_t{0} << (word % 64));
  for (size_t scanned = 0; bits == 0; ++scanned) {
    ZK_INVARIANT(scanned <= kSummaryWords);
    group = (group + 1) % kSummaryWords;
    bits = wheel_summary_[group];
  }
  return group * 64 + static_cast<size_t>(std::countr_zero(bits));
}

size_t EventQueue::first_wheel_bucket() const {
  ZK_INVARIANT(wheel_count_ > 0);
  const size_t start = static_cast<size_t>(static_cast<uint64_t>(base_us_) & kWheelMask);
  // The start word's buckets from `start` on come first.
  const uint64_t tail_bits = wheel_occupied_[start / 64] & (~uint64_t{0} << (start % 64));
  if (tail_bits != 0) return start / 64 * 64 + static_cast<size_t>(std::countr_zero(tail_bits));
  // Then the following words, cyclically; the start word comes round last, and then only
  // its buckets before `start` can be occupied (its later ones were just seen empty).
  const size_t word = next_occupied_word((start / 64 + 1) % kWheelWords);
  return word * 64 + static_cast<size_t>(std::countr_zero(wheel_occupied_[word]));
}

EventQueue::Head EventQueue::head() const {
  ZK_INVARIANT(!empty());
  if (wheel_count_ > 0) {
    const size_t bucket = first_wheel_bucket();
    const uint32_t slot = wheel_head_[bucket];
    const Key wheel_key{static_cast<uint64_t>(wheel_time_us_[slot]), (wheel_seq_[slot] << kSlotBits) | slot};
    if (heap_.empty() || earlier(wheel_key, heap_.front())) return Head{true, bucket, wheel_time_us_[slot]};
  }
  return Head{false, 0, static_cast<int64_t>(heap_.front().time_us)};
}

int64_t EventQueue::top_time_us() const { return head().time_us; }

EventQueue::Popped EventQueue::pop_key() {
  Popped popped;
  const bool due = pop_key_due(std::numeric_limits<int64_t>::max(), &popped);
  ZK_INVARIANT(due);
  return popped;
}

bool EventQueue::pop_key_due(int64_t deadline_us, Popped* out) {
  const Head top = head();
  if (top.time_us > deadline_us) return false;
  Popped popped;
  if (top.in_wheel) {
    const size_t bucket = top.bucket;
    const uint32_t slot = wheel_head_[bucket];
    popped = Popped{wheel_time_us_[slot], wheel_seq_[slot], slot};
    wheel_head_[bucket] = wheel_next_[slot];
    if (wheel_head_[bucket] == kNil) {
      wheel_tail_[bucket] = kNil;
      mark_empty(bucket);
    }
    --wheel_count_;
  } else {
    const Key key = heap_.front();
    heap_pop();
    popped = Popped{static_cast<int64_t>(key.time_us), key.seq(), key.slot()};
  }
  ZK_INVARIANT(popped.time_us >= base_us_);
  base_us_ = popped.time_us;
  *out = popped;
  return true;
}

void EventQueue::heap_push(Key key) {
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

void EventQueue::heap_pop() {
  const Key key = heap_.back();
  heap_.pop_back();
  const size_t count = heap_.size();
  if (count == 0) return;
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

}  // namespace zk::sim
