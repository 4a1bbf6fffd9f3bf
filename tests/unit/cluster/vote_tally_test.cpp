// VoteTally's running counts against ZooKeeper's definition: for every target, the number of
// counted senders whose vote votes_equal() the target, computed by a pass over the map (as
// FastLeaderElection.termPredicate does), over many random puts, replacements and clears.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>

#include "core/vote_tally.h"

using namespace zk;

namespace {

// A small deterministic generator for the test's own inputs (xorshift64).
uint64_t next(uint64_t& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

Vote random_vote(uint64_t& s) {
  Vote v;
  v.leader = static_cast<ServerId>(1 + next(s) % 4);
  v.zxid = static_cast<Zxid>(next(s) % 3);
  v.election_epoch = static_cast<int64_t>(1 + next(s) % 2);
  v.peer_epoch = static_cast<Epoch>(next(s) % 2);
  v.state = static_cast<PeerState>(next(s) % 4);
  return v;
}

int64_t by_definition(const std::map<ServerId, Vote>& votes, const Vote& target, ServerId observer) {
  int64_t n = 0;
  for (const auto& [sid, v] : votes) {
    if (sid != observer && votes_equal(v, target)) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("vote tally: counts what a pass with Vote.equals counts, voters only") {
  uint64_t s = 0x9e3779b97f4a7c15ULL;
  const ServerId observer = 7;  // put with counts=false: kept, never counted
  VoteTally tally;
  for (int step = 0; step < 20000; ++step) {
    if (next(s) % 500 == 0) {
      tally.clear();
      CHECK(tally.votes().empty());
    }
    const ServerId sender = static_cast<ServerId>(1 + next(s) % 7);
    tally.put(sender, random_vote(s), sender != observer);
    const Vote target = random_vote(s);
    REQUIRE(tally.agreeing(target) == by_definition(tally.votes(), target, observer));
  }
}

TEST_CASE("vote tally: a LOOKING target needs every field, established votes agree on leader and epoch") {
  VoteTally tally;
  const Vote looking{3, 0x100000002, 2, 1, PeerState::kLooking};
  Vote following = looking;
  following.state = PeerState::kFollowing;
  following.zxid = 0x100000001;  // differs: matters only against a LOOKING side
  Vote leading = following;
  leading.state = PeerState::kLeading;
  leading.election_epoch = 1;
  tally.put(1, looking, true);
  tally.put(2, following, true);
  tally.put(3, leading, true);
  CHECK(tally.agreeing(looking) == 1);    // only S1's LOOKING vote matches every field
  CHECK(tally.agreeing(following) == 2);  // S2 and S3 agree on (3, epoch 1); S1 differs in zxid
  tally.put(2, looking, true);            // S2 replaced: its old vote no longer counts
  CHECK(tally.agreeing(looking) == 2);
  CHECK(tally.agreeing(following) == 1);
  REQUIRE(tally.find(2) != nullptr);
  CHECK(*tally.find(2) == looking);
  CHECK(tally.find(9) == nullptr);
}
