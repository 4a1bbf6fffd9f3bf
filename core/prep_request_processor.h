// PrepRequestProcessor: the leader's prepare step. It turns a client write into the txn
// that will be proposed, validating it in ZooKeeper's exact check order against the tree
// *as it will be* once every outstanding (proposed, not yet applied) txn is applied. Those
// outstanding effects are kept as change records per path (existence, stat with the
// internal create counter, child count) plus pending session creates and closing sessions.
//
// A failed check gives an ErrorTxn (header type error); a failed multi gives a MultiTxn of
// ErrorTxns: OK for the ops before the failure, the error, RUNTIMEINCONSISTENCY after it,
// and none of its change records survive. Every prepared txn, failed or not, uses the zxid
// the caller passes. The caller reports applied txns with applied_up_to() so records can
// be dropped, and calls clear() when a new leader takes over.
//
// Two ZooKeeper details kept on purpose: a path that fails PathUtils here becomes an error
// txn (the real client library rejects it before sending, so a simulated client should
// call validate_path first if it wants no zxid spent); and closeSession's records give the
// ephemerals' parents the new pzxid but leave their child count alone, as ZooKeeper's do.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/data_tree.h"
#include "core/request.h"
#include "core/txn.h"

namespace zk {

class PrepRequestProcessor {
 public:
  // extended_types_enabled: zookeeper.extendedTypesEnabled (TTL nodes); off by default,
  // so TTL creates fail with UNIMPLEMENTED as on a stock server.
  // skip_acl: zookeeper.skipACL, every permission check passes.
  explicit PrepRequestProcessor(bool extended_types_enabled = false, bool skip_acl = false)
      : extended_types_enabled_(extended_types_enabled), skip_acl_(skip_acl) {}

  // `write_request` must satisfy is_write(). `session` is the requesting session (for
  // createSession: the new session's id). `auth_info` is the connection's ids when the
  // request arrived (Request.authInfo): ACLs are validated and checked against them.
  Txn prepare(const Request& write_request, SessionId session, int32_t cxid, Zxid zxid, int64_t time_ms,
              const DataTree& tree, const std::vector<AuthId>& auth_info = {});

  // The ContainerManager's deleteContainer of `path` (session 0, cxid 0): a delete of an
  // empty node that is not a normal ephemeral, or an error txn (BADARGUMENTS, NONODE,
  // NOTEMPTY, BADVERSION for a normal ephemeral) as ZooKeeper 3.8's pRequest2Txn gives.
  Txn prepare_delete_container(const std::string& path, Zxid zxid, int64_t time_ms, const DataTree& tree);

  // Drops the change records of txns with zxid <= `zxid` (they are in the tree now).
  void applied_up_to(Zxid zxid);
  // Forgets everything outstanding (a new leader starts from its tree alone).
  void clear();
  // Later requests of this session get SESSIONEXPIRED (the expirer calls this before it
  // submits closeSession).
  void mark_session_closing(SessionId session);

  size_t outstanding_count() const { return outstanding_.size(); }

 private:
  struct ChangeRecord {
    Zxid zxid = 0;
    std::string path;
    bool exists = false;  // false: a pending delete
    StatPersisted stat;
    int32_t child_count = 0;
    AclList acl;
  };
  struct MultiUndo {
    size_t outstanding_size = 0;
    std::vector<std::pair<std::string, std::optional<ChangeRecord>>> replaced;
  };

  // One op against the pending view; on success fills `body`/`type` and adds records.
  Txn prepare_with_auth(const Request& write_request, SessionId session, int32_t cxid, Zxid zxid, int64_t time_ms,
                        const DataTree& tree);
  // auth_ (the request's ids) is set for the duration of prepare().
  ErrorCode prep_create(const CreateRequest& req, SessionId session, Zxid zxid, int64_t time_ms, const DataTree& tree,
                        CreateTxn* body, OpCode* type);
  ErrorCode prep_delete(const DeleteRequest& req, SessionId session, Zxid zxid, const DataTree& tree, DeleteTxn* body);
  ErrorCode prep_set_data(const SetDataRequest& req, SessionId session, Zxid zxid, int64_t time_ms,
                          const DataTree& tree, SetDataTxn* body);
  ErrorCode prep_set_acl(const SetAclRequest& req, SessionId session, Zxid zxid, const DataTree& tree,
                         SetAclTxn* body);
  ErrorCode prep_check(const CheckRequest& req, SessionId session, const DataTree& tree, CheckVersionTxn* body);
  ErrorCode prep_op(const MultiOp& op, SessionId session, Zxid zxid, int64_t time_ms, const DataTree& tree,
                    SubTxn* sub);
  Txn prep_multi(const MultiRequest& req, const TxnHeader& header, const DataTree& tree);
  CloseSessionTxn prep_close_session(SessionId session, Zxid zxid, const DataTree& tree);

  bool session_valid(SessionId session, const DataTree& tree) const;
  // The pending view of a path: nullopt when it does not exist (now or once applied).
  std::optional<ChangeRecord> record_for_path(std::string_view path, const DataTree& tree) const;
  void add_change_record(ChangeRecord record);
  // A delete's records at zxid: the parent (if any) with the new pzxid and, unless a
  // closeSession leaves it (as ZooKeeper with digests does), one child fewer; the node gone.
  void add_delete_records(std::optional<ChangeRecord> parent, const std::string& path, Zxid zxid,
                          bool parent_loses_child);

  // ZooKeeperServer.checkACL against the request's ids (auth_).
  bool permitted(const AclList& acl, int32_t perm) const { return skip_acl_ || check_acl(acl, perm, *auth_); }

  bool extended_types_enabled_ = false;
  bool skip_acl_ = false;
  std::deque<ChangeRecord> outstanding_;                      // in zxid order
  // Latest record per path. Only looked up by path, never iterated, so its order cannot
  // reach a decision or an output.
  struct PathHash {
    using is_transparent = void;
    size_t operator()(std::string_view path) const { return std::hash<std::string_view>{}(path); }
  };
  std::unordered_map<std::string, ChangeRecord, PathHash, std::equal_to<>> by_path_;
  std::map<SessionId, Zxid> pending_sessions_;                // createSession prepared
  std::map<SessionId, Zxid> closing_sessions_;                // closeSession zxid, or -1 if only marked
  MultiUndo* multi_undo_ = nullptr;                           // set while preparing a multi
  const std::vector<AuthId>* auth_ = nullptr;                 // set while preparing a request
};

}  // namespace zk
