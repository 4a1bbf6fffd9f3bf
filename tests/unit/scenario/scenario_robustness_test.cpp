// Robustness: mutated scenario files (lines deleted, duplicated, words replaced with
// garbage), random bytes, huge lines and numbers. The parser must return a scenario or
// an error starting with FILE:LINE:, and never crash (ASan and UBSan watch).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenario_corpus.h"
#include "scenario_test_util.h"
#include "sim/world/prng.h"
#include "sim/scenario/scenario_lexer.h"
#include "sim/scenario/zoo_cfg.h"

using namespace zk::sim;

namespace {

constexpr size_t kFilesMax = 200;        // files read from disk
constexpr size_t kFileLinesMax = 120;    // lines mutated per file
constexpr size_t kLineWordsMax = 12;     // words replaced per line
constexpr size_t kParsesMax = 150'000;   // total parses in the mutation test

const std::vector<std::string>& garbage_words() {
  static const std::vector<std::string> words{
      "%%", "-1", "999999999999999999999", "\"", std::string(1, '\0'), "leader", "|", "x=1", "-z",
      "0x", "\"\\", "1ms..", "cluster", "#"};
  return words;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  for (const std::string_view line : split_lines(text)) lines.emplace_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

std::vector<std::string> split_spaces(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  std::string word;
  while (in >> word && words.size() < kLineWordsMax) words.push_back(word);
  return words;
}

// Parses and checks the result's shape; returns false when the shape is wrong.
bool parses_cleanly(const std::string& text, const FileReader& reader) {
  const ParseResult result = parse_scenario(text, "m.zks", reader);
  if (result.ok()) return true;
  // "m.zks:LINE: " with LINE a positive number.
  if (result.error.rfind("m.zks:", 0) != 0) return false;
  size_t i = 6;
  while (i < result.error.size() && result.error[i] >= '0' && result.error[i] <= '9') ++i;
  return i > 6 && result.error.compare(i, 2, ": ") == 0 && result.error[6] != '0';
}

std::vector<std::string> mutations_of(const std::string& text) {
  std::vector<std::string> out;
  const std::vector<std::string> lines = lines_of(text);
  for (size_t index = 0; index < lines.size() && index < kFileLinesMax; ++index) {
    std::vector<std::string> deleted = lines;
    deleted.erase(deleted.begin() + static_cast<std::ptrdiff_t>(index));
    out.push_back(join_lines(deleted));
    std::vector<std::string> duplicated = lines;
    duplicated.insert(duplicated.begin() + static_cast<std::ptrdiff_t>(index), lines[index]);
    out.push_back(join_lines(duplicated));
    const std::vector<std::string> words = split_spaces(lines[index]);
    for (size_t word = 0; word < words.size(); ++word) {
      for (const std::string& garbage : garbage_words()) {
        std::vector<std::string> replaced_words = words;
        replaced_words[word] = garbage;
        std::string line;
        for (const std::string& w : replaced_words) line += (line.empty() ? "" : " ") + w;
        std::vector<std::string> mutated = lines;
        mutated[index] = line;
        out.push_back(join_lines(mutated));
      }
    }
  }
  return out;
}

std::vector<std::string> corpus_texts() {
  std::vector<std::string> texts(test::kCorpus.begin(), test::kCorpus.end());
  for (const char* folder : {"assets/scenarios", "tests/scenarios"}) {
    const std::filesystem::path dir = std::filesystem::path(ZKSIM_SOURCE_DIR) / folder;
    std::error_code error;
    if (!std::filesystem::is_directory(dir, error)) continue;
    std::vector<std::filesystem::path> files;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
         !error && it != std::filesystem::recursive_directory_iterator() && files.size() < kFilesMax;
         it.increment(error)) {
      if (it->is_regular_file(error) && it->path().extension() == ".zks") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      texts.push_back(text.str());
    }
  }
  return texts;
}

}  // namespace

TEST_CASE("robustness: the built-in corpus parses") {
  const FileReader reader = test::memory_reader({{"zoo.cfg", std::string(test::kCorpusZooCfg)}});
  for (const std::string_view text : test::kCorpus) {
    const ParseResult result = parse_scenario(text, "corpus.zks", reader);
    INFO(result.error);
    CHECK(result.ok());
  }
}

TEST_CASE("robustness: mutated scenarios give a scenario or a FILE:LINE: error") {
  const FileReader reader = test::memory_reader({{"zoo.cfg", std::string(test::kCorpusZooCfg)}});
  size_t parse_count = 0;
  size_t error_count = 0;
  for (const std::string& text : corpus_texts()) {
    for (const std::string& mutated : mutations_of(text)) {
      if (parse_count >= kParsesMax) break;
      ++parse_count;
      const bool clean = parses_cleanly(mutated, reader);
      if (!clean) {
        INFO(mutated);
        CHECK(clean);
        ++error_count;
      }
    }
  }
  CHECK(parse_count > 1000);
  CHECK(error_count == 0);
}

TEST_CASE("robustness: random bytes, huge lines, huge numbers, empty input") {
  Prng prng(20240601);
  for (int round = 0; round < 2000; ++round) {
    std::string text = "cluster 3\n";
    const int64_t size = prng.uniform_int(0, 200);
    for (int64_t i = 0; i < size; ++i) {
      // Bias towards the bytes that matter to the lexer.
      static constexpr char kInteresting[] = {'"', '\\', '#', ' ', '\n', '|', '=', '-', '\0', '1', 'c', '/'};
      text += prng.chance(1, 2) ? kInteresting[prng.uniform_int(0, sizeof(kInteresting) - 1)]
                                : static_cast<char>(prng.uniform_int(0, 255));
    }
    CHECK(parses_cleanly(text, {}));
    CHECK_NOTHROW((void)parse_zoo_cfg(text, "zoo.cfg"));
  }
  CHECK(parses_cleanly("", {}));
  CHECK(parses_cleanly(std::string(1, '\0'), {}));
  CHECK(parses_cleanly("cluster 3\nkill " + std::string(10'000'000, '9') + "\n", {}));
  CHECK(parses_cleanly("cluster 3\nclient c connect 1\nc set /a \"" + std::string(10'000'000, 'x') + "\n", {}));
  CHECK(parses_cleanly("cluster 3\n" + std::string(10'000'000, ' ') + "heal\n", {}));
  CHECK(parses_cleanly("cluster 3\nrun 99999999999999999999999999999m\n", {}));
  CHECK(parse_zoo_cfg("tickTime=" + std::string(4'000'000, '7') + "\n", "z").error ==
        "z:1: bad number '" + std::string(64, '7') + "...' for tickTime (expected 1..3600000)");
}

TEST_CASE("robustness: mutated zoo.cfg gives a config or a FILE:LINE: error") {
  const std::string cfg(test::kCorpusZooCfg);
  size_t parse_count = 0;
  for (const std::string& mutated : mutations_of(cfg)) {
    ++parse_count;
    const ZooCfgResult result = parse_zoo_cfg(mutated, "zoo.cfg");
    if (!result.ok()) {
      INFO(mutated);
      CHECK(result.error.rfind("zoo.cfg:", 0) == 0);
    }
  }
  CHECK(parse_count > 100);
}
