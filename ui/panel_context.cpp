// The shared empty-state drawing and row wrapping.
#include "ui/panel_context.h"

#include <imgui.h>

namespace zk::ui {

void draw_empty_state(const char* sentence) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float wrap_px = avail.x * 0.85f;
  const ImVec2 text_size = ImGui::CalcTextSize(sentence, nullptr, false, wrap_px);
  const ImVec2 cursor = ImGui::GetCursorPos();
  ImGui::SetCursorPos(ImVec2(cursor.x + (avail.x - text_size.x) * 0.5f,
                             cursor.y + (avail.y - text_size.y) * 0.5f));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_px);
  ImGui::TextDisabled("%s", sentence);
  ImGui::PopTextWrapPos();
}

void same_line_if_fits(float width_px, float spacing_px) {
  ImGui::SameLine(0.0f, spacing_px);
  const float right_px = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetCursorScreenPos().x + width_px > right_px) ImGui::NewLine();
}

}  // namespace zk::ui
