// "Expect this here" on a znode: the checks built from what the Znode tree shows (data,
// children, version, cversion; missing for a node the server lacks), the menu labels, and
// the round trip through a saved session: added at the playhead, saved, run headless, passed.
#include <doctest/doctest.h>

#include "sim/replay/recorded_run.h"
#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_runner.h"
#include "ui/expect_here.h"

using namespace zk;

namespace {

// "NAME: LINE" per choice, one per line.
std::string lines_of(const std::vector<ui::ExpectChoice>& choices) {
  std::string lines;
  for (const ui::ExpectChoice& choice : choices) lines += choice.name + ": " + sim::format_step(choice.check) + "\n";
  return lines;
}

}  // namespace

TEST_CASE("expect this here on a znode: data, children, version and cversion, or missing") {
  const DataTree tree;
  CHECK(lines_of(ui::node_checks(tree, 2, "/zookeeper")) ==
        "data: expect node 2 /zookeeper data \"\"\n"
        "children: expect node 2 /zookeeper children config quota\n"
        "version: expect node 2 /zookeeper stat version 0\n"
        "cversion: expect node 2 /zookeeper stat cversion -2\n");  // as a real 3.8 shows it
  CHECK(lines_of(ui::node_checks(tree, 1, "/zookeeper/quota")) ==
        "data: expect node 1 /zookeeper/quota data \"\"\n"
        "children: expect node 1 /zookeeper/quota children\n"
        "version: expect node 1 /zookeeper/quota stat version 0\n"
        "cversion: expect node 1 /zookeeper/quota stat cversion 0\n");
  CHECK(lines_of(ui::node_checks(tree, 3, "/gone")) == "missing: expect node 3 /gone missing\n");
}

TEST_CASE("expect this here: menu labels are cut at a character and never hold ##") {
  CHECK(ui::expect_label("expect node 1 /a data \"x\"") == "expect node 1 /a data \"x\"");
  CHECK(ui::expect_label("expect node 1 /a data \"a##b\"") == "expect node 1 /a data \"a# #b\"");
  const std::string prefix(ui::kExpectLabelBytesMax - 1, 'x');
  CHECK(ui::expect_label(prefix + "é and more") == prefix + "...");  // é's 2 bytes straddle the cut
  CHECK(ui::expect_label(std::string(ui::kExpectLabelBytesMax, 'y')) == std::string(ui::kExpectLabelBytesMax, 'y'));
}

TEST_CASE("expect this here on a znode: the checks of a follower's copy pass in the saved session") {
  sim::RecordedRun run;
  run.new_cluster(3, 1);
  run.start_in_order({3, 2, 1}, 1'000'000);
  run.run_for(3'000'000);
  REQUIRE(run.world()->leader() == std::optional<ServerId>(3));
  sim::ClientConnect connect;
  connect.client = "c";
  connect.server = sim::ServerRef{.is_leader = false, .id = 1};
  REQUIRE(run.apply(connect).empty());
  run.run_for(1'000'000);
  sim::ClientCreate create;
  create.client = "c";
  create.path = "/app";
  create.data = "v1\nv2";
  REQUIRE(run.apply(create).empty());
  create.path = "/app/k";
  create.data = "";
  REQUIRE(run.apply(create).empty());
  run.run_for(1'000'000);
  const DataTree& tree = run.world()->peer(1)->tree();
  std::vector<ui::ExpectChoice> checks = ui::node_checks(tree, 1, "/app");
  REQUIRE(checks.size() == 4);
  CHECK(sim::format_step(checks[0].check) == "expect node 1 /app data \"v1\\nv2\"");
  CHECK(sim::format_step(checks[1].check) == "expect node 1 /app children k");
  CHECK(sim::format_step(checks[3].check) == "expect node 1 /app stat cversion 1");
  for (const ui::ExpectChoice& choice : checks) CHECK(run.add_expectation(choice.check).empty());
  CHECK(run.add_expectation(ui::node_checks(tree, 1, "/nope")[0].check).empty());
  sim::ClientSet set_data;
  set_data.client = "c";
  set_data.path = "/app";
  set_data.data = "v3";
  REQUIRE(run.apply(set_data).empty());
  run.run_for(1'000'000);
  const sim::SavedScenario saved = run.to_scenario();
  const size_t data = saved.text.find("expect node 1 /app data \"v1\\nv2\"\n");
  const size_t set = saved.text.find("c set /app v3\n");
  REQUIRE(data != std::string::npos);
  REQUIRE(set != std::string::npos);
  CHECK(data < set);
  const sim::ParseResult parsed = sim::parse_scenario(saved.text, "checked.zks");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  const sim::RunReport report = sim::run_scenario(parsed.scenario, std::nullopt);
  CHECK(report.error.empty());
  CHECK(report.passed() == 5);
  CHECK(report.failed() == 0);
}
