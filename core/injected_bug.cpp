// Names of the injected protocol bugs (see injected_bug.h).
#include "core/injected_bug.h"

#include <cstdint>

namespace zk {

const char* injected_bug_name(InjectedBug bug) {
  switch (bug) {
    case InjectedBug::kNone: return "none";
    case InjectedBug::kAckBeforeFsync: return "ack-before-fsync";
    case InjectedBug::kCommitWithoutQuorum: return "commit-without-quorum";
    case InjectedBug::kVoteIgnoresEpoch: return "vote-ignores-epoch";
    case InjectedBug::kLeaderSkipsTrunc: return "leader-skips-trunc";
    case InjectedBug::kReadUncommitted: return "read-uncommitted";
    case InjectedBug::kAckUnproposed: return "ack-unproposed";
    case InjectedBug::kCount: break;
  }
  return "?";
}

std::optional<InjectedBug> parse_injected_bug(std::string_view name) {
  for (int i = 0; i < static_cast<int>(InjectedBug::kCount); ++i) {
    const auto bug = static_cast<InjectedBug>(i);
    if (name == injected_bug_name(bug)) return bug;
  }
  return std::nullopt;
}

}  // namespace zk
