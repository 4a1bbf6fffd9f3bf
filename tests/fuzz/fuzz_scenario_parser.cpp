// libFuzzer target for the scenario parser. Any input must give a Scenario or an error
// starting with "fuzz.zks:<line>: " (or the zoo.cfg's own location); a parsed scenario
// must survive format_scenario -> parse_scenario unchanged. `cluster config` reads a
// fixed in-memory zoo.cfg.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"

namespace {

constexpr std::string_view kZooCfg =
    "tickTime=2000\ninitLimit=10\nsyncLimit=5\nserver.1=a:2888:3888\nserver.2=b:2888:3888\n"
    "server.3=c:2888:3888\n";

bool has_location(const std::string& error, std::string_view file) {
  if (error.rfind(file, 0) != 0 || error.size() <= file.size() || error[file.size()] != ':') return false;
  size_t i = file.size() + 1;
  const size_t digits_start = i;
  while (i < error.size() && error[i] >= '0' && error[i] <= '9') ++i;
  return i > digits_start && error[digits_start] != '0' && error.compare(i, 2, ": ") == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const zk::sim::FileReader reader = [](const std::string&) { return std::optional<std::string>(kZooCfg); };
  const zk::sim::ParseResult result = zk::sim::parse_scenario(text, "fuzz.zks", reader);
  if (!result.ok()) {
    // The only zoo.cfg is valid, so every error belongs to the scenario.
    if (!has_location(result.error, "fuzz.zks")) std::abort();
    return 0;
  }
  const std::string formatted = zk::sim::format_scenario(result.scenario);
  const zk::sim::ParseResult again = zk::sim::parse_scenario(formatted, "fuzz.zks", reader);
  if (!again.ok()) std::abort();
  if (again.scenario.setup != result.scenario.setup) std::abort();
  if (again.scenario.steps.size() != result.scenario.steps.size()) std::abort();
  for (size_t i = 0; i < again.scenario.steps.size(); ++i) {
    if (again.scenario.steps[i].command != result.scenario.steps[i].command) std::abort();
  }
  if (zk::sim::format_scenario(again.scenario) != formatted) std::abort();
  return 0;
}
