// ZooKeeperServer.generatePasswd with java.util.Random's LCG: see session_password.h.
#include "core/session_password.h"

#include <cstdint>

namespace zk {

namespace {

constexpr uint64_t kSuperSecret = 0xB3415C00ULL;
constexpr uint64_t kMultiplier = 0x5DEECE66DULL;
constexpr uint64_t kMask = (1ULL << 48) - 1;

// java.util.Random: seed scrambled with the multiplier, next(32) from the 48-bit state.
class JavaRandom {
 public:
  explicit JavaRandom(uint64_t seed) : state_((seed ^ kMultiplier) & kMask) {}
  int32_t next_int() {
    state_ = (state_ * kMultiplier + 0xBULL) & kMask;
    return static_cast<int32_t>(static_cast<uint32_t>(state_ >> 16));
  }

 private:
  uint64_t state_;
};

}  // namespace

std::string session_password(SessionId session) {
  JavaRandom random(static_cast<uint64_t>(session) ^ kSuperSecret);
  std::string bytes(16, '\0');
  // Random.nextBytes: each int fills up to four bytes, low byte first.
  for (size_t i = 0; i < bytes.size();) {
    auto word = static_cast<uint32_t>(random.next_int());
    for (int n = 0; n < 4 && i < bytes.size(); ++n, word >>= 8) bytes[i++] = static_cast<char>(word & 0xff);
  }
  return bytes;
}

bool session_password_matches(SessionId session, const std::string& password) {
  return session != 0 && password == session_password(session);
}

}  // namespace zk
