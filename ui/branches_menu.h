// The Branches menu: the futures a fork left behind (RecordedRun::branches), one item each,
// "at 3.000 s: kill leader ... to 10.000 s"; choosing one makes it the run again
// (RecordedRun::switch_branch) and the run left becomes a branch in its place. Probed as
// menu.branches and branch.<N> (1 = the oldest) for the real-window tests.
#pragma once

#include <string>

#include "sim/replay/recorded_run.h"

namespace zk::ui {

// last_result: what the last choice gave ("switched" or why not), kept by the caller and
// shown to the probe every frame.
void draw_branches_menu(sim::RecordedRun& simulation, std::string& last_result);

}  // namespace zk::ui
