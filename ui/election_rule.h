// The seed's three election rules applied to the servers that can vote now, for the
// lesson's "who will win?" (no ImGui, tested exactly): each live voter proposes itself
// with its currentEpoch and last logged zxid; ZooKeeper's totalOrderPredicate picks the
// best — (1) the larger epoch, (2) with equal epochs the larger zxid, (3) with equal zxids
// the larger server id — and for every other candidate the rule that put it out.
#pragma once

#include <vector>

#include "core/vote.h"

namespace zk::sim {
class World;
}

namespace zk::ui {

struct RuleCandidate {
  ServerId id = 0;
  Epoch epoch = 0;
  Zxid zxid = 0;
  VoteDecider lost_by = VoteDecider::kNone;  // the rule that decided against it (kNone: the winner)
  bool operator==(const RuleCandidate&) const = default;
};

struct RuleOutcome {
  ServerId winner = 0;                    // 0 when there are no candidates
  std::vector<RuleCandidate> candidates;  // ascending id
  bool operator==(const RuleOutcome&) const = default;
};

// The outcome among the given candidates (their lost_by is filled in).
RuleOutcome decide_rule(std::vector<RuleCandidate> candidates);
// The live voting servers of the world as candidates, and the outcome.
RuleOutcome decide_rule(const sim::World& world);

}  // namespace zk::ui
