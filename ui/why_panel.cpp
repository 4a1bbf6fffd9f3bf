// Why: the decision log — every trace event as the plain sentence trace_format writes,
// newest at the bottom, with its virtual time (the newest 300 are shown).
#include <imgui.h>

#include "sim/world.h"
#include "ui/i18n.h"
#include "ui/panels.h"

namespace zk::ui {

void WhyPanel::draw(const PanelContext& context) {
  if (context.world == nullptr || context.world->trace().empty()) {
    draw_empty_state(tr(Text::kNoDecisions));
    return;
  }
  // The newest kShownEvents sentences, wrapped to the panel width.
  constexpr size_t kShownEvents = 300;
  const auto& trace = context.world->trace();
  const size_t first = trace.size() > kShownEvents ? trace.size() - kShownEvents : 0;
  for (size_t i = first; i < trace.size(); ++i) {
    const TraceEvent& event = trace[i];
    ImGui::TextDisabled("%s", sim::format_time_us(event.time_us).c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(describe(event).c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
}

}  // namespace zk::ui
