// Chinese trace sentences: exact renderings of a few event kinds and translated reasons,
// every kind renders something other than the English sentence, and unknown free text
// passes through unchanged.
#include <doctest/doctest.h>

#include "ui/trace_sentences_zh.h"

namespace {

zk::Vote vote(zk::ServerId leader, zk::Zxid zxid, zk::Epoch epoch, int64_t round) {
  zk::Vote v;
  v.leader = leader;
  v.zxid = zxid;
  v.peer_epoch = epoch;
  v.election_epoch = round;
  return v;
}

}  // namespace

TEST_CASE("Chinese sentences for votes, decisions and state changes") {
  zk::TraceEvent changed{.server = 1, .kind = zk::TraceKind::kVoteChanged};
  changed.vote_old = vote(1, 0, 0, 1);
  changed.vote_new = vote(2, 0, 0, 1);
  changed.peer = 2;
  changed.decider = zk::VoteDecider::kServerId;
  CHECK(zk::ui::describe_zh(changed) == "S1 改投 S1 → S2：epoch 相同 0，zxid 相同 0x0，id 更大 2 > 1（来自 S2）");

  zk::TraceEvent decided{.server = 3, .kind = zk::TraceKind::kDecided};
  decided.vote_new = vote(3, 0, 0, 1);
  decided.count = 2;
  decided.total = 3;
  decided.state_new = zk::PeerState::kLeading;
  CHECK(zk::ui::describe_zh(decided) == "S3 200 毫秒内没有更好的投票 → LEADING（Leader S3，2/3 票，第 1 轮）");

  zk::TraceEvent state{.server = 2, .kind = zk::TraceKind::kStateChanged};
  state.state_old = zk::PeerState::kLooking;
  state.state_new = zk::PeerState::kFollowing;
  state.detail = "follows S3";
  CHECK(zk::ui::describe_zh(state) == "S2 LOOKING → FOLLOWING：跟随 S3");

  zk::TraceEvent lost{.server = 2, .kind = zk::TraceKind::kStateChanged};
  lost.state_old = zk::PeerState::kFollowing;
  lost.state_new = zk::PeerState::kLooking;
  lost.detail = "no packet from leader S3 for 5 ticks";
  CHECK(zk::ui::describe_zh(lost) == "S2 FOLLOWING → LOOKING：5 个 tick 内没有收到 Leader S3 的数据包");
}

TEST_CASE("Chinese notes and crash details are translated and unknown text passes through") {
  CHECK(zk::ui::describe_zh(zk::TraceEvent{.kind = zk::TraceKind::kNote, .detail = "network healed: every link restored"}) ==
        "网络已恢复：所有链路恢复连通");
  CHECK(zk::ui::translate_detail_zh("network partition: S1 S2 | S3") == "网络分区： S1 S2 | S3");
  CHECK(zk::ui::translate_detail_zh("client app: connection to S2 lost (connection reset)") ==
        "客户端 app：与 S2 的连接断开（连接被重置）");
  CHECK(zk::ui::translate_detail_zh("line 7: kill leader") == "第 7 行：kill leader");
  CHECK(zk::ui::translate_detail_zh("something new") == "something new");
  zk::TraceEvent crash{.server = 4, .kind = zk::TraceKind::kServerCrashed, .detail = "2 logged txn(s) not yet fsynced are lost"};
  CHECK(zk::ui::describe_zh(crash) == "S4 崩溃；2 个已写入日志但尚未 fsync 的事务丢失");
}

TEST_CASE("every trace kind has a Chinese sentence") {
  for (int kind = 0; kind <= static_cast<int>(zk::TraceKind::kInvariantViolated); ++kind) {
    // A translatable reason, so that a bare state change also differs from English.
    zk::TraceEvent event{.server = 1, .kind = static_cast<zk::TraceKind>(kind), .detail = "follows S2"};
    const std::string zh = zk::ui::describe_zh(event);
    CAPTURE(kind);
    CHECK(zh != zk::describe(event));
    CHECK(zh.starts_with("S1"));
  }
}

TEST_CASE("the drop-next note is translated") {
  CHECK(zk::ui::translate_detail_zh("S3 -> S1: PING dropped (drop next)") == "S3 -> S1：PING 被丢弃（drop next）");
}
