// "Expect this here": the right-click menus that turn what a panel shows at the playhead
// into scenario checks (the cluster view's server menu, the Znode tree's node menu). Each
// check is a menu item showing its scenario line; a click adds it at the playhead through
// sim::RecordedRun::add_expectation, so File → Save as scenario writes it at its moment and
// acting before that moment (a fork) drops it. The choices for a znode are built here too,
// from the tree the panel shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/data_tree.h"
#include "sim/scenario/scenario.h"

namespace zk::sim {
class RecordedRun;
class World;
}  // namespace zk::sim

namespace zk::ui {

struct ExpectChoice {
  std::string name;  // the probe widget is PREFIX.expect_NAME
  sim::Command check;
};

// The longest scenario line a menu item shows; longer ones end in "..." (the check keeps all).
inline constexpr size_t kExpectLabelBytesMax = 72;

// Draws one menu item per choice (inside an open popup). A click adds that check at the
// playhead and returns the note to show: "added at 2.5s: expect ...", or why not.
std::optional<std::string> draw_expect_items(const std::vector<ExpectChoice>& choices, const char* probe_prefix,
                                             const sim::World& world, sim::RecordedRun& simulation);

// What the Znode tree shows of `path` on server `server_id`, as checks: its data, its
// children, its Stat version and cversion; or, for a node it lacks (shown from the
// leader's tree), that it is missing.
std::vector<ExpectChoice> node_checks(const DataTree& tree, int server_id, const std::string& path);

// A menu item's text for a scenario line: at most kExpectLabelBytesMax bytes (cut at a
// UTF-8 boundary, then "..."), and no "##" (ImGui would take the rest for an id).
std::string expect_label(const std::string& line);

}  // namespace zk::ui
