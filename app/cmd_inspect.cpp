// `zksim inspect DIR [--data-log-dir DIR]`: prints what is on one ZooKeeper server's disk
// (sim/datadir/inspect_report.h). Exit 0 when everything read and ZooKeeper would start from
// it, 1 when a file is unreadable or the restore is refused, 2 on bad usage.
#include <fmt/format.h>

#include "app/commands.h"
#include "sim/datadir/inspect_report.h"

namespace zk::app {

int cmd_inspect(const Args& args) {
  std::string dir;
  std::string log_dir;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--data-log-dir") {
      if (i + 1 == args.size()) return usage_error("--data-log-dir needs a directory");
      log_dir = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error(fmt::format("unknown inspect option '{}'", args[i]));
    } else if (dir.empty()) {
      dir = args[i];
    } else {
      return usage_error("inspect takes one data directory");
    }
  }
  if (dir.empty()) return usage_error("inspect needs a data directory (the one holding version-2/)");
  const sim::datadir::InspectReport report = sim::datadir::inspect_data_dir(dir, log_dir);
  for (const std::string& line : report.lines) fmt::print("{}\n", line);
  return report.ok ? 0 : 1;
}

}  // namespace zk::app
