// Messages the runner reports stay on one line whatever the data holds: control bytes in
// znode data (or anywhere in a message) are shown as C-style escapes.
#include <doctest/doctest.h>

#include <string>

#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "sim/text/text_words.h"

namespace zk::sim {

TEST_CASE("escape_for_message: control bytes as C-style escapes, the rest unchanged") {
  CHECK(escape_for_message("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(escape_for_message(std::string("x\0y\x1b\x7f", 5)) == "x\\x00y\\x1b\\x7f");
  CHECK(escape_for_message("plain \"text\" \\ ünïcode") == "plain \"text\" \\ ünïcode");
}

TEST_CASE("a failed data expectation on data with a newline is reported on one line") {
  const ParseResult parsed = parse_scenario(
      "cluster 3\nstart 1 2 3\nrun until leader\nclient c connect 1\nc create /a \"x\\ny\"\nc get /a\n"
      "expect c data \"x\\ny\"\nexpect c data \"z\"\n",
      "t.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  const RunReport report = run_scenario(parsed.scenario, std::nullopt);
  REQUIRE_MESSAGE(report.ok(), report.error);
  REQUIRE(report.expectations.size() == 2);
  CHECK(report.expectations[0].passed);  // the data itself is unchanged
  CHECK_FALSE(report.expectations[1].passed);
  CHECK(report.expectations[1].detail == "expected \"z\", saw \"x\\ny\"");
}

}  // namespace zk::sim
