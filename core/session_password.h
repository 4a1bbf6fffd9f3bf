// A session's password, as ZooKeeperServer.generatePasswd makes it: 16 bytes from
// java.util.Random seeded with (session id ^ 0xB3415C00). A client moving its session to
// another server presents it; a wrong one gets the "invalid session" ConnectResponse. Being
// a function of the session id alone, every server computes the same password.
#pragma once

#include <string>

#include "core/zxid.h"

namespace zk {

std::string session_password(SessionId session);
// ZooKeeperServer.checkPasswd: a session id other than 0 and exactly its password.
bool session_password_matches(SessionId session, const std::string& password);

}  // namespace zk
