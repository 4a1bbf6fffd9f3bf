// SessionTracker: ExpiryQueue bucket arithmetic, touches, expiry and timeout negotiation.
#include "core/session_tracker.h"

#include <algorithm>

#include "core/invariant.h"

namespace zk {
namespace {

// An emptied bucket list's storage, kept for the next bucket while fewer than limit are.
void keep_as_spare(std::vector<SessionId>&& list, size_t limit, std::vector<std::vector<SessionId>>* spares) {
  if (spares->size() >= limit) return;
  list.clear();
  spares->push_back(std::move(list));
}

}  // namespace

int64_t default_min_session_timeout_ms(int64_t tick_ms) { return 2 * tick_ms; }
int64_t default_max_session_timeout_ms(int64_t tick_ms) { return 20 * tick_ms; }

int64_t negotiate_timeout_ms(int64_t requested_ms, int64_t min_ms, int64_t max_ms) {
  ZK_INVARIANT(min_ms <= max_ms);
  return std::clamp(requested_ms, min_ms, max_ms);
}

SessionId initial_session_id(ServerId server_id, int64_t host_clock_ms) {
  const uint64_t time_bits = (static_cast<uint64_t>(host_clock_ms) << 24) >> 8;
  return static_cast<SessionId>(time_bits | (static_cast<uint64_t>(server_id) << 56));
}

int64_t expiry_bucket_ms(int64_t deadline_ms, int64_t tick_ms) {
  ZK_INVARIANT(tick_ms > 0 && deadline_ms >= 0);
  return (deadline_ms / tick_ms + 1) * tick_ms;
}

SessionTracker::SessionTracker(int64_t tick_ms, int64_t host_clock_at_zero_ms)
    : tick_ms_(tick_ms), host_clock_at_zero_ms_(host_clock_at_zero_ms) {
  ZK_INVARIANT(tick_ms > 0 && host_clock_at_zero_ms >= 0);
}

int64_t SessionTracker::bucket_for(int64_t deadline_ms) const {
  return expiry_bucket_ms(deadline_ms + host_clock_at_zero_ms_, tick_ms_) - host_clock_at_zero_ms_;
}

void SessionTracker::move_to_bucket(SessionId session, Entry* entry, int64_t expiry_ms) {
  if (entry->expiry_ms == expiry_ms) return;
  if (entry->expiry_ms != 0) {
    auto it = buckets_.find(entry->expiry_ms);
    ZK_INVARIANT(it != buckets_.end() && it->second.live > 0);
    if (--it->second.live == 0) drop_bucket(it);
  }
  entry->expiry_ms = expiry_ms;
  if (expiry_ms != 0) {
    auto [it, added] = buckets_.try_emplace(expiry_ms);
    Bucket& bucket = it->second;
    if (added && !spare_lists_.empty()) {
      bucket.listed = std::move(spare_lists_.back());
      spare_lists_.pop_back();
    }
    bucket.listed.push_back(session);
    ++bucket.live;
  }
}

void SessionTracker::drop_bucket(std::map<int64_t, Bucket>::iterator it) {
  keep_as_spare(std::move(it->second.listed), kSpareLists, &spare_lists_);
  buckets_.erase(it);
}

bool SessionTracker::member_of(SessionId session, int64_t time_ms) const {
  const auto it = sessions_.find(session);
  return it != sessions_.end() && it->second.expiry_ms == time_ms;
}

void SessionTracker::add_session(SessionId session, int64_t timeout_ms, int64_t now_ms) {
  Entry& entry = sessions_[session];
  entry.timeout_ms = timeout_ms;
  entry.closing = false;
  move_to_bucket(session, &entry, bucket_for(now_ms + timeout_ms));
}

void SessionTracker::track_all(const std::vector<std::pair<SessionId, int64_t>>& sessions_with_timeout_ms,
                               int64_t now_ms) {
  for (const auto& [session, timeout_ms] : sessions_with_timeout_ms) add_session(session, timeout_ms, now_ms);
}

bool SessionTracker::touch(SessionId session, int64_t now_ms) {
  auto it = sessions_.find(session);
  if (it == sessions_.end() || it->second.closing) return false;
  move_to_bucket(session, &it->second, bucket_for(now_ms + it->second.timeout_ms));
  return true;
}

void SessionTracker::mark_closing(SessionId session) {
  auto it = sessions_.find(session);
  if (it != sessions_.end()) it->second.closing = true;
}

void SessionTracker::remove_session(SessionId session) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  move_to_bucket(session, &it->second, 0);
  sessions_.erase(it);
}

std::optional<int64_t> SessionTracker::next_expiry_ms() const {
  if (buckets_.empty()) return std::nullopt;
  return buckets_.begin()->first;
}

std::vector<SessionId> SessionTracker::expire_due(int64_t now_ms) {
  std::vector<SessionId> expired;
  while (!buckets_.empty() && buckets_.begin()->first <= now_ms) {
    const int64_t time_ms = buckets_.begin()->first;
    std::vector<SessionId> listed = std::move(buckets_.begin()->second.listed);
    buckets_.erase(buckets_.begin());
    for (const SessionId session : listed) {
      auto it = sessions_.find(session);
      // Moved on, removed, or listed twice (moved away and back): expired once, here.
      if (it == sessions_.end() || it->second.expiry_ms != time_ms) continue;
      it->second.expiry_ms = 0;
      it->second.closing = true;
      expired.push_back(session);
    }
    keep_as_spare(std::move(listed), kSpareLists, &spare_lists_);
  }
  std::sort(expired.begin(), expired.end());
  return expired;
}

std::map<int64_t, std::vector<SessionId>> SessionTracker::buckets() const {
  std::map<int64_t, std::vector<SessionId>> out;
  for (const auto& [time_ms, bucket] : buckets_) {
    std::vector<SessionId>& members = out[time_ms];
    for (const SessionId session : bucket.listed) {
      if (member_of(session, time_ms)) members.push_back(session);
    }
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    ZK_INVARIANT(members.size() == bucket.live);
  }
  return out;
}

bool SessionTracker::is_closing(SessionId session) const {
  auto it = sessions_.find(session);
  return it != sessions_.end() && it->second.closing;
}

std::optional<int64_t> SessionTracker::expiry_ms(SessionId session) const {
  auto it = sessions_.find(session);
  if (it == sessions_.end() || it->second.expiry_ms == 0) return std::nullopt;
  return it->second.expiry_ms;
}

}  // namespace zk
