// `zksim inspect DIR [--data-log-dir DIR]` or `zksim inspect --config ZOO.CFG`: prints what
// is on one ZooKeeper server's disk (sim/datadir/inspect_report.h), found directly or through
// a zoo.cfg's dataDir and dataLogDir (relative ones taken from the zoo.cfg's folder). Exit 0
// when everything read and ZooKeeper would start from it, 1 when a file (the zoo.cfg too) is
// unreadable or the restore is refused, 2 on bad usage.
#include <fmt/format.h>

#include "app/commands.h"
#include "sim/datadir/inspect_report.h"
#include "sim/scenario/zoo_cfg.h"
#include "sim/text/text_file.h"

namespace zk::app {
namespace {

constexpr const char* kUsage = "usage: zksim inspect DIR [--data-log-dir DIR] | zksim inspect --config ZOO.CFG";

int print(const sim::datadir::InspectReport& report) {
  for (const std::string& line : report.lines) fmt::print("{}\n", line);
  return report.ok ? 0 : 1;
}

// The disk the zoo.cfg's dataDir and dataLogDir name.
int inspect_config(const std::string& cfg_file) {
  const sim::FileText text = sim::read_text_file(cfg_file);
  if (!text.ok()) return print({{fmt::format("error: zoo.cfg '{}' {}", cfg_file, text.error)}, false});
  const sim::ZooCfgResult cfg = sim::parse_zoo_cfg(text.text, cfg_file, sim::ZooCfgUse::kDataDirs);
  if (!cfg.ok()) return print({{"error: " + cfg.error}, false});
  for (const std::string& warning : cfg.cfg.warnings) fmt::print(stderr, "{}\n", warning);
  const sim::ZooCfgDir& data = *cfg.cfg.data_dir;
  sim::datadir::DirOrigins origins{data.resolved, fmt::format("{}:{}: dataDir={}", cfg_file, data.line, data.written),
                                   "", ""};
  if (const auto& logs = cfg.cfg.data_log_dir) {
    origins.data_log_dir = logs->resolved;
    origins.data_log_dir_origin = fmt::format("{}:{}: dataLogDir={}", cfg_file, logs->line, logs->written);
  }
  return print(sim::datadir::inspect_data_dir(origins.data_dir, origins.data_log_dir, origins));
}

}  // namespace

int cmd_inspect(const Args& args) {
  std::string dir;
  std::string log_dir;
  std::string config;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--data-log-dir" || args[i] == "--config") {
      if (i + 1 == args.size()) return usage_error(fmt::format("{} needs a {} ({})", args[i],
                                                               args[i] == "--config" ? "zoo.cfg" : "directory", kUsage));
      (args[i] == "--config" ? config : log_dir) = args[i + 1];
      ++i;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error(fmt::format("unknown inspect option '{}'", args[i]));
    } else if (dir.empty()) {
      dir = args[i];
    } else {
      return usage_error("inspect takes one data directory");
    }
  }
  if (!config.empty()) {
    if (!dir.empty() || !log_dir.empty()) {
      return usage_error(fmt::format("--config names the directories itself ({})", kUsage));
    }
    return inspect_config(config);
  }
  if (dir.empty()) return usage_error("inspect needs a data directory (the one holding version-2/)");
  return print(sim::datadir::inspect_data_dir(dir, log_dir));
}

}  // namespace zk::app
