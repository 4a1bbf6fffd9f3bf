// The deciding rule among the live voters (see election_rule.h).
#include "ui/election_rule.h"

#include <algorithm>

#include "sim/world/world.h"

namespace zk::ui {
namespace {

Vote own_vote(const RuleCandidate& candidate) {
  return Vote{.leader = candidate.id, .zxid = candidate.zxid, .peer_epoch = candidate.epoch};
}

}  // namespace

RuleOutcome decide_rule(std::vector<RuleCandidate> candidates) {
  RuleOutcome outcome;
  std::sort(candidates.begin(), candidates.end(),
            [](const RuleCandidate& a, const RuleCandidate& b) { return a.id < b.id; });
  const RuleCandidate* best = nullptr;
  for (const RuleCandidate& candidate : candidates) {
    if (best == nullptr || better(own_vote(candidate), own_vote(*best))) best = &candidate;
  }
  if (best != nullptr) outcome.winner = best->id;
  for (RuleCandidate& candidate : candidates) {
    candidate.lost_by = candidate.id == outcome.winner ? VoteDecider::kNone
                                                       : decide_between(own_vote(*best), own_vote(candidate));
  }
  outcome.candidates = std::move(candidates);
  return outcome;
}

RuleOutcome decide_rule(const sim::World& world) {
  std::vector<RuleCandidate> candidates;
  for (ServerId id = 1; id <= world.server_count(); ++id) {
    const QuorumPeer* peer = world.peer(id);
    if (peer == nullptr || peer->observer()) continue;
    candidates.push_back(RuleCandidate{.id = id,
                                       .epoch = world.slot(id).disk.durable().current_epoch,
                                       .zxid = peer->last_logged_zxid()});
  }
  return decide_rule(std::move(candidates));
}

}  // namespace zk::ui
