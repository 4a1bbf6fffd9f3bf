// Menu bar plus one tile per panel, laid out by ui/layout.h and shaped by the user through
// ui/tile_chrome.h (splitters, collapse, maximise).
#include "ui/main_window.h"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/controls_actions.h"
#include "ui/i18n.h"
#include "ui/layout.h"
#include "ui/branches_menu.h"
#include "ui/test_probe.h"
#include "ui/theme.h"
#include "ui/tile_chrome.h"

namespace zk::ui {
namespace {

constexpr ImGuiWindowFlags kTileFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
    ImGuiWindowFlags_NoBackground;  // the frame is cleared to WindowBg: saves a full-screen fill

// "Votes###votes": the visible title changes with the language, the id does not. A tile
// that another one's maximising hides is not drawn; a collapsed one shows its title bar.
template <typename Panel>
void draw_tile(Pane pane, Text title, const Layout& layout, LayoutState& state, Panel& panel,
               const PanelContext& context) {
  if (!layout.is_shown(pane)) return;
  const char* id = pane_id(pane);
  char label[128];
  snprintf(label, sizeof label, "%s###%s", tr(title), id);
  place_next_window(layout[pane]);
  const bool shown = ImGui::Begin(label, nullptr, kTileFlags);
  if (probe::enabled()) {
    char name[64];
    snprintf(name, sizeof name, "tile.%s", id);
    probe::window(name);
  }
  if (shown) {
    // NoBackground drops the border with the fill; draw the outline alone (lines are cheap).
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), false);
    draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(ImGuiCol_Border),
                  ImGui::GetStyle().WindowRounding);
    draw->PopClipRect();
    if (draw_title_buttons(state, pane)) panel.draw(context);
  }
  ImGui::End();
}

// The probe's view of the layout choices: "maximised none collapsed why tree".
std::string layout_note(const LayoutState& state) {
  std::string text = fmt::format("maximised {} collapsed", state.maximised ? pane_id(*state.maximised) : "none");
  for (int i = 0; i < kPaneCount; ++i) {
    if (state.collapsed[static_cast<size_t>(i)]) text += fmt::format(" {}", pane_id(static_cast<Pane>(i)));
  }
  return text;
}

}  // namespace

MainWindow::MainWindow(Theme theme) : theme_(theme) { apply_theme(theme_); }

void MainWindow::draw_menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  const bool file_open = ImGui::BeginMenu(tr(Text::kMenuFile));
  probe::widget("menu.file");
  if (file_open) {
    scenario_view_.draw_file_menu_items();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr(Text::kMenuView))) {
    if (ImGui::MenuItem(tr(Text::kTextLarger), "Ctrl+=", false, text_scale_ < kTextScaleMax)) {
      set_text_scale(text_scale_ + kTextScaleStep);
    }
    if (ImGui::MenuItem(tr(Text::kTextSmaller), "Ctrl+-", false, text_scale_ > kTextScaleMin)) {
      set_text_scale(text_scale_ - kTextScaleStep);
    }
    if (ImGui::MenuItem(tr(Text::kTextReset), "Ctrl+0")) set_text_scale(1.0f);
    ImGui::EndMenu();
  }
  probe::note("view.text_scale", fmt::format("{:.1f}", text_scale_));
  draw_branches_menu(simulation_, branch_result_);
  if (ImGui::BeginMenu(tr(Text::kMenuTheme))) {
    if (ImGui::MenuItem(tr(Text::kThemeDark), nullptr, theme_ == Theme::kDark)) {
      theme_ = Theme::kDark;
      apply_theme(theme_);
    }
    if (ImGui::MenuItem(tr(Text::kThemeLight), nullptr, theme_ == Theme::kLight)) {
      theme_ = Theme::kLight;
      apply_theme(theme_);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr(Text::kMenuLanguage))) {
    if (ImGui::MenuItem("English", nullptr, language() == Language::kEnglish)) set_language(Language::kEnglish);
    if (ImGui::MenuItem("简体中文", nullptr, language() == Language::kChinese)) set_language(Language::kChinese);
    ImGui::EndMenu();
  }
  ImGui::TextDisabled("%s", tr(Text::kAppTitle));
  if (!live_status_.empty()) {
    ImGui::TextColored(text_tone(TextTone::kWarning), "%s", live_status_.c_str());
    probe::note("live.status", live_status_);
  }
  ImGui::EndMainMenuBar();
}

