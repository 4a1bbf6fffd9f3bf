// Helpers for the scenario parser tests: parse a text that must succeed (and return its
// steps' commands) or fail (and return the error), with an in-memory file reader.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "sim/scenario/scenario_parser.h"

namespace zk::sim::test {

inline FileReader memory_reader(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path) -> std::optional<std::string> {
    const auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
}

inline Scenario parse_ok(const std::string& text, const FileReader& reader = {}) {
  const ParseResult result = parse_scenario(text, "t.zks", reader);
  INFO(result.error);
  REQUIRE(result.ok());
  return result.scenario;
}

// The one command of "cluster 3\n<line>".
inline Command command_of(const std::string& line) {
  const Scenario scenario = parse_ok("cluster 3\nclient c connect 1\n" + line + "\n");
  REQUIRE(scenario.steps.size() == 2);
  CHECK(scenario.steps[1].line == 3);
  return scenario.steps[1].command;
}

inline std::string error_of(const std::string& text, const FileReader& reader = {}) {
  const ParseResult result = parse_scenario(text, "t.zks", reader);
  CHECK_FALSE(result.ok());
  return result.error;
}

// The error of "cluster 3\nclient c connect 1\n<line>", which is on line 3.
inline std::string line_error(const std::string& line) {
  return error_of("cluster 3\nclient c connect 1\n" + line + "\n");
}

}  // namespace zk::sim::test
