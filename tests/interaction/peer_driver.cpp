// PeerDriver: text commands in, one QuorumPeer's effects out (see peer_driver.h).
#include "tests/interaction/peer_driver.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "core/message_format.h"
#include "core/session_password.h"
#include "sim/text/duration.h"

namespace zk::interaction {
namespace {

struct CommandError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& message) { throw CommandError(message); }

int64_t parse_int(const std::string& text, const std::string& what) {
  try {
    size_t used = 0;
    const long long value = std::stoll(text, &used, 0);
    if (used != text.size()) fail(fmt::format("{}: '{}' is not a number", what, text));
    return value;
  } catch (const std::logic_error&) {
    fail(fmt::format("{}: '{}' is not a number", what, text));
  }
}

int64_t parse_duration(const std::string& text) {
  const sim::DurationResult result = sim::parse_duration_us(text);
  if (!result.ok()) fail(result.error);
  return result.duration_us;
}

template <typename Enum, size_t N>
Enum parse_name(const std::string& text, const Enum (&values)[N], const char* (*name)(Enum), const char* what) {
  for (Enum value : values) {
    if (text == name(value)) return value;
  }
  fail(fmt::format("unknown {} '{}'", what, text));
}

PeerState parse_state(const std::string& text) {
  static constexpr PeerState kStates[] = {PeerState::kLooking, PeerState::kFollowing, PeerState::kLeading,
                                          PeerState::kObserving};
  return parse_name(text, kStates, peer_state_name, "state");
}

TimerKind parse_timer(const std::string& text) {
  static constexpr TimerKind kTimers[] = {TimerKind::kElectionPoll,      TimerKind::kElectionFinalize,
                                          TimerKind::kLeaderTick,        TimerKind::kFollowerTimeout,
                                          TimerKind::kLeaderPhaseTimeout, TimerKind::kSessionExpiry,
                                          TimerKind::kLearnerConnectRetry, TimerKind::kLeaderBind,
                                          TimerKind::kContainerCheck,    TimerKind::kContainerDelete,
                                          TimerKind::kObserverElectionDelay};
  return parse_name(text, kTimers, timer_kind_name, "timer");
}

PacketType parse_packet_type(const std::string& text) {
  static constexpr PacketType kTypes[] = {
      PacketType::kRequest,  PacketType::kProposal,    PacketType::kAck,        PacketType::kCommit,
      PacketType::kPing,     PacketType::kRevalidate,  PacketType::kSync,       PacketType::kNewLeader,
      PacketType::kFollowerInfo, PacketType::kUpToDate, PacketType::kDiff,      PacketType::kTrunc,
      PacketType::kSnap,     PacketType::kLeaderInfo,  PacketType::kAckEpoch,   PacketType::kConnectRefused,
      PacketType::kClose,    PacketType::kInform,      PacketType::kObserverInfo};
  return parse_name(text, kTypes, packet_type_name, "packet type");
}

const std::string& required(const std::map<std::string, std::string>& args, const std::string& key) {
  const auto it = args.find(key);
  if (it == args.end()) fail(fmt::format("missing {}=", key));
  return it->second;
}

int64_t int_or(const std::map<std::string, std::string>& args, const std::string& key, int64_t fallback) {
  const auto it = args.find(key);
  return it == args.end() ? fallback : parse_int(it->second, key);
}

// The txns of a disk log: "0x100000001-0x100000003,0x200000001" -> create /e1-1, ...
std::vector<Zxid> parse_zxid_list(const std::string& text) {
  std::vector<Zxid> zxids;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const size_t dash = item.find('-');
    const Zxid first = parse_int(item.substr(0, dash), "log");
    const Zxid last = dash == std::string::npos ? first : parse_int(item.substr(dash + 1), "log");
    if (last < first || zxid_epoch(first) != zxid_epoch(last)) fail(fmt::format("log: bad range '{}'", item));
    for (Zxid z = first; z <= last; ++z) zxids.push_back(z);
  }
  for (size_t i = 1; i < zxids.size(); ++i) {
    if (zxids[i] <= zxids[i - 1]) fail("log: zxids must increase");
  }
  return zxids;
}

std::shared_ptr<const Txn> log_txn_at(Zxid zxid) {
  Txn txn;
  txn.header.zxid = zxid;
  txn.header.type = OpCode::kCreate;
  txn.body = CreateTxn{fmt::format("/e{}-{}", zxid_epoch(zxid), zxid_counter(zxid)), "", 0, -1};
  return std::make_shared<const Txn>(std::move(txn));
}

