// DataDirError rendering: see datadir_error.h.
#include "sim/datadir/datadir_error.h"

#include <fmt/format.h>

namespace zk::sim::datadir {

std::string DataDirError::line() const {
  if (offset) return fmt::format("{}: byte {}: {}", file, *offset, what);
  return fmt::format("{}: {}", file, what);
}

}  // namespace zk::sim::datadir