void MainWindow::set_text_scale(float scale) {
  text_scale_ = std::clamp(std::round(scale * 10.0f) / 10.0f, kTextScaleMin, kTextScaleMax);
  ImGui::GetIO().FontGlobalScale = text_scale_;
}

void MainWindow::handle_shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl) {  // text size works even while typing (GLFW key codes: '=' 61, '-' 45, '0' 48)
    if (ImGui::IsKeyPressed('=', true)) set_text_scale(text_scale_ + kTextScaleStep);
    if (ImGui::IsKeyPressed('-', true)) set_text_scale(text_scale_ - kTextScaleStep);
    if (ImGui::IsKeyPressed('0', false)) set_text_scale(1.0f);
  }
  if (io.WantTextInput) return;  // the console's input or a dialog's path takes the keys
  if (io.KeyCtrl && ImGui::IsKeyPressed('S', false)) {  // GLFW's key codes for letters are ASCII
    scenario_view_.request_save_dialog();
    return;
  }
  if (simulation_.world() == nullptr || io.KeyCtrl || io.KeyAlt) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) controls_panel_.toggle_play(simulation_);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), true)) controls_panel_.step_one(simulation_);
  if (ImGui::IsKeyPressed('N', true)) controls_panel_.step_to(simulation_, static_cast<int>(StepTarget::kVoteChange));
  if (ImGui::IsKeyPressed(']', true)) controls_panel_.next_traced(simulation_);  // GLFW_KEY_RIGHT_BRACKET
  if (ImGui::IsKeyPressed('[', true)) controls_panel_.previous_traced(simulation_);
  // End: back to the end of the run (in live mode, where real clients are).
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) simulation_.jump_to(simulation_.horizon_us());
}

void MainWindow::draw_frame() {
  handle_shortcuts();
  PanelContext context;
  context.world = simulation_.world();
  context.simulation = &simulation_;
  draw_menu_bar();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const bool lesson = lesson_panel_.update(scenario_view_.lines(), simulation_.run_id());
  const LayoutInputs inputs{scenario_view_.is_open(), lesson, timeline_panel_.shows_messages(), collapsed_tile_height()};
  Layout layout = compute_layout(viewport->WorkPos, viewport->WorkSize, layout_, inputs);
  if (layout_.maximised && !layout.is_shown(*layout_.maximised)) {  // its scenario or lesson was closed
    layout_.maximised.reset();
    layout = compute_layout(viewport->WorkPos, viewport->WorkSize, layout_, inputs);
  }
  probe::note("layout", layout_note(layout_));
  draw_splitters(layout_, layout, viewport->WorkPos, viewport->WorkSize);
  draw_tile(Pane::kControls, Text::kControls, layout, layout_, controls_panel_, context);
  draw_tile(Pane::kVotes, Text::kVotes, layout, layout_, votes_panel_, context);
  draw_tile(Pane::kCluster, Text::kClusterView, layout, layout_, cluster_view_, context);
  draw_tile(Pane::kTimeline, Text::kTimeline, layout, layout_, timeline_panel_, context);
  draw_tile(Pane::kWhy, Text::kWhy, layout, layout_, why_panel_, context);
  draw_tile(Pane::kTree, Text::kZnodeTree, layout, layout_, tree_panel_, context);
  draw_tile(Pane::kConsole, Text::kConsole, layout, layout_, console_panel_, context);
  // The scenario window takes the lower part of the Votes column; the File menu's dialogs.
  if (layout.is_shown(Pane::kScenario)) scenario_view_.draw(simulation_, layout[Pane::kScenario], layout_);
  if (layout.is_shown(Pane::kLesson)) lesson_panel_.draw(context, layout[Pane::kLesson], layout_);
  scenario_view_.draw_dialogs(simulation_);
  // No tile starts out focused (otherwise the last one created, Console, looks selected).
  if (first_frame_) ImGui::SetWindowFocus(nullptr);
  first_frame_ = false;
}

}  // namespace zk::ui