// "create /a [data] [ephemeral|container]" (ttl=MS: a TTL node; acl=TEXT: zkCli's ACL text),
// "set /a data", "delete /a", "get /a [watch]", "exists /a", "ls /a", "sync /a", "setacl /a"
// (acl=TEXT, version=V), "getacl /a", "whoami", "close-session", "create-session TIMEOUT_MS".
AclList acl_arg(const std::map<std::string, std::string>& args) {
  const auto it = args.find("acl");
  if (it == args.end()) return open_acl_unsafe();
  AclList acl;
  std::string error;
  if (!parse_acl_text(it->second, &acl, &error)) fail(error);
  return acl;
}

Request parse_request(const std::vector<std::string>& words, const std::map<std::string, std::string>& args) {
  if (words.empty()) fail("missing the request");
  const std::string& op = words[0];
  auto path = [&]() -> const std::string& {
    if (words.size() < 2) fail(fmt::format("{}: missing the path", op));
    return words[1];
  };
  const bool watch = words.size() > 2 && words.back() == "watch";
  const int32_t version = static_cast<int32_t>(int_or(args, "version", -1));
  if (op == "create") {
    const bool has_mode = words.back() == "ephemeral" || words.back() == "container";
    CreateRequest create{path(), words.size() > (has_mode ? 3u : 2u) ? words[2] : "", CreateMode::kPersistent};
    if (words.back() == "ephemeral") create.mode = CreateMode::kEphemeral;
    if (words.back() == "container") create.mode = CreateMode::kContainer;
    if (args.contains("ttl")) {
      create.mode = CreateMode::kPersistentWithTtl;
      create.ttl_ms = int_or(args, "ttl", 0);
    }
    create.acl = acl_arg(args);
    return create;
  }
  if (op == "setacl") return SetAclRequest{path(), acl_arg(args), version};
  if (op == "getacl") return GetAclRequest{path()};
  if (op == "whoami") return WhoAmIRequest{};
  if (op == "set") return SetDataRequest{path(), words.size() > 2 ? words[2] : "", version};
  if (op == "delete") return DeleteRequest{path(), version};
  if (op == "get") return GetDataRequest{path(), watch};
  if (op == "exists") return ExistsRequest{path(), watch};
  if (op == "ls") return GetChildrenRequest{path(), watch};
  if (op == "sync") return SyncRequest{path()};
  if (op == "close-session") return CloseSessionRequest{};
  if (op == "create-session") return CreateSessionRequest{words.size() > 1 ? parse_int(words[1], "timeout") : 4000};
  fail(fmt::format("unknown request '{}'", op));
}

// A PROPOSAL's txn: "create /a [data]", "set /a data", "delete /a", "create-session TIMEOUT_MS",
// "close-session"; the header's session from session=.
std::shared_ptr<const Txn> parse_txn(const std::vector<std::string>& words, Zxid zxid,
                                     const std::map<std::string, std::string>& args) {
  Txn txn;
  txn.header.zxid = zxid;
  txn.header.session_id = int_or(args, "session", 0);
  txn.header.cxid = static_cast<int32_t>(int_or(args, "cxid", 0));
  if (words.empty()) return log_txn_at(zxid);
  const std::string& op = words[0];
  const std::string path = words.size() > 1 ? words[1] : "";
  const std::string data = words.size() > 2 ? words[2] : "";
  if (op == "create") {
    txn.header.type = OpCode::kCreate;
    txn.body = CreateTxn{path, data, 0, -1, acl_arg(args)};
  } else if (op == "set") {
    txn.header.type = OpCode::kSetData;
    txn.body = SetDataTxn{path, data, static_cast<int32_t>(int_or(args, "version", 1))};
  } else if (op == "delete") {
    txn.header.type = OpCode::kDelete;
    txn.body = DeleteTxn{path};
  } else if (op == "setacl") {
    txn.header.type = OpCode::kSetAcl;
    txn.body = SetAclTxn{path, acl_arg(args), static_cast<int32_t>(int_or(args, "version", 1))};
  } else if (op == "create-session") {
    txn.header.type = OpCode::kCreateSession;
    txn.body = CreateSessionTxn{words.size() > 1 ? parse_int(words[1], "timeout") : 4000};
  } else if (op == "close-session") {
    txn.header.type = OpCode::kCloseSession;
    txn.body = CloseSessionTxn{};
  } else {
    fail(fmt::format("unknown txn '{}'", op));
  }
  return std::make_shared<const Txn>(std::move(txn));
}

