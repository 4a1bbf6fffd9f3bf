// Why: the decision log — every trace event as the plain sentence trace_format writes (or
// its Chinese rendering when the language is 简体中文), newest at the bottom, with its
// virtual time (the newest 300 are shown). Clicking a sentence moves the playhead to the
// moment that event happened (time travel), so every panel shows the world right then.
#include <imgui.h>

#include <optional>

#include "sim/world/world.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "sim/replay/recorded_run.h"
#include "ui/trace_sentences_zh.h"

namespace zk::ui {

void WhyPanel::draw(const PanelContext& context) {
  if (context.world == nullptr || context.world->trace().empty()) {
    draw_empty_state(tr(Text::kNoDecisions));
    return;
  }
  ImGui::TextDisabled("%s", tr(Text::kWhyHint));
  ImGui::Separator();
  ImGui::BeginChild("##sentences");
  // The newest kShownEvents sentences, wrapped to the panel width.
  constexpr size_t kShownEvents = 300;
  const auto& trace = context.world->trace();
  const bool chinese = language() == Language::kChinese;
  const size_t first = trace.size() > kShownEvents ? trace.size() - kShownEvents : 0;
  std::optional<int64_t> jump_us;
  for (size_t i = first; i < trace.size(); ++i) {
    const TraceEvent& event = trace[i];
    ImGui::PushID(static_cast<int>(i));
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::TextDisabled("%s", sim::format_time_us(event.time_us).c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(chinese ? describe_zh(event).c_str() : describe(event).c_str());
    ImGui::PopTextWrapPos();
    // The whole row (time and wrapped sentence) is one click target.
    const ImVec2 bottom = ImGui::GetItemRectMax();
    const ImVec2 row_min(top.x, top.y);
    const ImVec2 row_max(top.x + ImGui::GetContentRegionAvail().x, bottom.y);
    if (ImGui::IsMouseHoveringRect(row_min, row_max) && ImGui::IsWindowHovered()) {
      ImGui::GetWindowDrawList()->AddRectFilled(row_min, row_max, ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.35f));
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) jump_us = event.time_us;
    }
    ImGui::PopID();
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (jump_us && context.simulation != nullptr) {
    context.simulation->playing = false;
    context.simulation->jump_to(*jump_us);
  }
}

}  // namespace zk::ui
