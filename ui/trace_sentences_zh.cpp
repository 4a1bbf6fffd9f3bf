// Chinese renderings of every TraceKind (see trace_sentences_zh.h), plus a small pattern
// table for the free-text reasons and notes. A pattern is English text with {} holes; its
// Chinese form names the holes by position ({0}, {1}, ...).
#include "ui/trace_sentences_zh.h"

#include <fmt/format.h>

#include <array>
#include <vector>

namespace zk::ui {
namespace {

struct Phrase {
  const char* english;  // with {} holes, matched left to right
  const char* chinese;  // with {0}, {1}, ... for the holes
};

constexpr std::array kPhrases = {
    Phrase{"won the election", "赢得选举"},
    Phrase{"follows S{}", "跟随 S{0}"},
    Phrase{"only {} of {} servers synced", "只有 {0}/{1} 台服务器已同步"},
    Phrase{"timed out after {} ticks waiting for {}", "等待 {1} 超时（{0} 个 tick）"},
    Phrase{"zxid counter exhausted: a new epoch is needed", "zxid 计数器用尽：需要新的 epoch"},
    Phrase{"leader S{} refused {} connection attempts", "Leader S{0} 拒绝了 {1} 次连接尝试"},
    Phrase{"leader S{} closed the connection", "Leader S{0} 关闭了连接"},
    Phrase{"leader's epoch {} is less than accepted epoch {}", "Leader 的 epoch {0} 小于已接受的 epoch {1}"},
    Phrase{"unmatched txn commit", "提交的事务与提议不匹配"},
    Phrase{"no packet from leader S{} for {} ticks", "{1} 个 tick 内没有收到 Leader S{0} 的数据包"},
    Phrase{"connection to leader S{} reset", "与 Leader S{0} 的连接被重置"},
    Phrase{"{} logged txn(s) not yet fsynced are lost", "{0} 个已写入日志但尚未 fsync 的事务丢失"},
    Phrase{"line {}: {}", "第 {0} 行：{1}"},
    Phrase{"network partition:{}", "网络分区：{0}"},
    Phrase{"network healed: every link restored", "网络已恢复：所有链路恢复连通"},
    Phrase{"S{} -> S{}: {} dropped (drop next)", "S{0} -> S{1}：{2} 被丢弃（drop next）"},
    Phrase{"client {}: connected to S{}, session {}, timeout {} ms", "客户端 {0}：已连接到 S{1}，会话 {2}，超时 {3} 毫秒"},
    Phrase{"client {}: reconnected to S{}, session {}, timeout {} ms",
           "客户端 {0}：已重新连接到 S{1}，会话 {2}，超时 {3} 毫秒"},
    Phrase{"client {}: connection to S{} lost ({})", "客户端 {0}：与 S{1} 的连接断开（{2}）"},
    Phrase{"client {}: session {} has expired (told by S{})", "客户端 {0}：会话 {1} 已过期（由 S{2} 告知）"},
    Phrase{"client {}: {} got no reply within 30s", "客户端 {0}：{1} 在 30 秒内没有收到回复"},
    Phrase{"connection reset", "连接被重置"},
    Phrase{"connection refused", "连接被拒绝"},
    Phrase{"This ZooKeeper instance is not currently serving requests", "该 ZooKeeper 实例当前不提供服务"},
};

// Matches text against an English pattern with {} holes; fills the holes' text.
bool match(std::string_view pattern, std::string_view text, std::vector<std::string>& holes) {
  holes.clear();
  std::vector<std::string_view> pieces;
  for (size_t at = 0;;) {
    const size_t hole = pattern.find("{}", at);
    pieces.push_back(pattern.substr(at, hole == std::string_view::npos ? std::string_view::npos : hole - at));
    if (hole == std::string_view::npos) break;
    at = hole + 2;
  }
  if (!text.starts_with(pieces.front())) return false;
  text.remove_prefix(pieces.front().size());
  for (size_t i = 1; i < pieces.size(); ++i) {
    const std::string_view piece = pieces[i];
    const bool last = i + 1 == pieces.size();
    size_t found = std::string_view::npos;
    if (last) {
      if (!text.ends_with(piece) || text.size() < piece.size()) return false;
      found = text.size() - piece.size();
    } else {
      found = piece.empty() ? std::string_view::npos : text.find(piece);
    }
    if (found == std::string_view::npos || found == 0) return false;  // holes are never empty
    holes.emplace_back(text.substr(0, found));
    text.remove_prefix(found + piece.size());
  }
  return text.empty();
}

std::string fill(std::string_view chinese, const std::vector<std::string>& holes) {
  std::string out;
  for (size_t i = 0; i < chinese.size(); ++i) {
    if (chinese[i] == '{' && i + 2 < chinese.size() && chinese[i + 2] == '}' && chinese[i + 1] >= '0' &&
        chinese[i + 1] <= '9') {
      const auto index = static_cast<size_t>(chinese[i + 1] - '0');
      if (index < holes.size()) out += holes[index];
      i += 2;
    } else {
      out += chinese[i];
    }
  }
  return out;
}

std::string vote_label(const Vote& vote) {
  return fmt::format("S{}（zxid {}，epoch {}）", vote.leader, zxid_hex(vote.zxid), vote.peer_epoch);
}

std::string reason(const Vote& winner, const Vote& loser, VoteDecider decider) {
  switch (decider) {
    case VoteDecider::kPeerEpoch: return fmt::format("epoch 更高 {} > {}", winner.peer_epoch, loser.peer_epoch);
    case VoteDecider::kZxid:
      return fmt::format("epoch 相同 {}，zxid 更新 {} > {}", winner.peer_epoch, zxid_hex(winner.zxid),
                         zxid_hex(loser.zxid));
    case VoteDecider::kServerId:
      return fmt::format("epoch 相同 {}，zxid 相同 {}，id 更大 {} > {}", winner.peer_epoch, zxid_hex(winner.zxid),
                         winner.leader, loser.leader);
    case VoteDecider::kNone: break;
  }
  return "投票相同";
}

// Sentence frames with Chinese text, also listed for the font (see glyph text below).
constexpr const char* kFrames[] = {
    "S{} 启动：最后记录的 zxid {}，currentEpoch {}，acceptedEpoch {}",
    "S{} 崩溃",
    "S{} 崩溃；{}",
    "S{} 暂停（相当于一次很长的 GC 停顿：什么都不处理）",
    "S{} 恢复运行",
    "S{} 进入 LOOKING：第 {} 轮，先投给自己 {}",
    "S{} 改投 S{} → S{}：{}（来自 S{}）",
    "S{} 加入 S{} 的第 {} 轮（原为第 {} 轮），投票 {}",
    "S{} 已有 {}/{} 票投给 S{}（达到法定多数）；再等 200 毫秒看有没有更好的投票",
    "S{} 停止等待：S{} 发来投给 S{} 的更好投票（{}）",
    "S{} 加入已建立的集群：{}/{} 台报告 S{} 在 epoch {} 领导 → {}",
    "S{} 200 毫秒内没有更好的投票 → {}（Leader S{}，{}/{} 票，第 {} 轮）",
    "S{} {} → {}{}{}",
    "S{}（Leader）与 {}/{} 台服务器确定新的 epoch {}",
    "S{} 接受 Leader S{} 的 epoch {}",
    "S{}（Leader）用 {} 同步 S{}：Follower 在 {}，Leader 在 {}",
    "S{} 已与 Leader S{} 同步（{}），最后的 zxid {}",
    "S{} 领导 epoch {}：{}/{} 台服务器确认了 NEWLEADER；开始为客户端服务",
    "S{} 提议 {}：{}",
    "S{} 提交 {}（{}/{} 个 ACK）",
    "S{} 把日志截断到 {}",
    "S{} 失去 Leader S{}：{}",
    "S{}（Leader）只有 {}/{} 台服务器已同步：不足法定多数",
    "S{} 创建会话 0x{:x}，zxid {}",
    "S{}（Leader）使会话 0x{:x} 过期",
    "S{} 违反不变量：{}",
    "S{}（Leader）忘记 S{} 对 {} 个未提交提议的 ACK：它重新连接并重新同步，必须再次 ACK",
    "S{} 关闭 {} 角色：等待 {} 个已记录的事务写入磁盘后再开始选举",
    "S{} 无法把日志截断到 {}：它的快照（{}）已经超过这个位置（ZooKeeper：\"Not able to truncate the log\"）；进程以退出码 {} 退出",
};

template <typename... Args>
std::string frame(size_t index, Args&&... args) {
  return fmt::format(fmt::runtime(kFrames[index]), std::forward<Args>(args)...);
}

}  // namespace

std::string translate_detail_zh(std::string_view text) {
  std::vector<std::string> holes;
  for (const Phrase& phrase : kPhrases) {
    if (match(phrase.english, text, holes)) {
      // Holes may themselves be known phrases (a lost connection's reason).
      for (std::string& hole : holes) {
        for (const Phrase& p : kPhrases) {
          if (std::string_view(p.english).find("{}") == std::string_view::npos && hole == p.english) hole = p.chinese;
        }
      }
      return fill(phrase.chinese, holes);
    }
  }
  return std::string(text);
}

std::string describe_zh(const TraceEvent& e) {
  const ServerId s = e.server;
  switch (e.kind) {
    case TraceKind::kServerStarted: return frame(0, s, zxid_hex(e.zxid), e.epoch, e.count);
    case TraceKind::kServerCrashed:
      return e.detail.empty() ? frame(1, s) : frame(2, s, translate_detail_zh(e.detail));
    case TraceKind::kServerPaused: return frame(3, s);
    case TraceKind::kServerResumed: return frame(4, s);
    case TraceKind::kElectionStarted: return frame(5, s, e.vote_new.election_epoch, vote_label(e.vote_new));
    case TraceKind::kVoteChanged:
      return frame(6, s, e.vote_old.leader, e.vote_new.leader, reason(e.vote_new, e.vote_old, e.decider), e.peer);
    case TraceKind::kRoundJoined:
      return frame(7, s, e.peer, e.vote_new.election_epoch, e.count, vote_label(e.vote_new));
    case TraceKind::kQuorumReached: return frame(8, s, e.count, e.total, e.vote_new.leader);
    case TraceKind::kFinalizeInterrupted:
      return frame(9, s, e.peer, e.vote_new.leader,
                   reason(e.vote_new, e.vote_old, decide_between(e.vote_new, e.vote_old)));
    case TraceKind::kDecided:
      if (e.detail == "joined") {
        return frame(10, s, e.count, e.total, e.vote_new.leader, e.vote_new.peer_epoch, peer_state_name(e.state_new));
      }
      return frame(11, s, peer_state_name(e.state_new), e.vote_new.leader, e.count, e.total,
                   e.vote_new.election_epoch);
    case TraceKind::kStateChanged:
      return frame(12, s, peer_state_name(e.state_old), peer_state_name(e.state_new), e.detail.empty() ? "" : "：",
                   translate_detail_zh(e.detail));
    case TraceKind::kEpochProposed: return frame(13, s, e.count, e.total, e.epoch);
    case TraceKind::kEpochAccepted: return frame(14, s, e.peer, e.epoch);
    case TraceKind::kSyncStarted: return frame(15, s, e.detail, e.peer, zxid_hex(e.zxid), zxid_hex(e.count));
    case TraceKind::kSynced: return frame(16, s, e.peer, e.detail, zxid_hex(e.zxid));
    case TraceKind::kLeaderServing: return frame(17, s, e.epoch, e.count, e.total);
    case TraceKind::kProposed: return frame(18, s, zxid_hex(e.zxid), e.detail);
    case TraceKind::kCommitted: return frame(19, s, zxid_hex(e.zxid), e.count, e.total);
    case TraceKind::kTruncated: return frame(20, s, zxid_hex(e.zxid));
    case TraceKind::kLeaderLost: return frame(21, s, e.peer, translate_detail_zh(e.detail));
    case TraceKind::kQuorumLost: return frame(22, s, e.count, e.total);
    case TraceKind::kSessionCreated: return frame(23, s, static_cast<uint64_t>(e.count), zxid_hex(e.zxid));
    case TraceKind::kSessionExpired: return frame(24, s, static_cast<uint64_t>(e.count));
    case TraceKind::kInvariantViolated: return frame(25, s, e.detail);
    case TraceKind::kAcksForgotten: return frame(26, s, e.peer, e.count);
    case TraceKind::kShutdownFlush: return frame(27, s, peer_state_name(e.state_old), e.count);
    case TraceKind::kTruncateFailed: return frame(28, s, zxid_hex(e.zxid), zxid_hex(e.count), e.total);
    case TraceKind::kNote: return translate_detail_zh(e.detail);
  }
  return "?";
}

std::string trace_sentence_zh_glyph_text() {
  std::string text;
  for (const char* f : kFrames) text += f;
  for (const Phrase& phrase : kPhrases) text += phrase.chinese;
  text += "投票相同 epoch 更高 相同 zxid 更新 id 更大（，）";
  return text;
}

}  // namespace zk::ui
