// The main window: the menu bar (view, theme, language) and the tiled panels. It owns the
// panel objects and the UI settings, and draws one frame when asked.
#pragma once

#include "ui/gui_app.h"
#include "ui/layout.h"
#include "ui/lesson_panel.h"
#include "ui/panels.h"
#include "ui/scenario_view.h"
#include "sim/replay/recorded_run.h"

namespace zk::ui {

class MainWindow {
 public:
  explicit MainWindow(Theme theme);
  void draw_frame();
  sim::RecordedRun& simulation() { return simulation_; }
  // Opens a .zks in the scenario view; "" or a one-line error.
  std::string open_scenario(const std::string& path) { return scenario_view_.open(simulation_, path); }
  // Live mode (`gui --serve`): the menu bar's status of the real clients' ports; "" hides it.
  void set_live_status(std::string text) { live_status_ = std::move(text); }
  // `gui --space-time`: the timeline's Messages box ticked.
  void show_space_time(bool on) { timeline_panel_.show_messages(on); }

 private:
  void draw_menu_bar();
  // Space play/pause, Right arrow one event, N the next vote change, ] and [ the next and
  // previous traced moment, End the end of the run, Ctrl+S save, Ctrl+= / Ctrl+- / Ctrl+0
  // text size; not while a text field has the keyboard.
  void handle_shortcuts();

  // View → text size (Ctrl+= / Ctrl+- / Ctrl+0): ImGui's global font scale, for a projector.
  void set_text_scale(float scale);
  static constexpr float kTextScaleMin = 0.8f;
  static constexpr float kTextScaleMax = 2.0f;
  static constexpr float kTextScaleStep = 0.1f;
  float text_scale_ = 1.0f;

  // The splitters' positions, collapsed and maximised tiles: kept for the whole session
  // (New cluster and Open scenario do not reset them).
  LayoutState layout_;
  Theme theme_;
  bool first_frame_ = true;
  std::string live_status_;
  std::string branch_result_;  // the Branches menu's last choice, for the probe
  sim::RecordedRun simulation_;
  ClusterView cluster_view_;
  VotesPanel votes_panel_;
  WhyPanel why_panel_;
  ZnodeTreePanel tree_panel_;
  TimelinePanel timeline_panel_;
  ControlsPanel controls_panel_;
  ConsolePanel console_panel_;
  ScenarioView scenario_view_;
  LessonPanel lesson_panel_;
};

}  // namespace zk::ui
