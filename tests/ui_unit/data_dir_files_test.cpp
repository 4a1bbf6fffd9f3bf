// File > Open ZooKeeper data directories without a window: the scenario text a folder of
// real dataDirs (tests/fixtures/datadir) becomes, and the one-line refusals.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ui/data_dir_files.h"

namespace {

std::string fixture(const std::string& rel) {
  return (std::filesystem::path(ZKSIM_SOURCE_DIR) / "tests/fixtures/datadir" / rel).lexically_normal().string();
}

}  // namespace

TEST_CASE("data directories: a folder of dataDirs becomes `disk ID load` lines, ordered by myid") {
  const zk::ui::LoadedScenario loaded = zk::ui::data_dirs_scenario(fixture("ensemble"));
  INFO(loaded.error);
  REQUIRE(loaded.error.empty());
  CHECK(loaded.path == fixture("ensemble") + "/data-directories.zks");
  CHECK(loaded.lines == std::vector<std::string>{
                           "# The ZooKeeper data directories in " + fixture("ensemble") +
                               " (File > Open ZooKeeper data directories)",
                           "cluster 3",
                           "disk 1 load " + fixture("ensemble/server1"),
                           "disk 2 load " + fixture("ensemble/server2"),
                           "disk 3 load " + fixture("ensemble/server3"),
                           "start 1 2 3",
                           "run until leader",
                       });
  CHECK(loaded.scenario.steps.size() == 5);
  // One server's dataDir alone: a cluster as large as its myid, that server loaded.
  const zk::ui::LoadedScenario one = zk::ui::data_dirs_scenario(fixture("ensemble/server2"));
  REQUIRE(one.error.empty());
  CHECK(one.lines[1] == "cluster 2");
  CHECK(one.lines[2] == "disk 2 load " + fixture("ensemble/server2"));
}

TEST_CASE("data directories: refusals name the directory") {
  CHECK(zk::ui::data_dirs_scenario(fixture("nowhere")).error == fixture("nowhere") + ": is not a directory");
  CHECK(zk::ui::data_dirs_scenario(fixture("split")).error ==
        fixture("split/logs") + ": myid file is missing");
  CHECK(zk::ui::data_dirs_scenario(fixture("split/logs/version-2")).error ==
        fixture("split/logs/version-2") + ": holds no ZooKeeper dataDir (a folder with version-2/), nor do its subfolders");
}
