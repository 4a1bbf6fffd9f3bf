// Test helpers: ZooKeeper wire bytes written by hand (big-endian ints, jute strings, length
// framing, the open ACL), for the gateway's and the live run's tests.
#pragma once

#include <cstdint>
#include <string>

namespace zk::test_wire {

inline std::string be32(int32_t v) {
  const auto u = static_cast<uint32_t>(v);
  return std::string{static_cast<char>(u >> 24), static_cast<char>(u >> 16), static_cast<char>(u >> 8), static_cast<char>(u)};
}
inline std::string be64(int64_t v) { return be32(static_cast<int32_t>(v >> 32)) + be32(static_cast<int32_t>(v)); }
inline std::string jstr(const std::string& s) { return be32(static_cast<int32_t>(s.size())) + s; }
inline std::string framed(const std::string& body) { return be32(static_cast<int32_t>(body.size())) + body; }
inline std::string open_acl() { return be32(1) + be32(31) + jstr("world") + jstr("anyone"); }
// A ConnectRequest frame: protocol 0, last zxid 0, 30 s timeout, the session and password,
// readOnly false.
inline std::string connect_frame(int64_t session, const std::string& password) {
  return framed(be32(0) + be64(0) + be32(30000) + be64(session) + jstr(password) + std::string(1, '\0'));
}

}  // namespace zk::test_wire
