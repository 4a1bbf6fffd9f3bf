// Outbox: the effects one server asks for while handling one input — messages to send,
// timers to set or cancel, trace events. The caller (sim's world) drains it after every
// input and turns each effect into future events. Core never performs an effect itself.
// A timer of a kind replaces the pending timer of the same kind.
#pragma once

#include <cstdint>
#include <utility>
#include <variant>
#include <vector>

#include "core/client_protocol.h"
#include "core/peer_message.h"
#include "core/trace_event.h"

namespace zk {

enum class TimerKind : uint8_t {
  kElectionPoll = 0,   // FLE: no notification for notTimeout -> resend, double
  kElectionFinalize,   // FLE: the 200 ms finalize wait after a quorum forms
  kLeaderTick,         // leader: every tick/2 -> ping learners, check the synced quorum
  kFollowerTimeout,    // learner: nothing from the leader for init/syncLimit ticks
  kLeaderPhaseTimeout, // leader: epoch / epoch-ack / NEWLEADER-ack waits (initLimit ticks)
  kSessionExpiry,      // leader: the next session expiry bucket
  kLearnerConnectRetry,// learner: retry FOLLOWERINFO 100 ms after a refused connect
  kLeaderBind,         // elected leader: its Leader is built and binds the quorum port
  kContainerCheck,     // leader: the ContainerManager's check interval (fixed rate)
  kContainerDelete,    // leader: the ContainerManager's pause between two deleteContainer
  kObserverElectionDelay,  // observer: LOOKING, waits 200 ms before it looks for a leader
  kCount
};
constexpr int kTimerKindCount = static_cast<int>(TimerKind::kCount);
const char* timer_kind_name(TimerKind kind);

struct SendEffect {
  ServerId to = 0;
  PeerMessage message;
};
struct SetTimerEffect {
  TimerKind kind = TimerKind::kElectionPoll;
  int64_t after_us = 0;
};
struct CancelTimerEffect {
  TimerKind kind = TimerKind::kElectionPoll;
};
struct TraceEffect {
  TraceEvent event;
};
struct ClientSendEffect {
  ConnectionId connection = 0;
  ServerToClient message;
};
// Disk: appended txns become durable only when a later fsync completes (DiskSynced input).
struct LogAppendEffect {
  std::shared_ptr<const Txn> txn;
};
struct FsyncEffect {
  Zxid token = 0;  // handed back with the completion
};
// Synchronous, durable at once (ZooKeeper blocks on these): truncation and snapshots.
struct LogTruncateEffect {
  Zxid zxid = 0;  // keep txns <= zxid
};
struct SnapshotEffect {
  std::shared_ptr<const DataTree> tree;
  Zxid zxid = 0;
};
// The epoch files (QuorumPeer.writeLongToFile: acceptedEpoch / currentEpoch), written
// synchronously and durable at once, like ZooKeeper's atomic file replace.
enum class EpochFile : uint8_t { kAcceptedEpoch, kCurrentEpoch };
const char* epoch_file_name(EpochFile file);  // "acceptedEpoch" / "currentEpoch"
struct EpochWriteEffect {
  EpochFile file = EpochFile::kAcceptedEpoch;
  Epoch epoch = 0;
};

// The process ends itself (ZooKeeper's ServiceUtils.requestSystemExit): the world stops
// it as it stops a crashed server, and it stays down until restarted. The reason is the
// trace event emitted just before.
constexpr int kExitQuorumPacketError = 13;  // ExitCode.QUORUM_PACKET_ERROR: bad packet or failed TRUNC
struct ProcessExitEffect {
  int exit_code = 0;  // ZooKeeper's ExitCode
};

using Effect = std::variant<SendEffect, SetTimerEffect, CancelTimerEffect, TraceEffect, ClientSendEffect,
                            LogAppendEffect, FsyncEffect, LogTruncateEffect, SnapshotEffect, EpochWriteEffect,
                            ProcessExitEffect>;

class Outbox {
 public:
  Outbox(ServerId self, int64_t now_us) : self_(self), now_us_(now_us), effects_(&own_effects_) {}
  // Collects into the caller's buffer (cleared first), which keeps its storage from one
  // input to the next: the world drains it in place after each input.
  Outbox(ServerId self, int64_t now_us, std::vector<Effect>& buffer)
      : self_(self), now_us_(now_us), effects_(&buffer) {
    effects_->clear();
  }
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Effects are built in place in the buffer (no temporaries of the 200-byte variant). The
  // effects are aggregates: built from their fields where the compiler has C++20's
  // parenthesized aggregate init (GCC), from a braced temporary of the effect alone where it
  // has not (clang 14, which builds the libFuzzer targets).
  void send(ServerId to, PeerMessage&& message) { emplace<SendEffect>(to, std::move(message)); }
  void set_timer(TimerKind kind, int64_t after_us) { emplace<SetTimerEffect>(kind, after_us); }
  void cancel_timer(TimerKind kind) { emplace<CancelTimerEffect>(kind); }
  // Stamps the server id; the world stamps the time.
  void trace(TraceEvent&& event) {
    event.server = self_;
    emplace<TraceEffect>(std::move(event));
  }
  void trace(const TraceEvent& event) { trace(TraceEvent(event)); }
  template <typename EffectType, typename... Fields>
  void emplace(Fields&&... fields) {
#if defined(__cpp_aggregate_paren_init)
    effects_->emplace_back(std::in_place_type<EffectType>, std::forward<Fields>(fields)...);
#else
    effects_->emplace_back(std::in_place_type<EffectType>, EffectType{std::forward<Fields>(fields)...});
#endif
  }
  template <typename EffectType>
  void push(EffectType&& effect) {
    effects_->emplace_back(std::in_place_type<std::decay_t<EffectType>>, std::forward<EffectType>(effect));
  }

  const std::vector<Effect>& effects() const { return *effects_; }
  std::vector<Effect>& mutable_effects() { return *effects_; }
  ServerId self() const { return self_; }
  // The virtual time of the input being handled (core has no clock of its own).
  int64_t now_us() const { return now_us_; }
  int64_t now_ms() const { return now_us_ / 1000; }

 private:
  ServerId self_;
  int64_t now_us_;
  std::vector<Effect> own_effects_;  // used when no buffer is given
  std::vector<Effect>* effects_;
};

}  // namespace zk
