// Authentication on a client connection, as ZooKeeperServer.processPacket handles an auth
// packet in ZooKeeper 3.8.0: the scheme's provider (digest or ip; anything else has none)
// adds ids to the connection's authInfo (never twice the same), and the answer goes out at
// once with zxid 0: OK, or AUTHFAILED followed by closing the connection. Also the two ACL
// reads FinalRequestProcessor answers from the local tree: getACL and whoAmI.
#include "core/digest_auth.h"
#include "core/quorum_peer.h"

namespace zk {
namespace {

void add_auth_id(std::vector<AuthId>* auth_info, AuthId id) {
  for (const AuthId& known : *auth_info) {
    if (known == id) return;
  }
  auth_info->push_back(std::move(id));
}

}  // namespace

void QuorumPeer::client_on_auth(ConnectionId connection, const AuthPacket& packet, Outbox& out) {
  auto it = cnxns_.connections.find(connection);
  if (it == cnxns_.connections.end() || !it->second.established) return;
  ClientConnection& conn = it->second;
  ReplyMessage reply;
  reply.cxid = kAuthXid;
  reply.zxid = 0;
  if (packet.scheme == "digest") {
    // DigestAuthenticationProvider.handleAuthentication: super first, then the digest id.
    std::string id = generate_digest(packet.auth);
    if (!config_.super_digest.empty() && id == config_.super_digest) add_auth_id(&conn.auth_info, AuthId{"super", ""});
    add_auth_id(&conn.auth_info, AuthId{"digest", std::move(id)});
  } else if (packet.scheme == "ip") {
    // IPAuthenticationProvider: the connection's own address, whatever the bytes say.
    ZK_INVARIANT(!conn.auth_info.empty() && conn.auth_info.front().scheme == "ip");
    add_auth_id(&conn.auth_info, AuthId{"ip", conn.auth_info.front().id});
  } else {
    reply.err = ErrorCode::kAuthFailed;
    out.push(ClientSendEffect{connection, std::move(reply)});
    client_close(connection, "auth failed: no authentication provider for scheme " + packet.scheme, out);
    return;
  }
  out.push(ClientSendEffect{connection, std::move(reply)});
}

bool QuorumPeer::client_answer_acl_read(const RequestMessage& message, ReplyMessage* reply) const {
  if (std::holds_alternative<WhoAmIRequest>(message.request)) {
    reply->body.client_infos = client_infos(message.auth_info);
    return true;
  }
  const auto* get = std::get_if<GetAclRequest>(&message.request);
  if (get == nullptr) return false;
  AclResult result = db_.tree().get_acl(get->path);
  reply->err = result.err;
  if (result.err != ErrorCode::kOk) return true;
  // skipACL: both of FinalRequestProcessor's checks pass (the list is shown whole).
  const auto permitted = [&](int32_t perm) { return config_.skip_acl || check_acl(result.acl, perm, message.auth_info); };
  if (!permitted(perms::kRead | perms::kAdmin)) {
    reply->err = ErrorCode::kNoAuth;
    return true;
  }
  const bool admin = permitted(perms::kAdmin);
  reply->body.acl = admin ? std::move(result.acl) : redact_digests(result.acl);
  reply->body.stat = result.stat;
  return true;
}

}  // namespace zk