std::string render(const Effect& effect) {
  return std::visit([](const auto& e) -> std::string {
    using T = std::decay_t<decltype(e)>;
    if constexpr (std::is_same_v<T, TraceEffect>) {
      return "trace " + describe(e.event);
    } else if constexpr (std::is_same_v<T, SendEffect>) {
      return fmt::format("send S{} {}: {}", e.to, message_kind_name(e.message), describe_peer_message(e.message));
    } else if constexpr (std::is_same_v<T, SetTimerEffect>) {
      return fmt::format("timer {} {}", timer_kind_name(e.kind), sim::format_duration(e.after_us));
    } else if constexpr (std::is_same_v<T, CancelTimerEffect>) {
      return fmt::format("cancel {}", timer_kind_name(e.kind));
    } else if constexpr (std::is_same_v<T, ClientSendEffect>) {
      std::string text = fmt::format("client {} {}", e.connection, client_message_kind(e.message));
      const std::string fields = describe_client_message(e.message);
      if (!fields.empty()) text += ": " + fields;
      if (const auto* closed = std::get_if<ConnectionClosed>(&e.message)) text += ": " + closed->reason;
      return text;
    } else if constexpr (std::is_same_v<T, LogAppendEffect>) {
      return fmt::format("disk append {}: {}", zxid_hex(e.txn->header.zxid), describe(*e.txn));
    } else if constexpr (std::is_same_v<T, FsyncEffect>) {
      return fmt::format("disk fsync {}", zxid_hex(e.token));
    } else if constexpr (std::is_same_v<T, LogTruncateEffect>) {
      return fmt::format("disk truncate after {}", zxid_hex(e.zxid));
    } else if constexpr (std::is_same_v<T, ProcessExitEffect>) {
      return fmt::format("exit {}", e.exit_code);
    } else if constexpr (std::is_same_v<T, EpochWriteEffect>) {
      return fmt::format("disk write {} {}", epoch_file_name(e.file), e.epoch);
    } else {
      static_assert(std::is_same_v<T, SnapshotEffect>);
      return fmt::format("disk snapshot at {}: {} znodes", zxid_hex(e.zxid), e.tree->node_count());
    }
  }, effect);
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

}  // namespace

std::vector<std::string> PeerDriver::run(const std::string& command) {
  std::vector<std::string> words = split_words(command);
  if (words.empty()) return {};
  const std::string verb = words[0];
  Args args;
  std::vector<std::string> rest;  // positional words after the verb
  for (size_t i = 1; i < words.size(); ++i) {
    const size_t eq = words[i].find('=');
    if (eq != std::string::npos && eq > 0) {
      args[words[i].substr(0, eq)] = words[i].substr(eq + 1);
    } else {
      rest.push_back(words[i]);
    }
  }
  try {
    if (verb == "start") return start(args);
    if (!peer_) fail("no server: the first command must be start");
    if (verb == "deliver" && rest.size() == 1 && rest[0] == "self" && args.empty()) return deliver_self();
    if (verb == "deliver") return deliver(args, rest);
    if (verb == "fire" && rest.size() == 1) return fire(rest[0]);
    if (verb == "advance" && rest.size() == 1) return advance(rest[0]);
    if (verb == "fsync-done" && rest.empty()) return fsync_done();
    if ((verb == "connect" || verb == "disconnect") && rest.empty()) {
      const auto from = static_cast<ServerId>(parse_int(required(args, "peer"), "peer"));
      Outbox out(peer_->id(), now_us_);
      if (verb == "connect") {
        peer_->on_peer_connected(from, out);
      } else {
        peer_->on_peer_disconnected(from, out);
      }
      return drain(out);
    }
    if (verb == "client") return client(args, rest);
    if (verb == "status" && rest.empty()) return status();
    fail(fmt::format("unknown command '{}'", command));
  } catch (const CommandError& error) {
    return {std::string("error: ") + error.what()};
  } catch (const InvariantFailure& failure) {
    // The server stopped on one of its own checks (the world stops the run there). The
    // line number is left out so that an edit above the check does not change the text.
    peer_.reset();
    return {fmt::format("invariant violated in {}: {}", failure.file(), failure.condition())};
  }
  return {};
}

