// parse_scenario: scenario text -> validated Scenario, or the first error as
// "FILE:LINE: message" naming the offending word. Never throws, never crashes, and takes
// time linear in the input for any bytes at all. `cluster config PATH` reads the zoo.cfg
// through `read_file` (tests pass in-memory files, the runner the real filesystem);
// errors inside that file carry the zoo.cfg's own FILE:LINE. A UTF-8 byte order mark at
// the start of either file is skipped.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/text/text_file.h"

namespace zk::sim {

// Larger scenario or zoo.cfg files are rejected with an error.
inline constexpr size_t kScenarioBytesMax = kInputFileBytesMax;

// Returns the whole file at `path`, or why it cannot be read (a reader returning
// std::optional<std::string> converts: nullopt is "cannot read").
using FileReader = std::function<FileText(const std::string& path)>;

struct ParseResult {
  Scenario scenario;  // meaningful only when ok()
  std::string error;  // "FILE:LINE: message"; empty on success
  // "FILE:LINE: message" lines that do not stop the run (unknown zoo.cfg keys, ...), in
  // file order; the caller prints them.
  std::vector<std::string> warnings;
  bool ok() const { return error.empty(); }
};

ParseResult parse_scenario(std::string_view text, const std::string& file_name,
                           const FileReader& read_file = {});

}  // namespace zk::sim
