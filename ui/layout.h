// The tiled layout of the main window: where each panel sits for a given viewport size.
// Panels are fixed tiles (no overlapping windows) so that a projected classroom screen
// always shows all of them; the layout follows window resizes.
#pragma once

#include <imgui.h>

namespace zk::ui {

struct PanelRect {
  ImVec2 pos;
  ImVec2 size;
};

struct Layout {
  PanelRect controls;
  PanelRect votes;
  PanelRect cluster;
  PanelRect timeline;
  PanelRect why;
  PanelRect tree;
  PanelRect console;
  PanelRect scenario;  // the lower part of the Votes column, while a scenario is open
};

// With scenario_open the Votes tile keeps the upper part of its column and the scenario
// window takes the lower part, so neither hides the other.
Layout compute_layout(ImVec2 origin, ImVec2 size, bool scenario_open = false);

// Places the next window at rect; call right before ImGui::Begin.
void place_next_window(const PanelRect& rect);

}  // namespace zk::ui
