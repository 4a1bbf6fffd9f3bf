// Formatting of zxids and other 64-bit ids in zkCli's hex style.
#include "core/zxid.h"

#include <fmt/format.h>

namespace zk {

std::string zxid_hex(Zxid zxid) { return fmt::format("0x{:x}", static_cast<uint64_t>(zxid)); }

}  // namespace zk
