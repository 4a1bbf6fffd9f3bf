// Reading the lesson list and scenario files, writing saved sessions.
#include "ui/scenario_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario_parser.h"

namespace zk::ui {
namespace {

constexpr size_t kMaxLessons = 500;
constexpr size_t kMaxScenarioBytes = 4 * 1024 * 1024;

std::optional<std::string> read_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  if (std::filesystem::file_size(path, error) > kMaxScenarioBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

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
  const std::optional<std::string> text = read_file(path);
  if (!text) {
    loaded.error = fmt::format("{}: cannot read the file", path);
    return loaded;
  }
  const sim::ParseResult parsed = sim::parse_scenario(*text, path, [](const std::string& p) { return read_file(p); });
  if (!parsed.ok()) {
    loaded.error = parsed.error;
    return loaded;
  }
  loaded.scenario = parsed.scenario;
  std::string line;
  std::istringstream lines(*text);
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
