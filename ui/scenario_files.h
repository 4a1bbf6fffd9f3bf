// Scenario files for the GUI: the lesson list in assets/scenarios, loading a .zks (parsed
// with the same parser as `zksim run`, its text kept for the scenario view) and writing a
// saved session. Errors are one line ("FILE:LINE: message" or "FILE: cannot read ...").
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace zk::ui {

struct LoadedScenario {
  std::string path;
  sim::Scenario scenario;
  std::vector<std::string> lines;  // the file's text, one entry per line
  std::string error;               // empty when loaded
  std::vector<std::string> warnings;  // "FILE:LINE: ..." (unknown zoo.cfg keys, ...)
};

// The directory holding the lesson scenarios ("" when not found).
std::string lesson_directory();
// Paths of the lesson scenarios, sorted by file name (at most 500).
std::vector<std::string> lesson_scenario_paths();
LoadedScenario load_scenario_file(const std::string& path);
// Writes text to path; "" or a one-line error.
std::string write_text_file(const std::string& path, const std::string& text);

}  // namespace zk::ui
