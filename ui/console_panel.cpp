// Console: a zkCli-style console attached to the chosen server. The logic lives in
// ConsoleSession; this file draws the server combo, the output (echoed commands, replies,
// errors in red, watch events in blue) and the input line with Up/Down history.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>

#include "sim/world/world.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "sim/replay/recorded_run.h"
#include "ui/test_probe.h"
#include "ui/theme.h"

namespace zk::ui {
namespace {

struct HistoryState {
  const std::vector<std::string>* history = nullptr;
  int* position = nullptr;  // -1: editing a new line
};

int history_callback(ImGuiInputTextCallbackData* data) {
  auto* state = static_cast<HistoryState*>(data->UserData);
  if (data->EventFlag != ImGuiInputTextFlags_CallbackHistory || state->history->empty()) return 0;
  const int count = static_cast<int>(state->history->size());
  int& position = *state->position;
  if (data->EventKey == ImGuiKey_UpArrow) {
    position = position < 0 ? count - 1 : std::max(0, position - 1);
  } else if (data->EventKey == ImGuiKey_DownArrow) {
    position = position < 0 || position + 1 >= count ? -1 : position + 1;
  }
  data->DeleteChars(0, data->BufTextLen);
  if (position >= 0) data->InsertChars(0, (*state->history)[static_cast<size_t>(position)].c_str());
  return 0;
}

ImVec4 line_color(ConsoleLineKind kind) {
  switch (kind) {
    case ConsoleLineKind::kEcho: return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    case ConsoleLineKind::kError: return text_tone(TextTone::kError);
    case ConsoleLineKind::kEvent: return text_tone(TextTone::kInfo);
    case ConsoleLineKind::kOutput: break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

}  // namespace

void ConsolePanel::draw(const PanelContext& context) {
  if (context.world == nullptr || context.simulation == nullptr) {
    draw_empty_state(tr(Text::kNoConsole));
    return;
  }
  const sim::World& world = *context.world;
  session_.poll(world);
  const int n = world.server_count();
  if (session_.server() > n) session_.set_server(1);
  const std::string preview = fmt::format("S{}", session_.server());
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("S99").x + 36.0f);
  if (ImGui::BeginCombo(tr(Text::kConsoleServer), preview.c_str())) {
    for (int id = 1; id <= n; ++id) {
      const std::string item =
          fmt::format("S{} {}", id, world.is_up(id) ? peer_state_name(world.state(id)) : "DOWN");
      if (ImGui::Selectable(item.c_str(), id == session_.server())) session_.set_server(id);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("connect")) session_.submit("connect", *context.simulation);
  probe::widget("console.connect");
  ImGui::SameLine();
  if (ImGui::SmallButton("srvr")) session_.submit("srvr", *context.simulation);
  probe::widget("console.srvr");
  ImGui::SameLine();
  if (ImGui::SmallButton("mntr")) session_.submit("mntr", *context.simulation);
  probe::widget("console.mntr");
  // Clear goes to a second line where the column is too narrow for the row.
  same_line_if_fits(ImGui::CalcTextSize(tr(Text::kConsoleClear)).x + ImGui::GetStyle().FramePadding.x * 2.0f);
  if (ImGui::SmallButton(tr(Text::kConsoleClear))) session_.clear();
  probe::widget("console.clear");
  const float input_h = ImGui::GetFrameHeightWithSpacing();
  if (ImGui::BeginChild("output", ImVec2(0, -input_h), true, ImGuiWindowFlags_HorizontalScrollbar)) {
    if (session_.lines().empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", tr(Text::kConsoleHelp));
      ImGui::PopTextWrapPos();
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(session_.lines().size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const ConsoleLine& line = session_.lines()[static_cast<size_t>(i)];
        ImGui::PushStyleColor(ImGuiCol_Text, line_color(line.kind));
        ImGui::TextUnformatted(line.text.c_str());
        ImGui::PopStyleColor();
      }
    }
    if (session_.lines().size() != shown_lines_) {
      ImGui::SetScrollHereY(1.0f);
      shown_lines_ = session_.lines().size();
    }
  }
  ImGui::EndChild();
  const std::string prompt = session_.prompt(&world);
  ImGui::TextUnformatted(prompt.c_str());
  ImGui::SameLine(0.0f, 0.0f);
  ImGui::SetNextItemWidth(-1.0f);
  HistoryState history{&session_.history(), &history_position_};
  if (focus_input_) {
    ImGui::SetKeyboardFocusHere();
    focus_input_ = false;
  }
  constexpr ImGuiInputTextFlags kFlags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory;
  const bool entered = ImGui::InputTextWithHint("##command", tr(Text::kConsoleInputHint), input_, sizeof input_,
                                                kFlags, history_callback, &history);
  probe::widget("console.input");
  if (entered) {
    session_.submit(input_, *context.simulation);
    input_[0] = '\0';
    history_position_ = -1;
    focus_input_ = true;
  }
  if (probe::enabled()) {  // the last lines, as the test reads them
    const auto& lines = session_.lines();
    const size_t shown = std::min<size_t>(lines.size(), 6);
    for (size_t i = 0; i < shown; ++i) {
      probe::note(fmt::format("console.line{}", i), lines[lines.size() - shown + i].text);
    }
    if (!lines.empty()) probe::note("console.last", lines.back().text);
  }
}

}  // namespace zk::ui
