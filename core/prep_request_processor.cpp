// PrepRequestProcessor: ZooKeeper's check order per op (pRequest2Txn / pRequest2TxnCreate),
// the pending change records, multi rollback and closeSession's ephemeral collection.
#include "core/prep_request_processor.h"

#include <fmt/format.h>

#include "core/ephemeral_type.h"
#include "core/invariant.h"
#include "core/java_hash_set.h"
#include "core/path_utils.h"

namespace zk {
namespace {

constexpr Zxid kMarkedOnly = -1;

int32_t java_int_increment(int32_t value) { return static_cast<int32_t>(static_cast<uint32_t>(value) + 1U); }

OpCode create_op_code(CreateMode mode) {
  if (is_container(mode)) return OpCode::kCreateContainer;
  if (is_ttl(mode)) return OpCode::kCreateTtl;
  return OpCode::kCreate;
}

ErrorCode check_version(int32_t current, int32_t expected) {
  return expected != -1 && expected != current ? ErrorCode::kBadVersion : ErrorCode::kOk;
}

// Built in place: copying a SubTxn temporary into the vector trips GCC 12's
// -Wmaybe-uninitialized false positive on std::variant<...std::string...> at -O2.
void push_error_sub_txn(std::vector<SubTxn>* txns, ErrorCode err) {
  SubTxn& sub = txns->emplace_back();
  sub.type = OpCode::kError;
  sub.body.emplace<ErrorTxn>(ErrorTxn{err});
}

Txn error_txn(TxnHeader header, ErrorCode err) {
  header.type = OpCode::kError;
  return Txn{header, ErrorTxn{err}};
}

}  // namespace

bool PrepRequestProcessor::session_valid(SessionId session, const DataTree& tree) const {
  if (closing_sessions_.contains(session)) return false;
  return tree.has_session(session) || pending_sessions_.contains(session);
}

std::optional<PrepRequestProcessor::ChangeRecord> PrepRequestProcessor::record_for_path(std::string_view path,
                                                                                        const DataTree& tree) const {
  // ZooKeeper keys the root under "" as well as "/".
  const std::string_view key = path.empty() ? std::string_view("/") : path;
  if (auto it = by_path_.find(key); it != by_path_.end()) {
    if (!it->second.exists) return std::nullopt;
    return it->second;
  }
  std::optional<NodeRecord> node = tree.node_record(key);
  if (!node) return std::nullopt;
  ChangeRecord record;
  record.zxid = node->stat.mzxid;
  record.path = std::string(key);
  record.exists = true;
  record.stat = node->stat;
  record.child_count = node->num_children;
  record.acl = std::move(node->acl);
  return record;
}

void PrepRequestProcessor::add_change_record(ChangeRecord record) {
  ZK_INVARIANT(outstanding_.empty() || outstanding_.back().zxid <= record.zxid);
  if (multi_undo_ != nullptr) {
    auto it = by_path_.find(record.path);
    std::optional<ChangeRecord> previous;
    if (it != by_path_.end()) previous = it->second;
    multi_undo_->replaced.emplace_back(record.path, std::move(previous));
  }
  by_path_.insert_or_assign(record.path, record);
  outstanding_.push_back(std::move(record));
}

ErrorCode PrepRequestProcessor::prep_create(const CreateRequest& req, SessionId session, Zxid zxid, int64_t time_ms,
                                            const DataTree& tree, CreateTxn* body, OpCode* type) {
  const bool sequential = is_sequential(req.mode);
  if (validate_path(req.path, sequential) != ErrorCode::kOk) return ErrorCode::kBadArguments;
  if (is_ttl(req.mode) && !extended_types_enabled_) return ErrorCode::kUnimplemented;
  if (is_ttl(req.mode) ? (req.ttl_ms <= 0 || req.ttl_ms > kMaxTtlMs) : req.ttl_ms >= 0) {
    return ErrorCode::kBadArguments;
  }
  if (!session_valid(session, tree)) return ErrorCode::kSessionExpired;

  AclList acl;
  if (const ErrorCode err = fixup_acl(req.acl, *auth_, &acl); err != ErrorCode::kOk) return err;
  const std::string_view parent_path_view = std::string_view(req.path).substr(0, req.path.rfind('/'));
  std::optional<ChangeRecord> parent = record_for_path(parent_path_view, tree);
  if (!parent) return ErrorCode::kNoNode;
  if (!permitted(parent->acl, perms::kCreate)) return ErrorCode::kNoAuth;
  std::string path = req.path;
  if (sequential) {
    path += fmt::format("{:010d}", parent->stat.cversion);
    if (validate_path(path) != ErrorCode::kOk) return ErrorCode::kBadArguments;
  }
  if (record_for_path(path, tree)) return ErrorCode::kNodeExists;
  if (ephemeral_type(parent->stat.ephemeral_owner) == EphemeralType::kNormal) {
    return ErrorCode::kNoChildrenForEphemerals;
  }
  const int32_t new_cversion = java_int_increment(parent->stat.cversion);

  int64_t ephemeral_owner = 0;
  if (is_container(req.mode)) {
    ephemeral_owner = kContainerEphemeralOwner;
  } else if (is_ttl(req.mode)) {
    ephemeral_owner = ttl_ephemeral_owner(req.ttl_ms);
  } else if (is_ephemeral(req.mode)) {
    ephemeral_owner = session;
  }
  *type = create_op_code(req.mode);
  *body = CreateTxn{path, req.data, ephemeral_owner, new_cversion, acl};

  parent->zxid = zxid;
  parent->child_count += 1;
  parent->stat.cversion = new_cversion;
  parent->stat.pzxid = zxid;
  add_change_record(std::move(*parent));
  ChangeRecord node;
  node.zxid = zxid;
  node.path = std::move(path);
  node.exists = true;
  node.stat.czxid = zxid;
  node.stat.mzxid = zxid;
  node.stat.pzxid = zxid;
  node.stat.ctime_ms = time_ms;
  node.stat.mtime_ms = time_ms;
  node.stat.ephemeral_owner = ephemeral_owner;
  node.acl = std::move(acl);
  add_change_record(std::move(node));
  return ErrorCode::kOk;
}

ErrorCode PrepRequestProcessor::prep_delete(const DeleteRequest& req, SessionId session, Zxid zxid,
                                            const DataTree& tree, DeleteTxn* body) {
  if (validate_path(req.path) != ErrorCode::kOk || is_system_path(req.path)) return ErrorCode::kBadArguments;
  if (!session_valid(session, tree)) return ErrorCode::kSessionExpired;
  std::optional<ChangeRecord> parent = record_for_path(parent_path(req.path), tree);
  if (!parent) return ErrorCode::kNoNode;
  if (!permitted(parent->acl, perms::kDelete)) return ErrorCode::kNoAuth;
  std::optional<ChangeRecord> node = record_for_path(req.path, tree);
  if (!node) return ErrorCode::kNoNode;
  if (const ErrorCode err = check_version(node->stat.version, req.version); err != ErrorCode::kOk) return err;
  if (node->child_count > 0) return ErrorCode::kNotEmpty;

  *body = DeleteTxn{req.path};
  add_delete_records(std::move(parent), req.path, zxid, true);
  return ErrorCode::kOk;
}

void PrepRequestProcessor::add_delete_records(std::optional<ChangeRecord> parent, const std::string& path, Zxid zxid,
                                              bool parent_loses_child) {
  if (parent) {
    parent->zxid = zxid;
    if (parent_loses_child) parent->child_count -= 1;
    parent->stat.pzxid = zxid;
    add_change_record(std::move(*parent));
  }
  ChangeRecord gone;
  gone.zxid = zxid;
  gone.path = path;
  gone.exists = false;
  add_change_record(std::move(gone));
}

Txn PrepRequestProcessor::prepare_delete_container(const std::string& path, Zxid zxid, int64_t time_ms,
                                                   const DataTree& tree) {
  ZK_INVARIANT(outstanding_.empty() || outstanding_.back().zxid < zxid);
  const TxnHeader header{0, 0, zxid, time_ms, OpCode::kDeleteContainer};
  // getParentPathAndValidate: a '/' somewhere, no NUL, not a special path.
  if (path.find('/') == std::string::npos || path.find('\0') != std::string::npos || is_system_path(path)) {
    return error_txn(header, ErrorCode::kBadArguments);
  }
  std::optional<ChangeRecord> node = record_for_path(path, tree);
  if (!node) return error_txn(header, ErrorCode::kNoNode);
  if (node->child_count > 0) return error_txn(header, ErrorCode::kNotEmpty);
  if (ephemeral_type(node->stat.ephemeral_owner) == EphemeralType::kNormal) {
    return error_txn(header, ErrorCode::kBadVersion);
  }
  std::optional<ChangeRecord> parent = record_for_path(parent_path(path), tree);
  if (!parent) return error_txn(header, ErrorCode::kNoNode);
  add_delete_records(std::move(parent), path, zxid, true);
  return Txn{header, DeleteTxn{path}};
}

ErrorCode PrepRequestProcessor::prep_set_data(const SetDataRequest& req, SessionId session, Zxid zxid, int64_t time_ms,
                                              const DataTree& tree, SetDataTxn* body) {
  if (validate_path(req.path) != ErrorCode::kOk) return ErrorCode::kBadArguments;
  if (!session_valid(session, tree)) return ErrorCode::kSessionExpired;
  std::optional<ChangeRecord> node = record_for_path(req.path, tree);
  if (!node) return ErrorCode::kNoNode;
  if (!permitted(node->acl, perms::kWrite)) return ErrorCode::kNoAuth;
  if (const ErrorCode err = check_version(node->stat.version, req.version); err != ErrorCode::kOk) return err;
  const int32_t new_version = java_int_increment(node->stat.version);
  *body = SetDataTxn{req.path, req.data, new_version};
  node->zxid = zxid;
  node->stat.version = new_version;
  node->stat.mtime_ms = time_ms;
  node->stat.mzxid = zxid;
  add_change_record(std::move(*node));
  return ErrorCode::kOk;
}

ErrorCode PrepRequestProcessor::prep_check(const CheckRequest& req, SessionId session, const DataTree& tree,
                                           CheckVersionTxn* body) {
  if (validate_path(req.path) != ErrorCode::kOk) return ErrorCode::kBadArguments;
  if (!session_valid(session, tree)) return ErrorCode::kSessionExpired;
  std::optional<ChangeRecord> node = record_for_path(req.path, tree);
  if (!node) return ErrorCode::kNoNode;
  if (!permitted(node->acl, perms::kRead)) return ErrorCode::kNoAuth;
  if (const ErrorCode err = check_version(node->stat.version, req.version); err != ErrorCode::kOk) return err;
  *body = CheckVersionTxn{req.path, java_int_increment(node->stat.version)};
  return ErrorCode::kOk;
}

// pRequest2Txn's setACL: session, path, fixupACL, the node, ADMIN, the aversion.
ErrorCode PrepRequestProcessor::prep_set_acl(const SetAclRequest& req, SessionId session, Zxid zxid,
                                             const DataTree& tree, SetAclTxn* body) {
  if (!session_valid(session, tree)) return ErrorCode::kSessionExpired;
  if (validate_path(req.path) != ErrorCode::kOk) return ErrorCode::kBadArguments;
  AclList acl;
  if (const ErrorCode err = fixup_acl(req.acl, *auth_, &acl); err != ErrorCode::kOk) return err;
  std::optional<ChangeRecord> node = record_for_path(req.path, tree);
  if (!node) return ErrorCode::kNoNode;
  if (!permitted(node->acl, perms::kAdmin)) return ErrorCode::kNoAuth;
  if (const ErrorCode err = check_version(node->stat.aversion, req.version); err != ErrorCode::kOk) return err;
  const int32_t new_version = java_int_increment(node->stat.aversion);
  *body = SetAclTxn{req.path, acl, new_version};
  node->zxid = zxid;
  node->stat.aversion = new_version;
  node->acl = std::move(acl);
  add_change_record(std::move(*node));
  return ErrorCode::kOk;
}

ErrorCode PrepRequestProcessor::prep_op(const MultiOp& op, SessionId session, Zxid zxid, int64_t time_ms,
                                        const DataTree& tree, SubTxn* sub) {
  if (const auto* create = std::get_if<CreateRequest>(&op)) {
    CreateTxn body;
    const ErrorCode err = prep_create(*create, session, zxid, time_ms, tree, &body, &sub->type);
    sub->body = std::move(body);
    return err;
  }
  if (const auto* del = std::get_if<DeleteRequest>(&op)) {
    DeleteTxn body;
    sub->type = OpCode::kDelete;
    const ErrorCode err = prep_delete(*del, session, zxid, tree, &body);
    sub->body = std::move(body);
    return err;
  }
  if (const auto* set = std::get_if<SetDataRequest>(&op)) {
    SetDataTxn body;
    sub->type = OpCode::kSetData;
    const ErrorCode err = prep_set_data(*set, session, zxid, time_ms, tree, &body);
    sub->body = std::move(body);
    return err;
  }
  const auto& check = std::get<CheckRequest>(op);
  CheckVersionTxn body;
  sub->type = OpCode::kCheck;
  const ErrorCode err = prep_check(check, session, tree, &body);
  sub->body = std::move(body);
  return err;
}

Txn PrepRequestProcessor::prep_multi(const MultiRequest& req, const TxnHeader& header, const DataTree& tree) {
  MultiUndo undo;
  undo.outstanding_size = outstanding_.size();
  multi_undo_ = &undo;
  MultiTxn multi;
  multi.txns.reserve(req.ops.size());
  bool failed = false;
  for (const MultiOp& op : req.ops) {
    if (failed) {
      push_error_sub_txn(&multi.txns, ErrorCode::kRuntimeInconsistency);
      continue;
    }
    SubTxn sub;
    const ErrorCode err = prep_op(op, header.session_id, header.zxid, header.time_ms, tree, &sub);
    if (err == ErrorCode::kOk) {
      multi.txns.push_back(std::move(sub));
      continue;
    }
    failed = true;
    // Roll back this multi's records; the ops before report OK without being applied.
    while (outstanding_.size() > undo.outstanding_size) outstanding_.pop_back();
    for (auto it = undo.replaced.rbegin(); it != undo.replaced.rend(); ++it) {
      if (it->second) {
        by_path_.insert_or_assign(it->first, *it->second);
      } else {
        by_path_.erase(it->first);
      }
    }
    for (SubTxn& earlier : multi.txns) {
      earlier.type = OpCode::kError;
      earlier.body.emplace<ErrorTxn>(ErrorTxn{ErrorCode::kOk});
    }
    push_error_sub_txn(&multi.txns, err);
  }
  multi_undo_ = nullptr;
  return Txn{header, std::move(multi)};
}

CloseSessionTxn PrepRequestProcessor::prep_close_session(SessionId session, Zxid zxid, const DataTree& tree) {
  // As ZooKeeper: a clone of the session's HashSet (ZKDatabase.getEphemerals), edited by the
  // outstanding records in zxid order, then iterated in Java's order for both the change
  // records and the txn's list, which every server deletes in that order.
  JavaStringHashSet set = tree.ephemerals_copy(session);
  for (const ChangeRecord& record : outstanding_) {
    if (!record.exists) {
      set.remove(record.path);
    } else if (record.stat.ephemeral_owner == session) {
      set.add(record.path);
    }
  }
  std::vector<std::string> paths = set.iteration_order();
  for (const std::string& path : paths) {
    // As ZooKeeper (digest enabled): the parent's record gets pzxid, its child count stays.
    add_delete_records(record_for_path(parent_path(path), tree), path, zxid, false);
  }
  closing_sessions_[session] = zxid;
  return CloseSessionTxn{std::move(paths)};
}

Txn PrepRequestProcessor::prepare(const Request& write_request, SessionId session, int32_t cxid, Zxid zxid,
                                  int64_t time_ms, const DataTree& tree, const std::vector<AuthId>& auth_info) {
  ZK_INVARIANT(is_write(write_request));
  ZK_INVARIANT(outstanding_.empty() || outstanding_.back().zxid < zxid);
  auth_ = &auth_info;
  Txn txn = prepare_with_auth(write_request, session, cxid, zxid, time_ms, tree);
  auth_ = nullptr;
  return txn;
}

Txn PrepRequestProcessor::prepare_with_auth(const Request& write_request, SessionId session, int32_t cxid, Zxid zxid,
                                            int64_t time_ms, const DataTree& tree) {
  TxnHeader header{session, cxid, zxid, time_ms, OpCode::kError};
  if (const auto* set_acl = std::get_if<SetAclRequest>(&write_request)) {
    SetAclTxn body;
    const ErrorCode err = prep_set_acl(*set_acl, session, zxid, tree, &body);
    if (err != ErrorCode::kOk) return error_txn(header, err);
    header.type = OpCode::kSetAcl;
    return Txn{header, std::move(body)};
  }
  if (const auto* create = std::get_if<CreateRequest>(&write_request)) {
    CreateTxn body;
    const ErrorCode err = prep_create(*create, session, zxid, time_ms, tree, &body, &header.type);
    if (err != ErrorCode::kOk) return error_txn(header, err);
    return Txn{header, std::move(body)};
  }
  if (const auto* del = std::get_if<DeleteRequest>(&write_request)) {
    DeleteTxn body;
    const ErrorCode err = prep_delete(*del, session, zxid, tree, &body);
    if (err != ErrorCode::kOk) return error_txn(header, err);
    header.type = OpCode::kDelete;
    return Txn{header, std::move(body)};
  }
  if (const auto* set = std::get_if<SetDataRequest>(&write_request)) {
    SetDataTxn body;
    const ErrorCode err = prep_set_data(*set, session, zxid, time_ms, tree, &body);
    if (err != ErrorCode::kOk) return error_txn(header, err);
    header.type = OpCode::kSetData;
    return Txn{header, std::move(body)};
  }
  if (const auto* check = std::get_if<CheckRequest>(&write_request)) {
    CheckVersionTxn body;
    const ErrorCode err = prep_check(*check, session, tree, &body);
    if (err != ErrorCode::kOk) return error_txn(header, err);
    header.type = OpCode::kCheck;
    return Txn{header, std::move(body)};
  }
  if (const auto* multi = std::get_if<MultiRequest>(&write_request)) {
    header.type = OpCode::kMulti;
    return prep_multi(*multi, header, tree);
  }
  if (const auto* create_session = std::get_if<CreateSessionRequest>(&write_request)) {
    header.type = OpCode::kCreateSession;
    pending_sessions_[session] = zxid;
    return Txn{header, CreateSessionTxn{create_session->timeout_ms}};
  }
  ZK_INVARIANT(std::holds_alternative<CloseSessionRequest>(write_request));
  header.type = OpCode::kCloseSession;
  return Txn{header, prep_close_session(session, zxid, tree)};
}

void PrepRequestProcessor::applied_up_to(Zxid zxid) {
  while (!outstanding_.empty() && outstanding_.front().zxid <= zxid) {
    const ChangeRecord& record = outstanding_.front();
    auto it = by_path_.find(record.path);
    if (it != by_path_.end() && it->second.zxid == record.zxid) by_path_.erase(it);
    outstanding_.pop_front();
  }
  std::erase_if(pending_sessions_, [zxid](const auto& entry) { return entry.second <= zxid; });
  std::erase_if(closing_sessions_,
                [zxid](const auto& entry) { return entry.second != kMarkedOnly && entry.second <= zxid; });
}

void PrepRequestProcessor::clear() {
  outstanding_.clear();
  by_path_.clear();
  pending_sessions_.clear();
  closing_sessions_.clear();
}

void PrepRequestProcessor::mark_session_closing(SessionId session) {
  closing_sessions_.try_emplace(session, kMarkedOnly);
}

}  // namespace zk
