// QuorumVerifier: who is in the ensemble and what a quorum is, as ZooKeeper's
// QuorumVerifier / QuorumMaj says it — the voting members (participants), the observers
// (members that follow but never vote or count), and "more than half of the voters".
// The election (which votes count), the epoch proposal (getEpochToPropose), the epoch and
// NEWLEADER acks, commit counting and the leader's synced-quorum check all ask it instead
// of counting to N on their own. Observers follow the leader (OBSERVERINFO, INFORM) but
// never vote and never count.
#pragma once

#include <cstddef>
#include <vector>

#include "core/server_set.h"
#include "core/zxid.h"

namespace zk {

class QuorumVerifier {
 public:
  QuorumVerifier() = default;
  // Both lists: distinct ids in 1..255, no id in both; voters not empty.
  QuorumVerifier(std::vector<ServerId> voters, std::vector<ServerId> observers);
  // Servers 1..count, all voting: the ensemble a `cluster N` line describes.
  static QuorumVerifier majority_of(int count);

  bool is_voter(ServerId id) const { return voter_set_.contains(id); }
  bool is_observer(ServerId id) const { return observer_set_.contains(id); }
  // QuorumMaj.containsQuorum: more than half of the voters.
  bool is_quorum(size_t voter_count) const { return voter_count * 2 > voters_.size(); }
  // The voters among ids form a quorum (non-voters in ids do not count).
  bool contains_quorum(const ServerSet& ids) const;

  const std::vector<ServerId>& voters() const { return voters_; }        // sorted
  const std::vector<ServerId>& observers() const { return observers_; }  // sorted
  size_t voter_count() const { return voters_.size(); }
  bool operator==(const QuorumVerifier& other) const {
    return voters_ == other.voters_ && observers_ == other.observers_;
  }

 private:
  std::vector<ServerId> voters_;
  std::vector<ServerId> observers_;
  ServerSet voter_set_;
  ServerSet observer_set_;
};

}  // namespace zk
