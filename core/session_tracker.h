// SessionTracker: the leader's session expiry (ZooKeeper's SessionTrackerImpl over an
// ExpiryQueue whose interval is tickTime). A touch at time t puts the session in the
// bucket (floor((t + timeout) / tick) + 1) * tick; expire_due(now) hands back every
// session whose bucket time has come, marks them closing and stops tracking them. Time is
// always an argument; the tracker never reads a clock. Times in and out are virtual; the
// buckets are rounded on the host's clock (ExpiryQueue uses Time.currentElapsedTime, that is
// System.nanoTime, which on Linux counts from the host's boot), so where the bucket
// boundaries fall depends on how long the leader's host has been up.
//
// Also here: timeout negotiation (clamp to [min, max], defaults 2 x tick and 20 x tick)
// and the first session id of a session tracker ((host_ms << 24) >>> 8 | server_id << 56),
// host_ms being the host's clock when the tracker is made.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/zxid.h"

namespace zk {

// Clamps to [min_ms, max_ms]; pass the default_* values when zoo.cfg leaves them at -1.
int64_t negotiate_timeout_ms(int64_t requested_ms, int64_t min_ms, int64_t max_ms);
int64_t default_min_session_timeout_ms(int64_t tick_ms);
int64_t default_max_session_timeout_ms(int64_t tick_ms);
SessionId initial_session_id(ServerId server_id, int64_t host_clock_ms);
// ExpiryQueue.roundToNextInterval: the bucket a deadline falls into.
int64_t expiry_bucket_ms(int64_t deadline_ms, int64_t tick_ms);

class SessionTracker {
 public:
  // host_clock_at_zero_ms: the host's clock (ms since its boot) at virtual time 0.
  explicit SessionTracker(int64_t tick_ms, int64_t host_clock_at_zero_ms = 0);

  // Starts tracking (createSession committed on the leader) and touches it at now_ms.
  void add_session(SessionId session, int64_t timeout_ms, int64_t now_ms);
  // A new leader tracks every known session afresh, counting from now_ms.
  void track_all(const std::vector<std::pair<SessionId, int64_t>>& sessions_with_timeout_ms, int64_t now_ms);
  // False when the session is unknown or closing (ZooKeeper's touchSession).
  bool touch(SessionId session, int64_t now_ms);
  void mark_closing(SessionId session);
  // closeSession applied: forget the session.
  void remove_session(SessionId session);

  // The earliest bucket time holding a session, if any.
  std::optional<int64_t> next_expiry_ms() const;
  // Sessions whose bucket time is <= now_ms, sorted; they are marked closing and leave
  // the queue.
  std::vector<SessionId> expire_due(int64_t now_ms);

  bool is_tracked(SessionId session) const { return sessions_.contains(session); }
  bool is_closing(SessionId session) const;
  std::optional<int64_t> expiry_ms(SessionId session) const;
  int64_t tick_ms() const { return tick_ms_; }
  size_t tracked_count() const { return sessions_.size(); }
  // Bucket time -> sessions expiring then, both ascending (the `dump` four-letter word;
  // built on each call).
  std::map<int64_t, std::vector<SessionId>> buckets() const;

 private:
  struct Entry {
    int64_t timeout_ms = 0;
    int64_t expiry_ms = 0;  // 0: not in any bucket
    bool closing = false;
  };

  void move_to_bucket(SessionId session, Entry* entry, int64_t expiry_ms);
  // The virtual time of the bucket a virtual deadline falls into, rounded on the host clock.
  int64_t bucket_for(int64_t deadline_ms) const;

  int64_t tick_ms_;
  int64_t host_clock_at_zero_ms_;
  // A bucket lists the sessions moved into it in touch order; a session that moved on
  // stays listed (a touch appends, it never searches) and counts as a member only while
  // its Entry's expiry_ms still names this bucket. live counts those members; the bucket
  // goes when it reaches 0. Nothing is touched into a bucket once now + timeout has passed
  // its time, so a list holds at most the touches of about one tick.
  struct Bucket {
    std::vector<SessionId> listed;
    size_t live = 0;
  };
  // Whether a listed session is a member of the bucket at time_ms.
  bool member_of(SessionId session, int64_t time_ms) const;

  // Erases a bucket, keeping its list's storage for the next bucket (a list grows to
  // about one entry per session every tick; without reuse each tick reallocates it).
  void drop_bucket(std::map<int64_t, Bucket>::iterator it);

  std::map<SessionId, Entry> sessions_;
  std::map<int64_t, Bucket> buckets_;  // bucket time -> sessions
  std::vector<std::vector<SessionId>> spare_lists_;  // at most kSpareLists, emptied
  static constexpr size_t kSpareLists = 4;
};

}  // namespace zk
