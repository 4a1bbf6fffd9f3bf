// Real ZooKeeper data directories in the GUI: File > Open ZooKeeper data directories and
// File > Save disks. Opening goes through the scenario layer, as every GUI change to the
// world does: the folder becomes a scenario text (`cluster N`, one `disk ID load DIR` per
// server dataDir found, `start` every server, `run until leader`), parsed like any .zks,
// so the scenario view shows those lines and steps them exactly as `zksim run` would run
// the same file. Saving writes each server's durable disk as a ZooKeeper 3.8 dataDir,
// OUT/server<ID>/, as `zksim run --save-disks` does. Errors are one line naming the
// directory.
#pragma once

#include <string>

#include "sim/world/world.h"
#include "ui/scenario_files.h"

namespace zk::ui {

// FOLDER is one server's dataDir (it holds version-2/) or holds one dataDir per server in
// its subfolders (server1/, server2/, ... or any names: each one's myid says which server).
// The cluster has as many servers as the highest myid; each dataDir found loads its server.
LoadedScenario data_dirs_scenario(const std::string& folder);

// Each server's durable disk as OUT/server<ID>/; "" or the first error.
std::string save_disks(const sim::World& world, const std::string& out_dir);

}  // namespace zk::ui
