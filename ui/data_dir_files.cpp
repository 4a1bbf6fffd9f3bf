// Opening and saving ZooKeeper data directories in the GUI: see data_dir_files.h.
#include "ui/data_dir_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "sim/datadir/data_dir_writer.h"
#include "sim/datadir/server_dir.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/text/text_file.h"
#include "sim/text/text_words.h"

namespace zk::ui {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSubfoldersMax = 1000;  // a folder of server dataDirs, not a whole disk

// The dataDirs in `folder` (itself, or its subfolders holding version-2/), sorted by path.
std::vector<std::string> data_dirs_in(const std::string& folder) {
  std::error_code error;
  if (fs::is_directory(fs::path(folder) / "version-2", error)) return {folder};
  std::vector<std::string> dirs;
  size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (++seen > kSubfoldersMax) break;
    if (fs::is_directory(entry.path() / "version-2", error)) dirs.push_back(entry.path().string());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace

LoadedScenario data_dirs_scenario(const std::string& folder) {
  LoadedScenario loaded;
  std::error_code error;
  const std::string absolute = fs::absolute(folder, error).lexically_normal().string();
  loaded.path = (fs::path(absolute) / "data-directories.zks").string();
  if (!fs::is_directory(absolute, error)) {
    loaded.error = fmt::format("{}: is not a directory", folder);
    return loaded;
  }
  std::map<int64_t, std::string> by_id;  // myid -> dataDir
  for (const std::string& dir : data_dirs_in(absolute)) {
    auto listed = sim::datadir::list_server_dir(dir);
    if (auto* e = std::get_if<sim::datadir::DataDirError>(&listed)) {
      loaded.error = e->line();
      return loaded;
    }
    const std::optional<int64_t> myid = std::get<sim::datadir::ServerDir>(listed).myid;
    if (!myid) {
      loaded.error = fmt::format("{}: myid file is missing", dir);
      return loaded;
    }
    if (*myid < 1 || *myid > sim::kServerIdMax) {
      loaded.error = fmt::format("{}/myid: server id {} is out of range 1..{}", dir, *myid, sim::kServerIdMax);
      return loaded;
    }
    if (const auto [it, added] = by_id.emplace(*myid, dir); !added) {
      loaded.error = fmt::format("{} and {} both have myid {}", it->second, dir, *myid);
      return loaded;
    }
  }
  if (by_id.empty()) {
    loaded.error = fmt::format("{}: holds no ZooKeeper dataDir (a folder with version-2/), nor do its subfolders", folder);
    return loaded;
  }
  const int64_t servers = by_id.rbegin()->first;
  std::string text = fmt::format("# The ZooKeeper data directories in {} (File > Open ZooKeeper data directories)\n",
                                 sim::word_for_scenario(absolute));
  text += fmt::format("cluster {}\n", servers);
  for (const auto& [id, dir] : by_id) text += fmt::format("disk {} load {}\n", id, sim::word_for_scenario(dir));
  text += "start";
  for (int64_t id = 1; id <= servers; ++id) text += fmt::format(" {}", id);
  text += "\nrun until leader\n";
  const sim::ParseResult parsed =
      sim::parse_scenario(text, loaded.path, [](const std::string& p) { return sim::read_text_file(p); });
  if (!parsed.ok()) {
    loaded.error = parsed.error;
    return loaded;
  }
  loaded.scenario = parsed.scenario;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) loaded.lines.push_back(line);
  return loaded;
}

std::string save_disks(const sim::World& world, const std::string& out_dir) {
  if (out_dir.empty()) return "no directory given";
  for (int id = 1; id <= world.server_count(); ++id) {
    const std::string dir = fmt::format("{}/server{}", out_dir, id);
    if (auto e = sim::datadir::write_server_dir(dir, id, world.slot(id).disk.durable())) return e->line();
  }
  return "";
}

}  // namespace zk::ui
