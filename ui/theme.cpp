// Style setup on top of Dear ImGui's stock dark and light colour sets.
#include "ui/theme.h"

namespace zk::ui {

void apply_theme(Theme theme) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (theme == Theme::kDark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  // Square corners: a rounded rectangle is a polygon with an anti-aliased fringe, a square
  // one two triangles, and the software renderer pays for every triangle each frame.
  style.WindowRounding = 0.0f;
  style.ChildRounding = 0.0f;
  style.FrameRounding = 0.0f;
  style.GrabRounding = 0.0f;
  style.PopupRounding = 0.0f;
  style.ScrollbarRounding = 0.0f;
  style.TabRounding = 0.0f;
  style.WindowBorderSize = 1.0f;
  style.ScrollbarSize = 14.0f;
  // On white an unticked checkbox or radio button is a white square or disc: outline frames.
  if (theme == Theme::kLight) style.FrameBorderSize = 1.0f;
}

ImVec4 text_tone(TextTone tone) {
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const bool light = background.x + background.y + background.z > 1.5f;
  switch (tone) {
    case TextTone::kWarning: return light ? ImVec4(0.60f, 0.36f, 0.0f, 1.0f) : ImVec4(0.95f, 0.7f, 0.2f, 1.0f);
    case TextTone::kError: return light ? ImVec4(0.75f, 0.13f, 0.08f, 1.0f) : ImVec4(0.95f, 0.4f, 0.3f, 1.0f);
    case TextTone::kGood: return light ? ImVec4(0.08f, 0.48f, 0.15f, 1.0f) : ImVec4(0.4f, 0.8f, 0.4f, 1.0f);
    case TextTone::kInfo: return light ? ImVec4(0.08f, 0.33f, 0.72f, 1.0f) : ImVec4(0.40f, 0.70f, 1.0f, 1.0f);
  }
  return background;
}

StateColors state_colors() {
  return StateColors{
      IM_COL32(230, 170, 40, 255),   // LOOKING: amber
      IM_COL32(70, 130, 220, 255),   // FOLLOWING: blue
      IM_COL32(60, 170, 90, 255),    // LEADING: green
      IM_COL32(40, 175, 175, 255),   // OBSERVING: teal
      IM_COL32(120, 120, 120, 255),  // DOWN: grey
      IM_COL32(160, 100, 200, 255),  // paused: purple
  };
}

}  // namespace zk::ui
