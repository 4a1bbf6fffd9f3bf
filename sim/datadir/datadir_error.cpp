// DataDirError rendering: see datadir_error.h.
#include "sim/datadir/datadir_error.h"

#include <fmt/format.h>

namespace zk::sim::datadir {

std::string DataDirError::line() const {
  if (offset) return fmt::format("{}: byte {}: {}", file, *offset, what);
  return fmt::format("{}: {}", file, what);
}

std::string located_line(const DataDirError& e, const DirOrigins& origins) {
  const auto holds = [&e](const std::string& dir) {
    return !dir.empty() && (e.file == dir || e.file.starts_with(dir + "/"));
  };
  const bool in_log_dir = holds(origins.data_log_dir) &&
                          (!holds(origins.data_dir) || origins.data_log_dir.size() > origins.data_dir.size());
  const std::string& origin = in_log_dir ? origins.data_log_dir_origin
                              : holds(origins.data_dir) ? origins.data_dir_origin
                                                        : std::string();
  return origin.empty() ? e.line() : fmt::format("{}: {}", origin, e.line());
}

}  // namespace zk::sim::datadir
