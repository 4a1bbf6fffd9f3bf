// Wrapped legend rows: each entry measures itself and starts a new line when needed.
#include "ui/legend.h"

namespace zk::ui {
namespace {

bool g_first_entry = true;  // UI-only layout state between begin_legend and end_legend

}  // namespace

void begin_legend() { g_first_entry = true; }

void legend_entry(Swatch swatch, ImU32 color, const char* label) {
  const float line_h = ImGui::GetTextLineHeight();
  const float size_px = line_h * 0.7f;
  const float spacing = 12.0f;
  const float width = size_px + 4.0f + ImGui::CalcTextSize(label).x;
  if (!g_first_entry) {
    ImGui::SameLine(0.0f, spacing);
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
  }
  g_first_entry = false;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 mid(pos.x + size_px * 0.5f, pos.y + line_h * 0.5f);
  if (swatch == Swatch::kDot) {
    draw->AddCircleFilled(mid, size_px * 0.5f, color, 12);
  } else {
    draw->AddRectFilled(ImVec2(pos.x, mid.y - size_px * 0.5f), ImVec2(pos.x + size_px, mid.y + size_px * 0.5f), color);
  }
  ImGui::Dummy(ImVec2(size_px, line_h));
  ImGui::SameLine(0.0f, 4.0f);
  ImGui::TextUnformatted(label);
}

void end_legend() { g_first_entry = true; }

}  // namespace zk::ui
