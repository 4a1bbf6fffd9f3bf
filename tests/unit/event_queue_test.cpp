// EventQueue against a plain ordered set of (time, sequence): random near and far pushes,
// lazily re-armed timers pushed later with an earlier reserved sequence number, pops, and
// a copy taken halfway that must then behave exactly like the original.
#include "sim/event_queue.h"

#include <doctest/doctest.h>

#include <set>
#include <utility>

#include "sim/prng.h"

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

  void push(int64_t time_us) {
    const uint64_t seq = queue.reserve_seq();
    queue.push_at(time_us, seq, tagged(seq));
    reference.emplace(time_us, seq);
  }
  // Returns false when the two disagree.
  bool pop() {
    if (reference.empty()) return queue.empty();
    const auto expected = *reference.begin();
    reference.erase(reference.begin());
    if (queue.top_time_us() != expected.first) return false;
    const EventQueue::Popped popped = queue.pop_key();
    const auto* timer = std::get_if<FireTimer>(&queue.payload(popped));
    const bool same = popped.time_us == expected.first && popped.seq == expected.second && timer &&
                      timer->generation == expected.second;
    queue.release(popped);
    now_us = popped.time_us;
    return same;
  }
  void step(Prng& prng) {
    const int64_t roll = prng.uniform_int(0, 99);
    if (roll < 40) {
      push(now_us + prng.uniform_int(0, 6000));  // a message or an fsync: the wheel
    } else if (roll < 48) {
      push(now_us + prng.uniform_int(0, 3));  // the same few microseconds: ties by sequence
    } else if (roll < 55) {
      push(now_us + prng.uniform_int(7000, 3'000'000));  // a timeout: near the edge or the heap
    } else if (roll < 60) {
      reserved.emplace_back(queue.reserve_seq(), now_us + prng.uniform_int(0, 9000));
    } else if (roll < 64 && !reserved.empty()) {
      // A re-armed timer queued later under its older sequence number.
      const auto [seq, at_us] = reserved.back();
      reserved.pop_back();
      const int64_t time_us = std::max(at_us, now_us) + prng.uniform_int(0, 2);
      queue.push_at(time_us, seq, tagged(seq));
      reference.emplace(time_us, seq);
    } else {
      REQUIRE(pop());
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