std::vector<std::string> PeerDriver::start(const Args& args) {
  // A new server: whatever the previous one left (timers, fsyncs, clock) is forgotten.
  peer_.reset();
  now_us_ = 0;
  timers_due_us_.clear();
  fsyncs_.clear();
  to_self_.clear();
  next_cxid_.clear();
  PeerConfig config;
  config.my_id = static_cast<ServerId>(parse_int(required(args, "id"), "id"));
  const int64_t servers = parse_int(required(args, "servers"), "servers");
  if (servers < 1 || servers > 99 || config.my_id < 1 || config.my_id > servers) fail("start: bad id or servers");
  // observers=ID[,ID]: those servers observe; the rest vote.
  std::vector<ServerId> voters;
  std::vector<ServerId> observers;
  if (args.contains("observers")) {
    for (Zxid id : parse_zxid_list(args.at("observers"))) observers.push_back(static_cast<ServerId>(id));
  }
  for (ServerId id = 1; id <= servers; ++id) {
    if (std::find(observers.begin(), observers.end(), id) == observers.end()) voters.push_back(id);
  }
  if (voters.empty()) fail("start: every server is an observer");
  config.quorum = QuorumVerifier(std::move(voters), std::move(observers));
  if (args.contains("observer-delay")) config.observer_election_delay_us = parse_duration(args.at("observer-delay"));
  if (args.contains("tick")) config.tick_us = parse_duration(args.at("tick"));
  // host-clock=DUR: the host's clock at time 0 (where session-expiry buckets fall; session ids).
  if (args.contains("host-clock")) config.host_clock_at_zero_ms = parse_duration(args.at("host-clock")) / 1000;
  config.init_limit = static_cast<int>(int_or(args, "init-limit", config.init_limit));
  config.sync_limit = static_cast<int>(int_or(args, "sync-limit", config.sync_limit));
  config.commit_log_count = static_cast<size_t>(int_or(args, "commit-log", static_cast<int64_t>(config.commit_log_count)));
  config.incarnation = static_cast<uint64_t>(int_or(args, "incarnation", 0));
  // A decided leader leads at once unless the file asks for the time its Leader takes to
  // bind the quorum port (zksim's default is PeerConfig's; the files test one thing at a time).
  config.leader_bind_delay_us = args.contains("leader-bind") ? parse_duration(args.at("leader-bind")) : 0;
  if (args.contains("container-check")) config.containers.check_interval_ms = parse_duration(args.at("container-check")) / 1000;
  config.containers.max_per_minute = int_or(args, "container-max-per-minute", config.containers.max_per_minute);
  if (args.contains("container-max-never-used")) {
    config.containers.max_never_used_interval_ms = parse_duration(args.at("container-max-never-used")) / 1000;
  }
  config.containers.extended_types_enabled = args.contains("extended-types") && args.at("extended-types") == "on";

  PersistentState disk;
  disk.current_epoch = int_or(args, "current-epoch", 0);
  disk.accepted_epoch = int_or(args, "accepted-epoch", disk.current_epoch);
  if (disk.accepted_epoch < disk.current_epoch) fail("start: accepted-epoch below current-epoch");
  const Zxid snapshot_zxid = int_or(args, "snapshot", 0);
  if (args.contains("log")) {
    DataTree snapshot;
    bool in_snapshot = false;
    for (Zxid zxid : parse_zxid_list(args.at("log"))) {
      auto txn = log_txn_at(zxid);
      if (zxid <= snapshot_zxid) {
        snapshot.apply(*txn);
        in_snapshot = true;
      } else {
        disk.log.push_back(txn);
      }
    }
    if (in_snapshot) {
      disk.snapshot = std::make_shared<const DataTree>(std::move(snapshot));
      disk.snapshot_zxid = snapshot_zxid;
    }
  }
  if (args.contains("at")) now_us_ = parse_duration(args.at("at"));
  peer_ = std::make_unique<QuorumPeer>(config, disk);
  Outbox out(peer_->id(), now_us_);
  peer_->start(out);
  return drain(out);
}

uint64_t PeerDriver::default_connection(ServerId from, PacketType type) const {
  if (const auto& learner = peer_->learner_state(); learner && learner->leader == from) return learner->connection;
  if (const auto& leader = peer_->leader_state(); leader && !is_learner_info(type)) {
    const auto it = leader->handlers.find(from);
    if (it != leader->handlers.end()) return it->second.connection;
  }
  return (static_cast<uint64_t>(from) << 48) | 1;  // a learner's first connection
}

