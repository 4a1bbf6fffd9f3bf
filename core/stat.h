// Stat: the znode metadata a client receives (zkCli `stat`). cversion here is the value a
// client sees (2 x internal create counter - numChildren), not the stored counter; the
// DataTree does that translation when it copies a Stat out. All-zero is the Stat of the
// four system nodes.
#pragma once

#include <cstdint>

#include "core/zxid.h"

namespace zk {

struct Stat {
  Zxid czxid = 0;
  Zxid mzxid = 0;
  int64_t ctime_ms = 0;
  int64_t mtime_ms = 0;
  int32_t version = 0;
  int32_t cversion = 0;
  int32_t aversion = 0;
  int64_t ephemeral_owner = 0;
  int32_t data_length = 0;
  int32_t num_children = 0;
  Zxid pzxid = 0;

  bool operator==(const Stat&) const = default;
};

}  // namespace zk
