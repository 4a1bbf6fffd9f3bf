// Cluster view: servers on a ring coloured by state. Until a cluster exists it shows the
// colour legend and the empty-state sentence.
#include <imgui.h>

#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace zk::ui {
namespace {

void draw_state_legend() {
  const StateColors colors = state_colors();
  const struct {
    const char* label;
    ImU32 color;
  } entries[] = {{"LOOKING", colors.looking},
                 {"FOLLOWING", colors.following},
                 {"LEADING", colors.leading},
                 {"DOWN", colors.down},
                 {"paused", colors.paused}};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float radius_px = ImGui::GetTextLineHeight() * 0.4f;
  for (const auto& entry : entries) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    draw->AddCircleFilled(ImVec2(pos.x + radius_px, pos.y + ImGui::GetTextLineHeight() * 0.5f), radius_px,
                          entry.color);
    ImGui::Dummy(ImVec2(radius_px * 2.0f, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextUnformatted(entry.label);
    ImGui::SameLine(0.0f, 18.0f);
  }
  ImGui::NewLine();
  ImGui::Separator();
}

}  // namespace

void ClusterView::draw(const PanelContext& context) {
  draw_state_legend();
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoCluster));
    return;
  }
}

}  // namespace zk::ui
