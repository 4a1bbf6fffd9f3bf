// The scenario window and the File menu's open/save dialogs (see scenario_view.h).
#include "ui/scenario_view.h"

#include <fmt/format.h>
#include <imgui.h>

#include <filesystem>

#include "ui/data_dir_files.h"
#include "ui/i18n.h"
#include "ui/test_probe.h"
#include "ui/theme.h"
#include "ui/tile_chrome.h"

namespace zk::ui {
namespace {

// A request from the File menu (or Ctrl+S) opens its dialog on this frame, with no message.
void open_if_requested(bool& requested, const char* id, std::string& message) {
  if (!requested) return;
  ImGui::OpenPopup(id);
  requested = false;
  message.clear();
}

// Every dialog: centred, 560 px wide and as tall as what it shows this frame (a message
// appearing must not push its buttons out of view).
bool begin_dialog(const char* id) {
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Always);
  return ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar);
}

bool escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false); }

// The dialog's last message, wrapped; red for an error.
void draw_message(const std::string& message, bool error) {
  if (message.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  if (error) {
    ImGui::TextColored(text_tone(TextTone::kError), "%s", message.c_str());
  } else {
    ImGui::TextUnformatted(message.c_str());
  }
  ImGui::PopTextWrapPos();
  probe::note("dialog.message", message);
}

}  // namespace

std::string ScenarioView::open(sim::RecordedRun& simulation, const std::string& path) {
  LoadedScenario loaded = load_scenario_file(path);
  if (!loaded.error.empty()) return loaded.error;
  show(simulation, std::move(loaded));
  return {};
}

std::string ScenarioView::open_data_dirs(sim::RecordedRun& simulation, const std::string& folder) {
  LoadedScenario loaded = data_dirs_scenario(folder);
  if (!loaded.error.empty()) return loaded.error;
  show(simulation, std::move(loaded));
  return {};
}

void ScenarioView::show(sim::RecordedRun& simulation, LoadedScenario loaded) {
  loaded_ = std::move(loaded);
  simulation.open_scenario(loaded_.scenario, std::nullopt, loaded_.lines);
  open_ = true;
  scroll_to_line_ = 0;
}

