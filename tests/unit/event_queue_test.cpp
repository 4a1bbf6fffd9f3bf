// EventQueue against a plain ordered set of (time, sequence): random near and far pushes
// (moved in or built in place), lazily re-armed timers pushed later with an earlier
// reserved sequence number, pops with and without a deadline, and a copy taken halfway
// that must then behave exactly like the original.
#include "sim/world/event_queue.h"

#include <doctest/doctest.h>

#include <optional>
#include <set>
#include <utility>

#include "sim/world/prng.h"

namespace zk::sim {
namespace {

using Reference = std::set<std::pair<int64_t, uint64_t>>;  // (time, seq)

// The payload carries the sequence number, so each pop can be matched to its push.
EventPayload tagged(uint64_t seq) { return FireTimer{1, 1, TimerKind::kElectionPoll, seq}; }

struct Driver {
  EventQueue queue;
  Reference reference;
  std::vector<std::pair<uint64_t, int64_t>> reserved;  // (seq, earliest time) not pushed yet
  int64_t now_us = 0;
  uint64_t next_seq = 0;  // what the queue hands out next (reserve_seq and emplace share it)

  // Either way the queue takes a payload: moved in with a reserved sequence number, or
  // built in place (emplace takes the next number itself).
  void push(int64_t time_us, bool in_place) {
    uint64_t seq = 0;
    if (in_place) {
      seq = next_seq++;
      queue.emplace<FireTimer>(time_us, 1, 1, TimerKind::kElectionPoll, seq);
    } else {
      seq = reserve();
      queue.push_at(time_us, seq, tagged(seq));
    }
    reference.emplace(time_us, seq);
  }
  uint64_t reserve() {
    const uint64_t seq = queue.reserve_seq();
    REQUIRE(seq == next_seq);
    ++next_seq;
    return seq;
  }
  // Returns false when the two disagree. With a deadline, pop_key_due must take the event
  // exactly when it is due by then, and leave the queue as it was otherwise.
  bool pop(std::optional<int64_t> deadline_us = std::nullopt) {
    if (reference.empty()) return queue.empty();
    const auto expected = *reference.begin();
    if (queue.top_time_us() != expected.first) return false;
    EventQueue::Popped popped;
    if (deadline_us) {
      const size_t size_before = queue.size();
      const bool due = queue.pop_key_due(*deadline_us, &popped);
      if (due != (expected.first <= *deadline_us)) return false;
      if (!due) return queue.size() == size_before && queue.top_time_us() == expected.first;
    } else {
      popped = queue.pop_key();
    }
    reference.erase(reference.begin());
    const auto* timer = std::get_if<FireTimer>(&queue.payload(popped));
    const bool same = popped.time_us == expected.first && popped.seq == expected.second && timer &&
                      timer->generation == expected.second;
    queue.release(popped);
    now_us = popped.time_us;
    return same;
  }
  void step(Prng& prng) {
    const int64_t roll = prng.uniform_int(0, 99);
    const bool in_place = prng.uniform_int(0, 1) == 1;
    if (roll < 40) {
      push(now_us + prng.uniform_int(0, 6000), in_place);  // a message or an fsync: the wheel
    } else if (roll < 48) {
      push(now_us + prng.uniform_int(0, 3), in_place);  // the same few microseconds: ties by sequence
    } else if (roll < 55) {
      push(now_us + prng.uniform_int(7000, 3'000'000), in_place);  // a timeout: near the edge or the heap
    } else if (roll < 60) {
      reserved.emplace_back(reserve(), now_us + prng.uniform_int(0, 9000));
    } else if (roll < 64 && !reserved.empty()) {
      // A re-armed timer queued later under its older sequence number.
      const auto [seq, at_us] = reserved.back();
      reserved.pop_back();
      const int64_t time_us = std::max(at_us, now_us) + prng.uniform_int(0, 2);
      queue.push_at(time_us, seq, tagged(seq));
      reference.emplace(time_us, seq);
    } else if (roll < 80) {
      REQUIRE(pop());
    } else {
      // run_for / run_until: take the next event only if it is due by a deadline.
      REQUIRE(pop(now_us + prng.uniform_int(0, 10'000)));
    }
    REQUIRE(queue.size() == reference.size());
  }
};

TEST_CASE("event queue: pops in (time, sequence) order across the wheel and the heap, and copies") {
  Prng prng(42);
  Driver driver;
  for (int i = 0; i < 40'000; ++i) driver.step(prng);
  Driver copy = driver;  // a checkpoint: both go on the same way
  Prng prng_copy = prng;
  for (int i = 0; i < 40'000; ++i) {
    driver.step(prng);
    copy.step(prng_copy);
  }
  while (!driver.reference.empty()) REQUIRE(driver.pop());
  while (!copy.reference.empty()) REQUIRE(copy.pop());
  CHECK(driver.queue.empty());
  CHECK(copy.queue.empty());
  CHECK(driver.now_us == copy.now_us);
  size_t pending = 0;
  driver.queue.for_each_pending([&](int64_t, const EventPayload&) { ++pending; });
  CHECK(pending == 0);
}

TEST_CASE("event queue: for_each_pending visits every event once, near and far") {
  EventQueue queue;
  for (const int64_t time_us : {5, 5, 100, 8191, 8192, 9000, 2'000'000}) {
    queue.push(time_us, tagged(0));
  }
  int64_t sum_us = 0;
  size_t count = 0;
  queue.for_each_pending([&](int64_t time_us, const EventPayload&) {
    sum_us += time_us;
    ++count;
  });
  CHECK(count == 7);
  CHECK(sum_us == 5 + 5 + 100 + 8191 + 8192 + 9000 + 2'000'000);
  CHECK(queue.top_time_us() == 5);
}

}  // namespace
}  // namespace zk::sim
