// The digest authentication scheme as ZooKeeper 3.8.0's DigestAuthenticationProvider has it:
// an `auth` packet's bytes "user:password" become the id "user:" + base64(SHA-1(bytes)), and
// a connection whose id equals the configured super digest
// (zookeeper.DigestAuthenticationProvider.superDigest) also gets the `super` id, which
// passes every ACL check. SHA-1 is implemented here (core links nothing but fmt).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace zk {

std::array<uint8_t, 20> sha1(std::string_view bytes);
// DigestAuthenticationProvider.base64Encode (standard alphabet, '=' padding).
std::string base64_encode(std::string_view bytes);
// DigestAuthenticationProvider.generateDigest: the part before the first ':' (all of it when
// there is none), ':', base64 of the SHA-1 of the whole text. Real 3.8.0
// (DigestAuthenticationProvider.main) gives "super:superpw" -> "super:g9oN2HttPfn8MMWJZ2r45Np/LIA=".
std::string generate_digest(std::string_view id_password);

}  // namespace zk
