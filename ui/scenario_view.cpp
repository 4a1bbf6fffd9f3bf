// The scenario window and the File menu's open/save dialogs (see scenario_view.h).
#include "ui/scenario_view.h"

#include <fmt/format.h>
#include <imgui.h>

#include <filesystem>

#include "ui/i18n.h"

namespace zk::ui {

std::string ScenarioView::open(Simulation& simulation, const std::string& path) {
  LoadedScenario loaded = load_scenario_file(path);
  if (!loaded.error.empty()) return loaded.error;
  loaded_ = std::move(loaded);
  simulation.open_scenario(loaded_.scenario, std::nullopt);
  open_ = true;
  scroll_to_line_ = 0;
  return {};
}

void ScenarioView::draw(Simulation& simulation, float x, float y, float width, float height) {
  if (!open_) return;
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Appearing);
  const std::string title =
      fmt::format("{}: {}###scenario", tr(Text::kScenarioTitle), std::filesystem::path(loaded_.path).filename().string());
  bool keep = true;
  ImGui::SetNextWindowBgAlpha(1.0f);
  if (!ImGui::Begin(title.c_str(), &keep, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    if (!keep) open_ = false;
    return;
  }
  const sim::ScenarioStepper* stepper = simulation.scenario();
  const int next_line = simulation.scenario_next_line();
  // After a jump back, the line that was running at the playhead; else the next line.
  const int playhead_line = simulation.scenario_line_at_playhead();
  ImGui::BeginDisabled(next_line == 0);
  if (ImGui::Button(tr(Text::kScenarioStepLine))) {
    simulation.playing = false;
    simulation.scenario_step();
  }
  ImGui::SameLine();
  if (ImGui::Button(tr(Text::kScenarioRunToEnd))) {
    simulation.playing = false;
    simulation.scenario_run_to_end();
  }
  ImGui::EndDisabled();
  ImGui::PushTextWrapPos(0.0f);
  if (stepper == nullptr) {
    ImGui::TextDisabled("%s", tr(Text::kScenarioDetached));
  } else if (!stepper->report().error.empty()) {
    ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.3f, 1.0f), "%s", stepper->report().error.c_str());
  } else if (next_line == 0) {
    ImGui::TextColored(ImVec4(0.4f, 0.8f, 0.4f, 1.0f), "%s: %d/%zu", tr(Text::kScenarioFinished),
                       stepper->report().passed(), stepper->report().expectations.size());
  } else {
    ImGui::TextDisabled("%s: %d", tr(Text::kScenarioNextLine), next_line);
  }
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  ImGui::BeginChild("##lines");
  for (size_t i = 0; i < loaded_.lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    // The expectation checked on this line, if any: a mark in front of it.
    const char* mark = "  ";
    ImVec4 mark_color(0.4f, 0.8f, 0.4f, 1.0f);
    if (stepper != nullptr) {
      for (const sim::ExpectationResult& result : stepper->report().expectations) {
        if (result.line != line) continue;
        mark = "●";  // green when it passed, red when it failed
        if (!result.passed) mark_color = ImVec4(0.95f, 0.4f, 0.3f, 1.0f);
      }
    }
    const bool current = line == (playhead_line != 0 ? playhead_line : next_line);
    if (current) {
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(
          pos, ImVec2(pos.x + ImGui::GetContentRegionAvail().x, pos.y + ImGui::GetTextLineHeightWithSpacing()),
          IM_COL32(230, 170, 40, 90));
      if (scroll_to_line_ != line) {  // keep the highlighted line in view when it moves
        ImGui::SetScrollHereY(0.3f);
        scroll_to_line_ = line;
      }
    }
    ImGui::TextColored(mark_color, "%s", mark);
    ImGui::SameLine();
    ImGui::TextDisabled("%3d", line);
    ImGui::SameLine();
    const std::string& text = loaded_.lines[i];
    if (!text.empty() && text.front() == '#') {
      ImGui::TextDisabled("%s", text.c_str());
    } else {
      ImGui::TextUnformatted(text.c_str());
    }
  }
  ImGui::EndChild();
  ImGui::End();
  if (!keep) open_ = false;
}

void ScenarioView::draw_file_menu_items() {
  if (ImGui::MenuItem(tr(Text::kOpenScenario))) want_open_dialog_ = true;
  if (ImGui::MenuItem(tr(Text::kSaveScenario))) want_save_dialog_ = true;
}

void ScenarioView::draw_dialogs(Simulation& simulation) {
  if (want_open_dialog_) {
    ImGui::OpenPopup("##open_scenario");
    want_open_dialog_ = false;
    dialog_message_.clear();
  }
  if (want_save_dialog_) {
    ImGui::OpenPopup("##save_scenario");
    want_save_dialog_ = false;
    dialog_message_.clear();
  }
  const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("##open_scenario", nullptr, ImGuiWindowFlags_NoTitleBar)) {
    ImGui::TextUnformatted(tr(Text::kScenarioFiles));
    ImGui::BeginChild("##lessons", ImVec2(0, 260), true);
    for (const std::string& path : lesson_scenario_paths()) {
      const std::string name = std::filesystem::path(path).filename().string();
      if (ImGui::Selectable(name.c_str(), path == path_input_, ImGuiSelectableFlags_DontClosePopups)) {
        snprintf(path_input_, sizeof path_input_, "%s", path.c_str());
      }
    }
    ImGui::EndChild();
    ImGui::TextUnformatted(tr(Text::kScenarioPathHint));
    ImGui::SetNextItemWidth(-1);
    const bool entered = ImGui::InputText("##path", path_input_, sizeof path_input_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (!dialog_message_.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.3f, 1.0f), "%s", dialog_message_.c_str());
      ImGui::PopTextWrapPos();
    }
    if (ImGui::Button(tr(Text::kOpen)) || entered) {
      dialog_message_ = open(simulation, path_input_);
      if (dialog_message_.empty()) ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(Text::kCancel))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("##save_scenario", nullptr, ImGuiWindowFlags_NoTitleBar)) {
    ImGui::TextUnformatted(tr(Text::kSaveScenario));
    ImGui::SetNextItemWidth(-1);
    const bool entered = ImGui::InputText("##save", save_input_, sizeof save_input_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (!dialog_message_.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(dialog_message_.c_str());
      ImGui::PopTextWrapPos();
    }
    if (ImGui::Button(tr(Text::kSave)) || entered) {
      const SavedScenario saved = simulation.to_scenario();
      if (saved.text.empty()) {
        dialog_message_ = saved.warning;
      } else {
        const std::string error = write_text_file(save_input_, saved.text);
        dialog_message_ = !error.empty() ? error
                          : saved.warning.empty() ? fmt::format("{}: {}", tr(Text::kScenarioSaved), save_input_)
                                                  : fmt::format("{}: {} ({})", tr(Text::kScenarioSaved), save_input_,
                                                                saved.warning);
      }
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(Text::kScenarioClose))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace zk::ui
