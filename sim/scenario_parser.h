// parse_scenario: scenario text -> validated Scenario, or the first error as
// "FILE:LINE: message" naming the offending word. Never throws, never crashes, and takes
// time linear in the input for any bytes at all. `cluster config PATH` reads the zoo.cfg
// through `read_file` (tests pass in-memory files, the runner the real filesystem);
// errors inside that file carry the zoo.cfg's own FILE:LINE.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario.h"

namespace zk::sim {

// Larger scenario or zoo.cfg files are rejected with an error.
inline constexpr size_t kScenarioBytesMax = 32u << 20;

// Returns the whole file at `path`, or nullopt when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

struct ParseResult {
  Scenario scenario;  // meaningful only when ok()
  std::string error;  // "FILE:LINE: message"; empty on success
  bool ok() const { return error.empty(); }
};

ParseResult parse_scenario(std::string_view text, const std::string& file_name,
                           const FileReader& read_file = {});

}  // namespace zk::sim
