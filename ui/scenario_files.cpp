// Reading the lesson list and scenario files, writing saved sessions.
#include "ui/scenario_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/scenario_parser.h"
#include "sim/text/text_file.h"
#include "sim/text/text_words.h"

namespace zk::ui {
namespace {

constexpr size_t kMaxLessons = 500;

}  // namespace

std::string lesson_directory() {
  std::error_code error;
  for (const std::string& dir : {std::string("assets/scenarios"),
#ifdef ZKSIM_ASSETS_DIR
                                 std::string(ZKSIM_ASSETS_DIR) + "/scenarios"
#endif
       }) {
    if (std::filesystem::is_directory(dir, error)) return dir;
  }
  return {};
}

std::vector<std::string> lesson_scenario_paths() {
  std::vector<std::string> paths;
  const std::string dir = lesson_directory();
  if (dir.empty()) return paths;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (paths.size() >= kMaxLessons) break;
    if (entry.path().extension() == ".zks") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());  // directory order is not deterministic
  return paths;
}

LoadedScenario load_scenario_file(const std::string& path) {
  LoadedScenario loaded;
  loaded.path = path;
  const sim::FileText file = sim::read_text_file(path);
  if (!file.ok()) {
    loaded.error = fmt::format("{}: {}", path, file.error);
    return loaded;
  }
  const sim::ParseResult parsed =
      sim::parse_scenario(file.text, path, [](const std::string& p) { return sim::read_text_file(p); });
  if (!parsed.ok()) {
    loaded.error = parsed.error;
    return loaded;
  }
  loaded.scenario = parsed.scenario;
  loaded.warnings = parsed.warnings;
  std::string line;
  std::istringstream lines(std::string(sim::skip_utf8_bom(file.text)));
  while (std::getline(lines, line)) loaded.lines.push_back(line);
  return loaded;
}

std::string write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fmt::format("{}: cannot open the file for writing", path);
  out << text;
  out.close();
  if (!out) return fmt::format("{}: could not write the whole file", path);
  return {};
}

}  // namespace zk::ui
