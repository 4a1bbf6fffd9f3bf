// InjectedBug: known protocol bugs a server can be told to have, for proving that the
// checkers and the fuzzer find real bugs (`zksim fuzz --inject-bug NAME`, `zksim run
// --inject-bug NAME`). The default, kNone, is the correct protocol; every other value is a
// deliberate defect carried in PeerConfig and tested by tests/fuzz_ci. Never on by default.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace zk {

enum class InjectedBug : uint8_t {
  kNone = 0,
  kAckBeforeFsync,        // a follower ACKs a proposal before its fsync completes
  kCommitWithoutQuorum,   // the leader commits a proposal on its own ACK alone
  kVoteIgnoresEpoch,      // FLE compares votes by zxid counter and sid only (no epochs)
  kLeaderSkipsTrunc,      // the leader sends DIFF where it should send TRUNC
  kReadUncommitted,       // a follower answers getData from a logged, uncommitted proposal
  kAckUnproposed,         // a follower also ACKs a zxid its leader never proposed (a precondition stops it)
  kCount
};

// "ack-before-fsync", ...; "none" for kNone.
const char* injected_bug_name(InjectedBug bug);
std::optional<InjectedBug> parse_injected_bug(std::string_view name);

}  // namespace zk
