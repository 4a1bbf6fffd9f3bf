// Controls: new cluster size, the one-click lessons, and playback. Actions that need a
// running world are disabled (and say why) until one exists.
#include <imgui.h>

#include "ui/i18n.h"
#include "ui/panels.h"

namespace zk::ui {

void ControlsPanel::draw(const PanelContext& context) {
  ImGui::TextUnformatted(tr(Text::kServers));
  for (int count : {3, 5, 7, 9}) {
    ImGui::SameLine();
    char label[8];
    snprintf(label, sizeof label, "%d", count);
    ImGui::RadioButton(label, &server_count_, count);
  }
  ImGui::Separator();
  const bool have_world = context.world != nullptr;
  ImGui::BeginDisabled(!have_world);
  const float button_w = ImGui::GetContentRegionAvail().x;
  ImGui::Button(tr(Text::kStart123), ImVec2(button_w, 0));
  ImGui::Button(tr(Text::kStart321), ImVec2(button_w, 0));
  ImGui::Button(tr(Text::kStartAll), ImVec2(button_w, 0));
  ImGui::Button(tr(Text::kKillLeader), ImVec2(button_w, 0));
  ImGui::Button(tr(Text::kHeal), ImVec2(button_w, 0));
  ImGui::Separator();
  ImGui::Button(tr(Text::kPlay));
  ImGui::SameLine();
  ImGui::Button(tr(Text::kStep));
  ImGui::EndDisabled();
  if (!have_world) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(Text::kNoCluster));
    ImGui::PopTextWrapPos();
  }
}

}  // namespace zk::ui
