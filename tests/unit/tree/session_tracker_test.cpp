// SessionTracker: ExpiryQueue buckets rounded to tickTime, touches, expiry order, a new
// leader's fresh tracking, timeout negotiation and session id generation.
#include "core/session_tracker.h"

#include <doctest/doctest.h>

#include <map>
#include <vector>

using namespace zk;

TEST_CASE("a touch puts the session in the next tick bucket after t + T") {
  CHECK(expiry_bucket_ms(6000, 2000) == 8000);
  CHECK(expiry_bucket_ms(7999, 2000) == 8000);
  CHECK(expiry_bucket_ms(8000, 2000) == 10000);
  SessionTracker tracker(2000);
  tracker.add_session(0x11, 6000, 0);
  CHECK(tracker.expiry_ms(0x11) == 8000);
  CHECK(tracker.touch(0x11, 1500));
  CHECK(tracker.expiry_ms(0x11) == 8000);
  CHECK(tracker.touch(0x11, 2500));
  CHECK(tracker.expiry_ms(0x11) == 10000);
  CHECK(tracker.next_expiry_ms() == 10000);
  CHECK(tracker.expire_due(9999).empty());
  CHECK(tracker.expire_due(10000) == std::vector<SessionId>{0x11});
  CHECK(tracker.is_closing(0x11));
  CHECK_FALSE(tracker.touch(0x11, 10001));  // closing sessions are not revived
  CHECK_FALSE(tracker.next_expiry_ms().has_value());
  tracker.remove_session(0x11);
  CHECK_FALSE(tracker.is_tracked(0x11));
  CHECK_FALSE(tracker.touch(0x11, 10002));
}

TEST_CASE("expire_due returns every due bucket, sessions sorted") {
  SessionTracker tracker(2000);
  tracker.add_session(0x30, 4000, 0);     // bucket 6000
  tracker.add_session(0x10, 4000, 1000);  // bucket 6000
  tracker.add_session(0x20, 4000, 2500);  // bucket 8000
  tracker.add_session(0x40, 40000, 0);    // bucket 42000
  tracker.mark_closing(0x40);
  CHECK(tracker.is_closing(0x40));
  CHECK(tracker.next_expiry_ms() == 6000);
  CHECK(tracker.expire_due(8000) == std::vector<SessionId>{0x10, 0x20, 0x30});
  CHECK(tracker.next_expiry_ms() == 42000);
}

TEST_CASE("a session touched away from a bucket and back is in it once, and dump's buckets are exact") {
  using Buckets = std::map<int64_t, std::vector<SessionId>>;
  SessionTracker tracker(2000);
  tracker.add_session(0x2, 4000, 0);     // bucket 6000
  tracker.add_session(0x1, 4000, 0);     // bucket 6000
  tracker.add_session(0x3, 10000, 0);    // bucket 12000
  CHECK(tracker.buckets() == Buckets{{6000, {0x1, 0x2}}, {12000, {0x3}}});
  CHECK(tracker.touch(0x1, 2000));       // 0x1 -> 8000; 0x2 keeps 6000 alive
  CHECK(tracker.buckets() == Buckets{{6000, {0x2}}, {8000, {0x1}}, {12000, {0x3}}});
  tracker.remove_session(0x2);           // 6000 is empty: it goes
  CHECK(tracker.buckets() == Buckets{{8000, {0x1}}, {12000, {0x3}}});
  CHECK(tracker.next_expiry_ms() == 8000);
  // Back into a bucket it was listed in before (a re-added session with a shorter timeout).
  tracker.add_session(0x3, 4000, 2000);  // 12000 -> 8000
  tracker.add_session(0x3, 10000, 0);    // 8000 -> 12000
  tracker.add_session(0x3, 4000, 2000);  // 12000 -> 8000 again: listed twice in 8000
  CHECK(tracker.buckets() == Buckets{{8000, {0x1, 0x3}}});
  CHECK(tracker.expire_due(7999).empty());
  CHECK(tracker.expire_due(8000) == std::vector<SessionId>{0x1, 0x3});
  CHECK(tracker.buckets().empty());
  CHECK_FALSE(tracker.next_expiry_ms().has_value());
}

TEST_CASE("ten thousand sessions touched in turn expire together, each once") {
  SessionTracker tracker(2000);
  for (SessionId s = 1; s <= 10000; ++s) tracker.add_session(s, 6000, 0);  // bucket 8000
  for (int64_t now_ms = 2000; now_ms <= 20000; now_ms += 2000) {
    size_t touched = 0;
    for (SessionId s = 1; s <= 10000; ++s) touched += tracker.touch(s, now_ms) ? 1 : 0;
    CHECK(touched == 10000);
    CHECK(tracker.buckets().size() == 1);
    CHECK(tracker.expire_due(now_ms).empty());
  }
  const std::vector<SessionId> expired = tracker.expire_due(28000);
  REQUIRE(expired.size() == 10000);
  CHECK(expired.front() == 1);
  CHECK(expired.back() == 10000);
}

TEST_CASE("buckets fall on the host clock's tick boundaries, not virtual time's") {
  // The host has been up 1,234,500 ms at virtual time 0: host tick boundaries sit at
  // virtual ..., 1500, 3500, 5500, 7500, ... (1,234,500 mod 2000 = 500).
  SessionTracker tracker(2000, 1'234'500);
  tracker.add_session(0x11, 4000, 0);  // host deadline 1,238,500 -> host bucket 1,240,000
  CHECK(tracker.expiry_ms(0x11) == 5500);
  CHECK(tracker.touch(0x11, 1499));  // host deadline 1,239,999 -> bucket 1,240,000
  CHECK(tracker.expiry_ms(0x11) == 5500);
  CHECK(tracker.touch(0x11, 1500));  // deadline on a boundary: the next bucket
  CHECK(tracker.expiry_ms(0x11) == 7500);
  CHECK(tracker.expire_due(7499).empty());
  CHECK(tracker.expire_due(7500) == std::vector<SessionId>{0x11});
  // Phase 0 is virtual time's own boundaries.
  SessionTracker aligned(2000, 4'000'000);
  aligned.add_session(0x22, 4000, 0);
  CHECK(aligned.expiry_ms(0x22) == 6000);
}

TEST_CASE("a new leader tracks every session afresh") {
  SessionTracker tracker(2000);
  tracker.track_all({{0x1, 6000}, {0x2, 10000}}, 50000);
  CHECK(tracker.expiry_ms(0x1) == 58000);
  CHECK(tracker.expiry_ms(0x2) == 62000);
  CHECK(tracker.expire_due(58000) == std::vector<SessionId>{0x1});
}

TEST_CASE("timeout negotiation clamps to 2 and 20 ticks") {
  const int64_t min_ms = default_min_session_timeout_ms(2000);
  const int64_t max_ms = default_max_session_timeout_ms(2000);
  CHECK(min_ms == 4000);
  CHECK(max_ms == 40000);
  CHECK(negotiate_timeout_ms(6000, min_ms, max_ms) == 6000);
  CHECK(negotiate_timeout_ms(1000, min_ms, max_ms) == 4000);
  CHECK(negotiate_timeout_ms(60000, min_ms, max_ms) == 40000);
}

TEST_CASE("session ids: server id in the top byte, time bits below, unsigned shift") {
  CHECK(initial_session_id(1, 1000) == 0x0100000003E80000LL);
  CHECK(initial_session_id(2, 0x7FFFFFFFFFFFLL) == 0x02FFFFFFFFFF0000LL);
  CHECK(static_cast<uint64_t>(initial_session_id(255, 0)) == 0xFF00000000000000ULL);
}
