// Adler-32: two running sums modulo 65521, reduced every 5552 bytes (the largest run that
// cannot overflow 32 bits), as zlib does; within a run, 16 bytes fold in per step.
#include "sim/datadir/adler32.h"

#include <algorithm>

namespace zk::sim::datadir {

void Adler32::update(std::string_view bytes) {
  constexpr uint32_t kMod = 65521;
  constexpr size_t kRun = 5552;
  while (!bytes.empty()) {
    const size_t n = std::min(bytes.size(), kRun);
    size_t i = 0;
    // 16 bytes at a time: b gains 16 times a plus each byte weighted by how many sums it
    // enters (16 for the first, 1 for the last), the same totals as byte by byte.
    for (; i + 16 <= n; i += 16) {
      uint32_t sum = 0;
      uint32_t weighted = 0;
      for (uint32_t k = 0; k < 16; ++k) {
        const uint32_t byte = static_cast<uint8_t>(bytes[i + k]);
        sum += byte;
        weighted += (16 - k) * byte;
      }
      b_ += 16 * a_ + weighted;
      a_ += sum;
    }
    for (; i < n; ++i) {
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