void ScenarioView::draw(sim::RecordedRun& simulation, const PanelRect& rect, LayoutState& layout) {
  if (!open_) return;
  place_next_window(rect);
  const std::string title =
      fmt::format("{}: {}###scenario", tr(Text::kScenarioTitle), std::filesystem::path(loaded_.path).filename().string());
  bool keep = true;
  ImGui::SetNextWindowBgAlpha(1.0f);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  const bool shown = ImGui::Begin(title.c_str(), &keep, kFlags);
  probe::window("scenario.window");
  if (!shown || !draw_title_buttons(layout, Pane::kScenario)) {  // collapsed: its title bar only
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
  probe::widget("scenario.step_line");
  ImGui::SameLine();
  if (ImGui::Button(tr(Text::kScenarioRunToEnd))) {
    simulation.playing = false;
    simulation.scenario_run_to_end();
  }
  probe::widget("scenario.run_to_end");
  ImGui::EndDisabled();
  const ImVec4 kRed = text_tone(TextTone::kError);
  const ImVec4 kGreen = text_tone(TextTone::kGood);
  ImGui::PushTextWrapPos(0.0f);
  std::string status;
  if (stepper == nullptr) {
    ImGui::TextDisabled("%s", tr(Text::kScenarioDetached));
    status = tr(Text::kScenarioDetached);
  } else if (!stepper->report().error.empty()) {
    ImGui::TextColored(kRed, "%s", stepper->report().error.c_str());
    status = stepper->report().error;
  } else if (next_line == 0) {
    // Finished: green only when every expectation passed; a failure is red and says why
    // (what was expected and what was seen, as `zksim run` prints it).
    const sim::RunReport& report = stepper->report();
    const int failed = report.failed();
    status = failed == 0 ? fmt::format("{}: {}/{}", tr(Text::kScenarioFinished), report.passed(),
                                       report.expectations.size())
                         : fmt::format("{}: {}/{}, {} {}", tr(Text::kScenarioFinished), report.passed(),
                                       report.expectations.size(), failed, tr(Text::kScenarioFailed));
    ImGui::TextColored(failed == 0 ? kGreen : kRed, "%s", status.c_str());
  } else {
    ImGui::TextDisabled("%s: %d", tr(Text::kScenarioNextLine), next_line);
    status = fmt::format("{}: {}", tr(Text::kScenarioNextLine), next_line);
  }
  if (stepper != nullptr) {
    constexpr int kListed = 5;  // the rest are marked on their lines
    int listed = 0;
    for (const sim::ExpectationResult& result : stepper->report().expectations) {
      if (result.passed || ++listed > kListed) continue;
      const std::string reason = fmt::format("{} {}: {} - {}", tr(Text::kScenarioLine), result.line, result.text,
                                             result.detail);
      ImGui::TextColored(kRed, "%s", reason.c_str());
      probe::note(fmt::format("scenario.failed{}", result.line), reason);
    }
  }
  ImGui::PopTextWrapPos();
  probe::note("scenario.status", status);
  ImGui::Separator();
  ImGui::BeginChild("##lines");
  for (size_t i = 0; i < loaded_.lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    // The expectation checked on this line, if any: a mark in front of it.
    const char* mark = "  ";
    ImVec4 mark_color = kGreen;
    const sim::ExpectationResult* checked = nullptr;
    if (stepper != nullptr) {
      for (const sim::ExpectationResult& result : stepper->report().expectations) {
        if (result.line != line) continue;
        mark = "●";  // green when it passed, red when it failed
        if (!result.passed) mark_color = kRed;
        checked = &result;
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
    if (checked != nullptr && !checked->passed && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s", checked->detail.c_str());  // the reason, on the red dot
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%3d", line);
    ImGui::SameLine();
    const std::string& text = loaded_.lines[i];
    if (!text.empty() && text.front() == '#') {
      ImGui::TextDisabled("%s", text.c_str());
    } else {
      ImGui::TextUnformatted(text.c_str());
    }
    if (checked != nullptr && !checked->passed) {  // the reason under the failed line
      ImGui::Indent(ImGui::CalcTextSize("●  000 ").x);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(kRed, "%s", checked->detail.c_str());
      ImGui::PopTextWrapPos();
      ImGui::Unindent(ImGui::CalcTextSize("●  000 ").x);
    }
  }
  ImGui::EndChild();
  ImGui::End();
  if (!keep) open_ = false;
}

void ScenarioView::draw_file_menu_items() {
  if (ImGui::MenuItem(tr(Text::kOpenScenario))) want_open_dialog_ = true;
  probe::widget("menu.open_scenario");
  if (ImGui::MenuItem(tr(Text::kSaveScenario))) want_save_dialog_ = true;
  probe::widget("menu.save_scenario");
  if (ImGui::MenuItem(tr(Text::kOpenDataDirs))) want_data_dirs_dialog_ = true;
  probe::widget("menu.open_data_dirs");
  if (ImGui::MenuItem(tr(Text::kSaveDisks))) want_save_disks_dialog_ = true;
  probe::widget("menu.save_disks");
}

void ScenarioView::draw_data_dir_dialogs(sim::RecordedRun& simulation) {
  open_if_requested(want_data_dirs_dialog_, "##open_data_dirs", dialog_message_);
  open_if_requested(want_save_disks_dialog_, "##save_disks", dialog_message_);
  if (begin_dialog("##open_data_dirs")) {
    probe::note("dialog", "open_data_dirs");
    ImGui::TextUnformatted(tr(Text::kOpenDataDirs));
    ImGui::TextUnformatted(tr(Text::kDataDirsHint));
    ImGui::SetNextItemWidth(-1);
    const bool entered =
        ImGui::InputText("##data_dirs", data_dirs_input_, sizeof data_dirs_input_, ImGuiInputTextFlags_EnterReturnsTrue);
    probe::widget("dialog.data_dirs_path");
    draw_message(dialog_message_, true);
    if (ImGui::Button(tr(Text::kOpen)) || entered) {
      dialog_message_ = open_data_dirs(simulation, data_dirs_input_);
      if (dialog_message_.empty()) ImGui::CloseCurrentPopup();
    }
    probe::widget("dialog.open");
    ImGui::SameLine();
    if (ImGui::Button(tr(Text::kCancel)) || escape_pressed()) ImGui::CloseCurrentPopup();
    probe::widget("dialog.cancel");
    probe::window("dialog.window");
    ImGui::EndPopup();
  }
  if (begin_dialog("##save_disks")) {
    probe::note("dialog", "save_disks");
    ImGui::TextUnformatted(tr(Text::kSaveDisks));
    ImGui::SetNextItemWidth(-1);
    const bool entered =
        ImGui::InputText("##disks", disks_input_, sizeof disks_input_, ImGuiInputTextFlags_EnterReturnsTrue);
    probe::widget("dialog.disks_path");
    draw_message(dialog_message_, false);
    if (ImGui::Button(tr(Text::kSave)) || entered) {
      const sim::World* world = simulation.world();
      const std::string error = world == nullptr ? std::string("no cluster to save") : save_disks(*world, disks_input_);
      dialog_message_ = error.empty() ? fmt::format("{}: {}/server<ID>/", tr(Text::kDisksSaved), disks_input_) : error;
    }
    probe::widget("dialog.save");
    ImGui::SameLine();
    if (ImGui::Button(tr(Text::kScenarioClose)) || escape_pressed()) ImGui::CloseCurrentPopup();
    probe::widget("dialog.close");
    probe::window("dialog.window");
    ImGui::EndPopup();
  }
}

void ScenarioView::draw_dialogs(sim::RecordedRun& simulation) {
  draw_data_dir_dialogs(simulation);
  open_if_requested(want_open_dialog_, "##open_scenario", dialog_message_);
  open_if_requested(want_save_dialog_, "##save_scenario", dialog_message_);
  if (begin_dialog("##open_scenario")) {
    probe::note("dialog", "open");
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
    probe::widget("dialog.path");
    draw_message(dialog_message_, true);
    if (ImGui::Button(tr(Text::kOpen)) || entered) {
      dialog_message_ = open(simulation, path_input_);
      if (dialog_message_.empty()) ImGui::CloseCurrentPopup();
    }
    probe::widget("dialog.open");
    ImGui::SameLine();
    if (ImGui::Button(tr(Text::kCancel)) || escape_pressed()) ImGui::CloseCurrentPopup();
    probe::widget("dialog.cancel");
    probe::window("dialog.window");
    ImGui::EndPopup();
  }
  if (begin_dialog("##save_scenario")) {
    probe::note("dialog", "save");
    ImGui::TextUnformatted(tr(Text::kSaveScenario));
    ImGui::SetNextItemWidth(-1);
    const bool entered = ImGui::InputText("##save", save_input_, sizeof save_input_, ImGuiInputTextFlags_EnterReturnsTrue);
    probe::widget("dialog.save_path");
    draw_message(dialog_message_, false);
    if (ImGui::Button(tr(Text::kSave)) || entered) {
      const sim::SavedScenario saved = simulation.to_scenario();
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
    probe::widget("dialog.save");
    ImGui::SameLine();
    if (ImGui::Button(tr(Text::kScenarioClose)) || escape_pressed()) ImGui::CloseCurrentPopup();
    probe::widget("dialog.close");
    probe::window("dialog.window");
    ImGui::EndPopup();
  }
}

}  // namespace zk::ui
