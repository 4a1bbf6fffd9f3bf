// Adler-32: two running sums modulo 65521, reduced every 5552 bytes (the largest run that
// cannot overflow 32 bits), as zlib does.
#include "sim/datadir/adler32.h"

#include <algorithm>

namespace zk::sim::datadir {

void Adler32::update(std::string_view bytes) {
  constexpr uint32_t kMod = 65521;
  constexpr size_t kRun = 5552;
  while (!bytes.empty()) {
    const size_t n = std::min(bytes.size(), kRun);
    for (size_t i = 0; i < n; ++i) {
      a_ += static_cast<uint8_t>(bytes[i]);
      b_ += a_;
    }
    a_ %= kMod;
    b_ %= kMod;
    bytes.remove_prefix(n);
  }
}

uint32_t adler32(std::string_view bytes) {
  Adler32 sum;
  sum.update(bytes);
  return sum.value();
}

}  // namespace zk::sim::datadir
