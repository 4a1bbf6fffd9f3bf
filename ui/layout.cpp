// Three columns: controls and votes on the left, the cluster ring and timeline in the
// middle, the why-log, znode tree and console on the right.
#include "ui/layout.h"

namespace zk::ui {

Layout compute_layout(ImVec2 origin, ImVec2 size, bool scenario_open, bool lesson_open, bool space_time) {
  const float left_w = size.x * 0.24f;
  const float right_w = size.x * 0.30f;
  const float mid_w = size.x - left_w - right_w;
  const float mid_x = origin.x + left_w;
  const float right_x = mid_x + mid_w;
  const float controls_h = size.y * 0.50f;
  const float cluster_h = size.y * (space_time ? 0.52f : 0.64f);
  const float why_h = size.y * 0.36f;
  const float tree_h = size.y * 0.34f;

  Layout layout;
  layout.controls = {origin, {left_w, controls_h}};
  layout.votes = {{origin.x, origin.y + controls_h}, {left_w, size.y - controls_h}};
  layout.cluster = {{mid_x, origin.y}, {mid_w, cluster_h}};
  layout.timeline = {{mid_x, origin.y + cluster_h}, {mid_w, size.y - cluster_h}};
  layout.why = {{right_x, origin.y}, {right_w, why_h}};
  layout.tree = {{right_x, origin.y + why_h}, {right_w, tree_h}};
  layout.console = {{right_x, origin.y + why_h + tree_h}, {right_w, size.y - why_h - tree_h}};
  if (scenario_open) {
    const float votes_h = (size.y - controls_h) * 0.45f;
    layout.votes.size.y = votes_h;
    layout.scenario = {{origin.x, origin.y + controls_h + votes_h}, {left_w, size.y - controls_h - votes_h}};
  }
  if (lesson_open) {  // the narration heads the right column; the others share the rest
    const float lesson_h = size.y * 0.46f;
    const float rest_why_h = size.y * 0.22f;
    const float rest_tree_h = size.y * 0.16f;
    layout.lesson = {{right_x, origin.y}, {right_w, lesson_h}};
    layout.why = {{right_x, origin.y + lesson_h}, {right_w, rest_why_h}};
    layout.tree = {{right_x, origin.y + lesson_h + rest_why_h}, {right_w, rest_tree_h}};
    layout.console = {{right_x, origin.y + lesson_h + rest_why_h + rest_tree_h},
                      {right_w, size.y - lesson_h - rest_why_h - rest_tree_h}};
  }
  return layout;
}

void place_next_window(const PanelRect& rect) {
  ImGui::SetNextWindowPos(rect.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(rect.size, ImGuiCond_Always);
}

}  // namespace zk::ui