std::vector<std::string> PeerDriver::deliver(const Args& args, const std::vector<std::string>& words) {
  const auto from = static_cast<ServerId>(parse_int(required(args, "from"), "from"));
  if (words.empty()) fail("deliver: say what: notification, FOLLOWERINFO, ACK, ... or self");
  PeerMessage message;
  if (words[0] == "notification") {
    Notification n;
    n.sender = from;
    n.vote.leader = static_cast<ServerId>(parse_int(required(args, "leader"), "leader"));
    n.vote.zxid = int_or(args, "zxid", 0);
    n.vote.election_epoch = parse_int(required(args, "round"), "round");
    n.vote.peer_epoch = int_or(args, "peer-epoch", 0);
    n.vote.state = parse_state(args.contains("state") ? args.at("state") : "LOOKING");
    message = n;
  } else {
    QuorumPacket packet;
    packet.type = parse_packet_type(words[0]);
    packet.connection = args.contains("conn") ? static_cast<uint64_t>(parse_int(args.at("conn"), "conn"))
                                              : default_connection(from, packet.type);
    packet.zxid = int_or(args, "zxid", 0);
    packet.value = int_or(args, "value", 0);
    const std::vector<std::string> body(words.begin() + 1, words.end());
    if (packet.type == PacketType::kProposal || packet.type == PacketType::kInform) packet.txn = parse_txn(body, packet.zxid, args);
    if (packet.type == PacketType::kSnap) {
      packet.snapshot = std::make_shared<const SnapshotPayload>(SnapshotPayload{DataTree(), packet.zxid});
    }
    if (packet.type == PacketType::kRequest) {
      packet.request = std::make_shared<const ForwardedRequest>(ForwardedRequest{
          int_or(args, "session", 0), static_cast<int32_t>(int_or(args, "cxid", 0)), parse_request(body, args)});
    }
    if (args.contains("sessions")) {
      std::istringstream in(args.at("sessions"));
      std::string item;
      while (std::getline(in, item, ',')) packet.sessions.emplace_back(parse_int(item, "sessions"), 0);
    }
    message = std::move(packet);
  }
  Outbox out(peer_->id(), now_us_);
  peer_->on_message(from, message, out);
  return drain(out);
}

