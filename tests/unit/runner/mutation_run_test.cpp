// Mutation robustness with runs: every lesson in assets/scenarios is mutated line by line
// (the line deleted, duplicated, or one word replaced with garbage) and each mutant is
// parsed and, when it parses, run in-process with run_scenario. The result must be a report
// or an error that starts with "FILE:LINE: " — never a crash, hang or sanitizer report.
// Work is bounded: at most kMutantsPerFile mutants per file (an even spread over all of
// them) and a virtual-time budget per run, so the test stays well under a minute under ASan.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"

using namespace zk::sim;

namespace {

constexpr size_t kMutantsPerFile = 200;
constexpr int64_t kVirtualBudgetUs = 90'000'000;  // 90 s of virtual time per mutant

const std::vector<std::string>& garbage_words() {
  // Garbage that no parser accepts there, and plausible words that parse and steer the run
  // somewhere the lesson never went (another server, the leader, a tiny duration).
  static const std::vector<std::string> words{"%%", "999999999999999999999", "-1", "leader", "|", "0", "\"",
                                              "x=1ms", "5", "1ms", "LEADING", "/"};
  return words;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

// All mutants of one file, in a fixed order: per command line, delete it / duplicate it /
// swap it with the next line /
// replace each of its words by two garbage words (rotating with line and word position).
std::vector<std::string> mutants_of(const std::string& text) {
  std::vector<std::string> out;
  const std::vector<std::string> lines = lines_of(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty() || lines[i][0] == '#') continue;  // comments: mutations are no-ops
    std::vector<std::string> deleted = lines;
    deleted.erase(deleted.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(join(deleted));
    std::vector<std::string> duplicated = lines;
    duplicated.insert(duplicated.begin() + static_cast<std::ptrdiff_t>(i), lines[i]);
    out.push_back(join(duplicated));
    if (i + 1 < lines.size()) {
      std::vector<std::string> swapped = lines;
      std::swap(swapped[i], swapped[i + 1]);
      out.push_back(join(swapped));
    }
    const std::vector<std::string> words = words_of(lines[i]);
    for (size_t w = 0; w < words.size(); ++w) {
      for (size_t g = 0; g < 2; ++g) {  // two garbage words per word, rotating with the position
        std::vector<std::string> garbled = words;
        garbled[w] = garbage_words()[(i + w + g * 3) % garbage_words().size()];
        std::string line;
        for (const std::string& word : garbled) line += (line.empty() ? "" : " ") + word;
        std::vector<std::string> replaced = lines;
        replaced[i] = line;
        out.push_back(join(replaced));
      }
    }
  }
  return out;
}

// An even spread of at most `cap` of them.
std::vector<std::string> spread(const std::vector<std::string>& all, size_t cap) {
  if (all.size() <= cap) return all;
  std::vector<std::string> out;
  for (size_t k = 0; k < cap; ++k) out.push_back(all[k * all.size() / cap]);
  return out;
}

bool has_line_prefix(const std::string& error, const std::string& file) {
  if (error.rfind(file + ":", 0) != 0) return false;
  size_t i = file.size() + 1;
  const size_t digits = i;
  while (i < error.size() && error[i] >= '0' && error[i] <= '9') ++i;
  return i > digits && error[digits] != '0' && error.compare(i, 2, ": ") == 0;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("every lesson's mutants parse and run to a report or a FILE:LINE: error" * doctest::timeout(60.0)) {
  const std::filesystem::path dir = std::filesystem::path(ZKSIM_SOURCE_DIR) / "assets" / "scenarios";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".zks") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 9);

  const FileReader reader = [&](const std::string& path) -> std::optional<std::string> {
    const auto full = dir / path;
    if (!std::filesystem::exists(full)) return std::nullopt;
    return read_all(full);
  };
  RunOptions options;
  options.echo_steps = false;
  options.max_virtual_time_us = kVirtualBudgetUs;

  const auto started = std::chrono::steady_clock::now();
  size_t mutants = 0, parsed = 0, runs_with_error = 0;
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    for (const std::string& text : spread(mutants_of(read_all(file)), kMutantsPerFile)) {
      ++mutants;
      const ParseResult result = parse_scenario(text, name, reader);
      if (!result.ok()) {
        INFO(name, "\n", text);
        CHECK(has_line_prefix(result.error, name));
        continue;
      }
      ++parsed;
      const uint64_t seed = 1 + mutants % 3;  // seeds 1..3 in turn
      const RunReport report = run_scenario(result.scenario, seed, options);
      if (!report.ok()) {
        ++runs_with_error;
        INFO(name, "\n", text);
        CHECK(has_line_prefix(report.error, name));
      }
      CHECK(report.end_time_us <= kVirtualBudgetUs + 31'000'000);  // one client op may overrun
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  MESSAGE(mutants << " mutants of " << files.size() << " lessons, " << parsed << " parsed and ran ("
                  << runs_with_error << " stopped on an error), in " << seconds << " s");
  CHECK(mutants >= files.size() * 10);
}

TEST_CASE("the virtual-time budget cuts runs short and stops the next step with FILE:LINE:") {
  const ParseResult parsed = parse_scenario("cluster 3\nrun 100s\nstart 1 2 3\n", "b.zks");
  REQUIRE(parsed.ok());
  RunOptions options;
  options.max_virtual_time_us = 10'000'000;
  const RunReport report = run_scenario(parsed.scenario, std::nullopt, options);
  CHECK(report.error == "b.zks:3: virtual time budget of 10s used up");
  CHECK(report.end_time_us == 10'000'000);
  const RunReport unlimited = run_scenario(parsed.scenario, std::nullopt, RunOptions{});
  CHECK(unlimited.ok());
  CHECK(unlimited.end_time_us == 100'000'000);
}
