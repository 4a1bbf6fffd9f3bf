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
  PanelRect lesson;    // the top of the right column, while an opened lesson has narration
};

// With scenario_open the Votes tile keeps the upper part of its column and the scenario
// window takes the lower part, so neither hides the other. With lesson_open the lesson's
// narration heads the right column, beside the cluster, above a shorter Why, tree and console.
// With space_time (the timeline's Messages) the timeline takes more of the middle column.
Layout compute_layout(ImVec2 origin, ImVec2 size, bool scenario_open = false, bool lesson_open = false,
                      bool space_time = false);

// Places the next window at rect; call right before ImGui::Begin.
void place_next_window(const PanelRect& rect);

}  // namespace zk::ui
