// The Branches menu (see branches_menu.h).
#include "ui/branches_menu.h"

#include <imgui.h>

#include <fmt/format.h>

#include <string>

#include "ui/i18n.h"
#include "ui/test_probe.h"

namespace zk::ui {

void draw_branches_menu(sim::RecordedRun& simulation, std::string& last_result) {
  const std::vector<sim::BranchInfo> branches = simulation.branches();
  probe::note("branches.count", std::to_string(branches.size()));
  if (!last_result.empty()) probe::note("branches.last", last_result);
  const bool open = ImGui::BeginMenu(tr(Text::kMenuBranches));
  probe::widget("menu.branches");
  if (!open) return;
  if (branches.empty()) ImGui::TextDisabled("%s", tr(Text::kNoBranches));
  for (size_t i = 0; i < branches.size(); ++i) {
    const sim::BranchInfo& b = branches[i];
    const std::string label =
        fmt::format(fmt::runtime(tr(Text::kBranchItem)), static_cast<double>(b.fork_at_us) / 1e6,
                    b.first_action.empty() ? std::string(tr(Text::kBranchRanOn)) : b.first_action,
                    static_cast<double>(b.end_us) / 1e6) +
        fmt::format("##branch{}", i);
    const bool chosen = ImGui::MenuItem(label.c_str());
    probe::widget(fmt::format("branch.{}", i + 1).c_str());
    if (chosen) {
      const std::string error = simulation.switch_branch(i);
      last_result = error.empty() ? "switched" : error;
    }
  }
  ImGui::EndMenu();
}

}  // namespace zk::ui
