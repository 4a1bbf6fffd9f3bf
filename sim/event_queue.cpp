// EventQueue: the timing wheel for near events and the 4-ary heap for far ones.
#include "sim/event_queue.h"

#include <algorithm>
#include <bit>

#include "core/invariant.h"

namespace zk::sim {

EventQueue::EventQueue()
    : wheel_head_(static_cast<size_t>(kWheelSpanUs), kNil),
      wheel_tail_(static_cast<size_t>(kWheelSpanUs), kNil),
      wheel_occupied_(static_cast<size_t>(kWheelSpanUs) / 64, 0) {}

uint32_t EventQueue::store(EventPayload&& payload) {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    payloads_[slot] = std::move(payload);
  } else {
    slot = static_cast<uint32_t>(payloads_.size());
    payloads_.push_back(std::move(payload));
    wheel_next_.push_back(kNil);
    wheel_time_us_.push_back(0);
    wheel_seq_.push_back(0);
  }
  ZK_INVARIANT(slot < kSlotCount);
  return slot;
}

void EventQueue::push_at(int64_t time_us, uint64_t seq, EventPayload&& payload) {
  ZK_INVARIANT(size() < kMaxPendingEvents);
  ZK_INVARIANT(seq < next_seq_ && seq <= kMaxSeq && time_us >= base_us_);
  const uint32_t slot = store(std::move(payload));
  if (time_us - base_us_ < kWheelSpanUs) {
    wheel_insert(slot, time_us, seq);
  } else {
    heap_push(Key{static_cast<uint64_t>(time_us), (seq << kSlotBits) | slot});
  }
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
    wheel_occupied_[bucket / 64] |= uint64_t{1} << (bucket % 64);
    return;
  }
  ZK_INVARIANT(wheel_time_us_[head] == time_us);  // one lap: a bucket holds one time
  if (wheel_seq_[tail] < seq) {  // the usual case: scheduled after everything in the bucket
    wheel_next_[tail] = slot;
    tail = slot;
    return;
  }
  // An earlier sequence number (a lazily re-armed timer): walk to its place, bounded by the
  // bucket's length.
  uint32_t* link = &head;
  for (size_t steps = 0; *link != kNil && wheel_seq_[*link] < seq; link = &wheel_next_[*link], ++steps) {
    ZK_INVARIANT(steps < wheel_count_);
  }
  wheel_next_[slot] = *link;
  *link = slot;
}

size_t EventQueue::first_wheel_bucket() const {
  const size_t words = wheel_occupied_.size();
  const size_t start = static_cast<size_t>(static_cast<uint64_t>(base_us_) & kWheelMask);
  size_t word = start / 64;
  uint64_t bits = wheel_occupied_[word] & (~uint64_t{0} << (start % 64));
  for (size_t scanned = 0; bits == 0; ++scanned) {
    ZK_INVARIANT(scanned <= words);  // wheel_count_ > 0: some bucket is occupied
    word = (word + 1) % words;
    bits = wheel_occupied_[word];
    // Wrapped around to the start word: only the buckets before `start` are left in it.
    if (word == start / 64) bits &= ~(~uint64_t{0} << (start % 64));
  }
  return word * 64 + static_cast<size_t>(std::countr_zero(bits));
}

int64_t EventQueue::top_time_us() const {
  ZK_INVARIANT(!empty());
  if (wheel_count_ == 0) return static_cast<int64_t>(heap_.front().time_us);
  const int64_t wheel_us = wheel_time_us_[wheel_head_[first_wheel_bucket()]];
  return heap_.empty() ? wheel_us : std::min(wheel_us, static_cast<int64_t>(heap_.front().time_us));
}

EventQueue::Popped EventQueue::pop_key() {
  ZK_INVARIANT(!empty());
  bool from_wheel = wheel_count_ > 0;
  size_t bucket = 0;
  if (from_wheel) {
    bucket = first_wheel_bucket();
    if (!heap_.empty()) {
      const uint32_t slot = wheel_head_[bucket];
      const Key wheel_key{static_cast<uint64_t>(wheel_time_us_[slot]), (wheel_seq_[slot] << kSlotBits) | slot};
      from_wheel = earlier(wheel_key, heap_.front());
    }
  }
  Popped popped;
  if (from_wheel) {
    const uint32_t slot = wheel_head_[bucket];
    popped = Popped{wheel_time_us_[slot], wheel_seq_[slot], slot};
    wheel_head_[bucket] = wheel_next_[slot];
    if (wheel_head_[bucket] == kNil) {
      wheel_tail_[bucket] = kNil;
      wheel_occupied_[bucket / 64] &= ~(uint64_t{1} << (bucket % 64));
    }
    --wheel_count_;
  } else {
    const Key top = heap_.front();
    heap_pop();
    popped = Popped{static_cast<int64_t>(top.time_us), top.seq(), top.slot()};
  }
  ZK_INVARIANT(popped.time_us >= base_us_);
  base_us_ = popped.time_us;
  return popped;
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
