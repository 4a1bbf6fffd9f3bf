// The invariant checks themselves (see invariant_checker.h for the list and their names).
#include "sim/check/invariant_checker.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/zkcli_format.h"
#include "sim/world/world.h"

namespace zk::sim {

std::string describe_violation(const InvariantViolation& violation) {
  std::string servers;
  for (ServerId id : violation.servers) servers += fmt::format("{}S{}", servers.empty() ? "" : ", ", id);
  return fmt::format("{} violated{}{}: {}", violation.invariant, servers.empty() ? "" : " by ", servers,
                     violation.detail);
}

namespace {

bool same_txn(const std::shared_ptr<const Txn>& a, const std::shared_ptr<const Txn>& b) {
  return a.get() == b.get() || *a == *b;
}

// The watch path and whether it is a data (get/stat) or child (ls) watch, if the request sets one.
std::optional<std::pair<std::string, bool>> watch_of(const Request& request) {
  if (const auto* get = std::get_if<GetDataRequest>(&request); get && get->watch) return std::pair{get->path, true};
  if (const auto* ex = std::get_if<ExistsRequest>(&request); ex && ex->watch) return std::pair{ex->path, true};
  if (const auto* ls = std::get_if<GetChildrenRequest>(&request); ls && ls->watch) return std::pair{ls->path, false};
  return std::nullopt;
}

}  // namespace

std::optional<InvariantViolation> InvariantChecker::after_event(const World& world, const EventPayload& payload) {
  if (const auto* delivery = std::get_if<DeliverToClient>(&payload)) {
    if (auto v = check_client(world, *delivery)) return v;
  }
  // trace_seen_ counts events since the start of the run; the world's trace window never
  // drops one the checker has not read (World::set_trace_window).
  const Trace& trace = world.trace();
  if (trace_seen_ > world.trace_recorded()) trace_seen_ = world.trace_dropped();  // a copy from earlier
  ZK_INVARIANT(trace_seen_ >= world.trace_dropped());
  for (; trace_seen_ < world.trace_recorded(); ++trace_seen_) {
    const TraceEvent& event = trace[trace_seen_ - world.trace_dropped()];
    if (event.kind == TraceKind::kCommitted) {
      committed_.insert(event.zxid);
    } else if (event.kind == TraceKind::kLeaderServing) {
      if (auto v = on_leader_established(world, event.server, event.epoch)) {
        ++trace_seen_;
        return v;
      }
    }
  }
  if (servers_.size() != static_cast<size_t>(world.server_count())) servers_.resize(world.server_count());
  // An event changes only the server it is an input to (commands between events, such as
  // a restart, are seen at that server's next event: its view then looks fresh).
  const ServerId target = event_target(payload).server;
  if (target >= 1 && target <= world.server_count()) return check_server(world, target);
  return std::nullopt;
}

std::optional<InvariantViolation> InvariantChecker::record_applied(const std::shared_ptr<const Txn>& txn,
                                                                   ServerId server) {
  const Zxid zxid = txn->header.zxid;
  auto [it, inserted] = applied_.try_emplace(zxid, AppliedTxn{txn, server});
  if (inserted) {
    if (++applied_since_prune_ >= prune_every_applied_) prune_below_low_water_mark();
    return std::nullopt;
  }
  if (same_txn(it->second.txn, txn)) return std::nullopt;
  return InvariantViolation{"committed-log-agreement", {it->second.server, server},
                            fmt::format("at zxid {} S{} applied \"{}\" but S{} applied \"{}\"", zxid_hex(zxid),
                                        it->second.server, zk::describe(*it->second.txn), server, zk::describe(*txn))};
}

void InvariantChecker::prune_below_low_water_mark() {
  applied_since_prune_ = 0;
  std::optional<Zxid> mark;
  for (const ServerView& view : servers_) {
    if (view.seen) mark = std::min(mark.value_or(view.window_start), view.window_start);
  }
  if (!mark) return;
  applied_.erase_below(*mark);
  committed_.erase_below(*mark);
  acked_.erase_below(*mark);
  digests_.erase_below(*mark);
}

std::optional<InvariantViolation> InvariantChecker::check_server(const World& world, ServerId id) {
  ServerView& view = servers_[static_cast<size_t>(id - 1)];
  const ServerSlot& slot = world.slot(id);
  if (!slot.peer) {
    view.up = false;
    return std::nullopt;
  }
  const QuorumPeer& peer = *slot.peer;
  const Zxid zxid = peer.last_processed_zxid();
  const bool serving = peer.serving();
  const bool fresh = !view.up || view.incarnation != slot.incarnation;
  if (!fresh && zxid == view.last_processed && serving == view.serving) return std::nullopt;

  const Epoch accepted = peer.persistent().accepted_epoch;
  const uint64_t connection = peer.learner_state() ? peer.learner_state()->connection : 0;
  if (!fresh && zxid < view.last_processed && view.serving && serving && accepted == view.accepted_epoch &&
      connection == view.connection) {
    return InvariantViolation{"applied-zxid-monotonic", {id},
                              fmt::format("S{} went back from {} to {} within accepted epoch {}", id,
                                          zxid_hex(view.last_processed), zxid_hex(zxid), accepted)};
  }
  // The txns applied since the last look (all of the window for a fresh process).
  const auto& log = peer.committed_log();
  const Zxid after = fresh || zxid < view.last_processed ? Zxid{-1} : view.last_processed;
  auto first_new = log.end();
  while (first_new != log.begin() && (*std::prev(first_new))->header.zxid > after) --first_new;
  for (auto it = first_new; it != log.end(); ++it) {
    if (auto v = record_applied(*it, id)) return v;
  }
  const Zxid tree_zxid = peer.tree().last_processed_zxid();  // a leader reports its epoch marker
  if (serving && tree_zxid != 0) {
    const uint64_t digest = peer.tree().digest();
    auto [it, inserted] = digests_.try_emplace(tree_zxid, {digest, id});
    if (!inserted && it->second.first != digest) {
      return InvariantViolation{"digest-agreement", {it->second.second, id},
                                fmt::format("at zxid {} S{} has tree digest {:016x} but S{} has {:016x}", zxid_hex(tree_zxid),
                                            it->second.second, it->second.first, id, digest)};
    }
  }
  const Zxid window_start = log.empty() ? zxid : std::min(zxid, log.front()->header.zxid);
  view = ServerView{true, slot.incarnation, zxid, accepted, serving, connection, true, window_start};
  return std::nullopt;
}

std::optional<InvariantViolation> InvariantChecker::on_leader_established(const World& world, ServerId leader,
                                                                          Epoch epoch) {
  auto [it, inserted] = epoch_leaders_.try_emplace(epoch, leader);
  if (!inserted && it->second != leader) {
    return InvariantViolation{"one-leader-per-epoch", {it->second, leader},
                              fmt::format("S{} and S{} both established epoch {}", it->second, leader, epoch)};
  }
  const QuorumPeer* peer = world.peer(leader);
  if (!peer) return std::nullopt;
  const auto& log = peer->committed_log();
  const Zxid last = peer->last_processed_zxid();
  const Zxid window_start = log.empty() ? last : log.front()->header.zxid;
  auto in_log = [&](Zxid zxid) {
    if (zxid > last) return false;
    if (zxid < window_start) return true;  // older than the window: covered by log agreement
    auto pos = std::lower_bound(log.begin(), log.end(), zxid,
                                [](const auto& txn, Zxid z) { return txn->header.zxid < z; });
    return pos != log.end() && (*pos)->header.zxid == zxid;
  };
  // Every txn committed (and every write acknowledged) before this epoch is in its log.
  for (auto z = committed_.rbegin(); z != committed_.rend(); ++z) {
    if (zxid_epoch(*z) >= epoch) continue;
    if (*z < window_start) break;
    if (in_log(*z)) continue;
    const bool acked = acked_.contains(*z);
    return InvariantViolation{acked ? "acked-txn-durable" : "committed-txn-durable", {leader},
                              fmt::format("S{} established epoch {} without {} txn {}", leader, epoch,
                                          acked ? "client-acknowledged" : "committed", zxid_hex(*z))};
  }
  for (Zxid z : acked_) {
    if (zxid_epoch(z) < epoch && !in_log(z)) {
      return InvariantViolation{"acked-txn-durable", {leader},
                                fmt::format("S{} established epoch {} without client-acknowledged txn {}", leader,
                                            epoch, zxid_hex(z))};
    }
  }
  // The new leader's history is committed now.
  for (const auto& txn : log) committed_.insert(txn->header.zxid);
  // Data clients read in earlier epochs must come from committed txns.
  std::vector<ReadSeen> keep;
  for (ReadSeen& read : reads_) {
    if (zxid_epoch(read.mzxid) >= epoch) {
      keep.push_back(std::move(read));
    } else if (!committed_.contains(read.mzxid) && !in_log(read.mzxid)) {
      return InvariantViolation{"read-committed", {read.server, leader},
                                fmt::format("client {} read data of txn {} from S{}, but it was never committed "
                                            "(S{} established epoch {} without it)",
                                            read.client, zxid_hex(read.mzxid), read.server, leader, epoch)};
    }
  }
  reads_ = std::move(keep);
  return std::nullopt;
}

std::optional<InvariantViolation> InvariantChecker::check_client(const World& world, const DeliverToClient& delivery) {
  const auto index = delivery.client - kFirstClientEndpoint;
  if (index < 0 || index >= static_cast<EndpointId>(world.clients().size())) return std::nullopt;
  const SimClient& client = world.clients()[static_cast<size_t>(index)].client;
  if (delivery.connection != client.connection()) return std::nullopt;
  ClientView& view = clients_[delivery.client];
  // Count the watches of operations sent since the last look.
  const size_t dropped = client.ops_dropped();  // ops()[i] has cxid dropped + i + 1
  for (size_t i = std::max(static_cast<size_t>(std::max(0, view.last_cxid)), dropped) - dropped; i < client.ops().size();
       ++i) {
    const ClientOpResult& sent = client.ops()[i];
    view.last_cxid = sent.cxid;
    if (auto watch = watch_of(sent.request)) ++(watch->second ? view.data_watches : view.child_watches)[watch->first];
  }
  if (const auto* reply = std::get_if<ReplyMessage>(&delivery.message)) {
    const ClientOpResult* op = client.op(reply->cxid);
    if (!op || !op->done || op->completed_us != world.now_us() || reply->err != ErrorCode::kOk) return std::nullopt;
    if (is_write(op->request)) acked_.insert(reply->zxid);
    if (std::holds_alternative<GetDataRequest>(op->request) && reply->body.stat && reply->body.stat->mzxid != 0 &&
        reads_.size() < kMaxPendingReads) {
      reads_.push_back(ReadSeen{reply->body.stat->mzxid, delivery.from, client.name()});
    }
    return std::nullopt;
  }
  const auto* event = std::get_if<WatchEventMessage>(&delivery.message);
  if (!event) return std::nullopt;
  if (event->zxid < view.last_event_zxid) {
    return InvariantViolation{"watch-once-in-order", {delivery.from},
                              fmt::format("client {} got {} {} at zxid {} after an event at zxid {}", client.name(),
                                          event_type_name(event->type), event->path, zxid_hex(event->zxid),
                                          zxid_hex(view.last_event_zxid))};
  }
  view.last_event_zxid = event->zxid;
  const bool child = event->type == EventType::kNodeChildrenChanged;
  int& data = view.data_watches[event->path];
  int& children = view.child_watches[event->path];
  int& first = child ? children : data;
  int* use = first > 0 ? &first : nullptr;
  if (!use && event->type == EventType::kNodeDeleted && children > 0) use = &children;
  if (!use) {
    return InvariantViolation{"watch-once-in-order", {delivery.from},
                              fmt::format("client {} got {} {} with no watch registration left on that path",
                                          client.name(), event_type_name(event->type), event->path)};
  }
  --*use;
  return std::nullopt;
}

}  // namespace zk::sim
