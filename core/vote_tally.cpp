// VoteTally: see vote_tally.h. A count that reaches zero is erased, so the maps hold only the
// distinct votes in the tally.
#include "core/vote_tally.h"

#include "core/invariant.h"

namespace zk {

template <typename Key>
int64_t VoteTally::lookup(const std::map<Key, int64_t>& counts, const Key& key) {
  const auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

void VoteTally::count(const Vote& vote, int delta) {
  const auto bump = [delta](auto& counts, const auto& key) {
    int64_t& n = counts[key];
    n += delta;
    ZK_INVARIANT(n >= 0);
    if (n == 0) counts.erase(key);
  };
  if (vote.state == PeerState::kLooking) {
    bump(looking_, full_key(vote));
  } else {
    bump(established_full_, full_key(vote));
    bump(established_short_, short_key(vote));
  }
}

void VoteTally::put(ServerId sender, const Vote& vote, bool counts) {
  auto [it, inserted] = votes_.try_emplace(sender, vote);
  if (!inserted) {
    if (counts) count(it->second, -1);
    it->second = vote;
  }
  if (counts) count(vote, +1);
}

void VoteTally::clear() {
  votes_.clear();
  looking_.clear();
  established_full_.clear();
  established_short_.clear();
}

int64_t VoteTally::agreeing(const Vote& target) const {
  const int64_t looking = lookup(looking_, full_key(target));
  if (target.state == PeerState::kLooking) return looking + lookup(established_full_, full_key(target));
  return looking + lookup(established_short_, short_key(target));
}

const Vote* VoteTally::find(ServerId sender) const {
  const auto it = votes_.find(sender);
  return it == votes_.end() ? nullptr : &it->second;
}

}  // namespace zk