std::vector<std::string> PeerDriver::deliver_self() {
  if (to_self_.empty()) fail("deliver self: the server sent itself nothing");
  std::vector<std::string> lines;
  while (!to_self_.empty()) {
    const Notification n = to_self_.front();
    to_self_.pop_front();
    Outbox out(peer_->id(), now_us_);
    peer_->on_message(peer_->id(), n, out);
    for (std::string& line : drain(out)) lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> PeerDriver::fire(const std::string& timer) {
  const TimerKind kind = parse_timer(timer);
  const auto it = timers_due_us_.find(kind);
  if (it == timers_due_us_.end()) fail(fmt::format("no {} timer is set", timer));
  now_us_ = std::max(now_us_, it->second);
  timers_due_us_.erase(it);
  Outbox out(peer_->id(), now_us_);
  peer_->on_timer(kind, out);
  return drain(out);
}

std::vector<std::string> PeerDriver::advance(const std::string& duration) {
  now_us_ += parse_duration(duration);
  std::vector<std::string> lines{fmt::format("now {}", sim::format_duration(now_us_))};
  for (const auto& [kind, due_us] : timers_due_us_) {
    if (due_us <= now_us_) lines.push_back(fmt::format("(the {} timer is due; fire it to run it)", timer_kind_name(kind)));
  }
  return lines;
}

std::vector<std::string> PeerDriver::fsync_done() {
  if (fsyncs_.empty()) fail("no fsync in flight");
  const Zxid token = fsyncs_.front();
  fsyncs_.pop_front();
  Outbox out(peer_->id(), now_us_);
  peer_->on_disk_synced(token, out);
  return drain(out);
}

std::vector<std::string> PeerDriver::client(const Args& args, const std::vector<std::string>& words) {
  const auto connection = static_cast<ConnectionId>(parse_int(required(args, "conn"), "conn"));
  if (words.empty()) fail("client: say what: connect, ping, disconnect, or a request");
  ClientToServer message;
  if (words[0] == "connect") {
    ConnectRequest connect;
    connect.session_id = int_or(args, "session", 0);
    connect.timeout_ms = int_or(args, "timeout", 4000);
    connect.last_zxid_seen = int_or(args, "last-zxid", 0);
    // A client reconnecting presents its session's password (ZooKeeperServer.generatePasswd).
    if (connect.session_id != 0) connect.password = session_password(connect.session_id);
    message = std::move(connect);
  } else if (words[0] == "ping") {
    message = PingRequest{};
  } else if (words[0] == "disconnect") {
    message = Disconnect{};
  } else if (words[0] == "auth") {
    if (words.size() != 3) fail("client auth: SCHEME DATA");
    message = AuthPacket{words[1], words[2]};
  } else {
    message = RequestMessage{++next_cxid_[connection], parse_request(words, args)};
  }
  Outbox out(peer_->id(), now_us_);
  peer_->on_client_message(connection, message, out);
  return drain(out);
}

std::vector<std::string> PeerDriver::drain(Outbox& out) {
  std::vector<std::string> lines;
  for (const Effect& effect : out.effects()) {
    if (const auto* timer = std::get_if<SetTimerEffect>(&effect)) timers_due_us_[timer->kind] = now_us_ + timer->after_us;
    if (const auto* cancel = std::get_if<CancelTimerEffect>(&effect)) timers_due_us_.erase(cancel->kind);
    if (const auto* fsync = std::get_if<FsyncEffect>(&effect)) fsyncs_.push_back(fsync->token);
    if (const auto* send = std::get_if<SendEffect>(&effect); send && send->to == peer_->id()) {
      if (const auto* n = std::get_if<Notification>(&send->message)) to_self_.push_back(*n);
    }
    lines.push_back(render(effect));
  }
  return lines;
}

std::vector<std::string> PeerDriver::status() const {
  const QuorumPeer& p = *peer_;
  std::vector<std::string> lines;
  lines.push_back(fmt::format("now {}: S{} {} in {}{}", sim::format_duration(now_us_), p.id(), peer_state_name(p.state()),
                              zab_phase_name(p.phase()), p.serving() ? ", serving" : ""));
  lines.push_back(fmt::format("disk: acceptedEpoch {}, currentEpoch {}, snapshot {}, {} logged txns; zxid processed {}, logged {}",
                              p.persistent().accepted_epoch, p.persistent().current_epoch,
                              zxid_hex(p.persistent().snapshot_zxid), p.persistent().log.size(),
                              zxid_hex(p.last_processed_zxid()), zxid_hex(p.last_logged_zxid())));
  const FastLeaderElection& fle = p.election();
  const Vote& vote = fle.looking() ? fle.proposal() : fle.current_vote();
  std::string election = fmt::format("election: {} S{} zxid {} peerEpoch {}, round {}", fle.looking() ? "proposes" : "voted",
                                     vote.leader, zxid_hex(vote.zxid), vote.peer_epoch, fle.logical_clock());
  if (fle.finalizing()) election += ", finalizing";
  for (const auto& [sid, v] : fle.received_votes()) election += fmt::format("; S{} votes S{}", sid, v.leader);
  lines.push_back(election);
  if (const auto& leader = p.leader_state()) {
    std::string text = fmt::format("leader: epoch {}{}{}{}, {} outstanding", leader->epoch,
                                   leader->epoch_decided ? ", decided" : "", leader->epoch_acked ? ", acked" : "",
                                   leader->serving ? ", serving" : "", leader->outstanding.size());
    for (const auto& [sid, h] : leader->handlers) {
      text += fmt::format("; S{}{}{}", sid, h.acked_epoch ? " acked-epoch" : "",
                          h.sync_mode == SyncMode::kNone ? "" : " " + std::string(sync_mode_name(h.sync_mode)));
      if (h.acked_new_leader) text += " acked-newleader";
    }
    lines.push_back(text);
  }
  if (const auto& learner = p.learner_state()) {
    lines.push_back(fmt::format("learner: leader S{}, epoch {}, sync {}{}, {} pending txns", learner->leader,
                                learner->new_epoch,
                                learner->sync_mode == SyncMode::kNone ? "-" : sync_mode_name(learner->sync_mode),
                                learner->serving ? ", serving" : "", learner->pending_txns.size()));
  }
  std::string timers = "timers:";
  for (const auto& [kind, due_us] : timers_due_us_) {
    timers += fmt::format(" {} at {}", timer_kind_name(kind), sim::format_duration(due_us));
  }
  if (timers_due_us_.empty()) timers += " none";
  lines.push_back(timers);
  return lines;
}

}  // namespace zk::interaction
