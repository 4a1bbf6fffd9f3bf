// Splitters behind the tiles and the tiles' title-bar buttons (see tile_chrome.h).
#include "ui/tile_chrome.h"

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "ui/test_probe.h"

namespace zk::ui {
namespace {

std::string splitter_id(const Splitter& splitter) {
  if (splitter.between_columns) return fmt::format("split.columns.{}", splitter.column);
  return fmt::format("split.{}.{}", pane_id(splitter.above), pane_id(splitter.below));
}

}  // namespace

float collapsed_tile_height() { return std::max(ImGui::GetFrameHeight(), ImGui::GetStyle().WindowMinSize.y); }

void draw_splitters(LayoutState& state, const Layout& layout, ImVec2 origin, ImVec2 size) {
  constexpr ImGuiWindowFlags kFlags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoFocusOnAppearing |
      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::SetNextWindowPos(origin, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  const bool shown = ImGui::Begin("##splitters", nullptr, kFlags);
  ImGui::PopStyleVar(2);
  // Behind every tile: ImGui puts a window with NoBringToFrontOnFocus at the back when it is
  // created, so the tiles and a scenario window opened later would otherwise lie behind it.
  ImGui::BringWindowToDisplayBack(ImGui::GetCurrentWindow());
  if (shown) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (const Splitter& splitter : layout.splitters) {
      const std::string id = splitter_id(splitter);
      const ImVec2 min = splitter.rect.pos;
      const ImVec2 max(min.x + splitter.rect.size.x, min.y + splitter.rect.size.y);
      ImGui::SetCursorScreenPos(min);
      ImGui::InvisibleButton(id.c_str(), splitter.rect.size);
      probe::area(id.c_str(), min.x, min.y, max.x, max.y);
      const ImGuiID grab_key = ImGui::GetItemID();
      // Where in the gap the pointer took hold, so the boundary follows it exactly (and
      // stays put while the pointer is beyond a limit).
      if (ImGui::IsItemActivated()) {
        storage->SetFloat(grab_key, splitter.between_columns ? mouse.x - min.x : mouse.y - min.y);
      }
      if (ImGui::IsItemActive()) {
        const float grab_px = storage->GetFloat(grab_key);
        const float delta_px = splitter.between_columns ? mouse.x - grab_px - min.x : mouse.y - grab_px - min.y;
        if (delta_px != 0.0f) drag_splitter(state, layout, splitter, size, delta_px);
      }
      const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
      if (hot) ImGui::SetMouseCursor(splitter.between_columns ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
      // A grip in the middle of the gap; the whole gap lights up under the pointer.
      const ImU32 color = ImGui::GetColorU32(ImGui::IsItemActive() ? ImGuiCol_SeparatorActive
                                             : hot                 ? ImGuiCol_SeparatorHovered
                                                                   : ImGuiCol_Separator);
      if (hot) {
        draw->AddRectFilled(min, max, color);
      } else if (splitter.between_columns) {
        const float x = (min.x + max.x) * 0.5f;
        const float y = (min.y + max.y) * 0.5f;
        draw->AddLine(ImVec2(x, y - 12.0f), ImVec2(x, y + 12.0f), color, 2.0f);
      } else {
        const float x = (min.x + max.x) * 0.5f;
        const float y = (min.y + max.y) * 0.5f;
        draw->AddLine(ImVec2(x - 12.0f, y), ImVec2(x + 12.0f, y), color, 2.0f);
      }
    }
  }
  ImGui::End();
}

bool draw_title_buttons(LayoutState& state, Pane pane) {
  const bool open = !state.collapsed[static_cast<size_t>(pane)];
  const bool maximised = state.maximised == pane;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImRect title = window->TitleBarRect();
  const float button_px = std::max(8.0f, title.GetHeight() - 4.0f);
  const float spacing_px = 2.0f;
  // Left of ImGui's own close button when the window has one (the scenario window).
  const float right_px = title.Max.x - ImGui::GetStyle().FramePadding.x - (window->HasCloseButton ? button_px + spacing_px : 0.0f);
  const ImVec2 first(right_px - 2 * button_px - spacing_px, title.Min.y + (title.GetHeight() - button_px) * 0.5f);
  const ImRect buttons(first, ImVec2(right_px, first.y + button_px));
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  ImGui::PushClipRect(title.Min, title.Max, false);
  // Behind the buttons, so a long title does not run under them.
  window->DrawList->AddRectFilled(ImVec2(buttons.Min.x - 4.0f, title.Min.y), ImVec2(buttons.Max.x, title.Max.y),
                                  ImGui::GetColorU32(ImGui::IsWindowFocused() ? ImGuiCol_TitleBgActive : ImGuiCol_TitleBg));
  const std::string prefix = fmt::format("tile.{}", pane_id(pane));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
  ImGui::SetCursorScreenPos(first);
  if (!maximised) {  // a maximised tile only restores
    if (ImGui::Button(open ? "\xE2\x96\xBE###collapse" : "\xE2\x96\xB8###collapse", ImVec2(button_px, button_px))) {
      toggle_collapsed(state, pane);  // ▾ / ▸
    }
    probe::widget((prefix + ".collapse").c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", open ? "Collapse to the title bar" : "Expand");
  }
  ImGui::SetCursorScreenPos(ImVec2(first.x + button_px + spacing_px, first.y));
  if (ImGui::Button(maximised ? "\xE2\x96\xA3###maximise" : "\xE2\x96\xA1###maximise", ImVec2(button_px, button_px))) {
    toggle_maximised(state, pane);  // ▣ / □
  }
  probe::widget((prefix + ".maximise").c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", maximised ? "Restore the layout (or double-click the title)" : "Maximise (or double-click the title)");
  ImGui::PopStyleVar();
  ImGui::PopClipRect();
  ImGui::SetCursorScreenPos(cursor);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && title.Contains(mouse) && !buttons.Contains(mouse) &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
    toggle_maximised(state, pane);
  }
  return open;
}

}  // namespace zk::ui
