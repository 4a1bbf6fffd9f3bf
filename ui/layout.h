// The tiled layout of the main window: where each pane sits for a given work area and the
// sizes the user chose. Panes are tiles (no overlapping windows) in three columns, so that
// a projected classroom screen shows all of them. Debian's ImGui 1.86 has no docking, so the
// user shapes the tiles here instead: the boundaries between columns and between the panes
// of a column are splitters (a gap between tiles that can be dragged, with limits so that no
// pane vanishes), a pane can be collapsed to its title bar or maximised to fill the work
// area. LayoutState holds those choices; it lives in the main window, so it survives every
// frame, New cluster and Open scenario. This file is the arithmetic only (no ImGui calls
// besides place_next_window), so it is unit-tested without a window.
#pragma once

#include <imgui.h>

#include <array>
#include <optional>
#include <vector>

namespace zk::ui {

struct PanelRect {
  ImVec2 pos;
  ImVec2 size;
};

// The panes, column by column, each column top to bottom.
enum class Pane : int { kControls, kVotes, kScenario, kCluster, kTimeline, kLesson, kWhy, kTree, kConsole };
constexpr int kPaneCount = 9;
constexpr int kColumnCount = 3;
int column_of(Pane pane);
// "controls", "votes", ...: the probe's and ImGui's id of the pane's window.
const char* pane_id(Pane pane);

constexpr float kSplitterGapPx = 6.0f;  // between tiles: the splitter's grip
constexpr float kMinColumnWidthPx = 220.0f;
constexpr float kMinPaneHeightPx = 80.0f;  // an open pane never gets smaller by dragging

// What the user chose. Fractions are of the work area (columns) or of the column (panes).
struct LayoutState {
  float left_fraction = 0.24f;
  float right_fraction = 0.30f;
  // Per column: set once a row splitter was dragged. Then the panes open at that moment
  // keep their dragged share (pane_fraction); a pane shown later (a scenario, a lesson, one
  // expanded again) first takes its default share, the others share the rest.
  std::array<bool, kColumnCount> column_dragged{};
  std::array<float, kPaneCount> pane_fraction{};  // 0: not dragged, use the default
  std::array<bool, kPaneCount> collapsed{};
  std::optional<Pane> maximised;
};

// What decides which panes exist this frame.
struct LayoutInputs {
  bool scenario_open = false;  // the scenario window takes the lower part of the left column
  bool lesson_open = false;    // the lesson's narration heads the right column
  bool space_time = false;     // the timeline's Messages: it gets more of the middle column
  float title_h = 20.0f;       // a collapsed pane's height: its title bar
};

// A draggable gap: between two columns (vertical: `before` is the left column's index) or
// between two open panes of one column (`above`, `below`).
struct Splitter {
  PanelRect rect;
  bool between_columns = false;
  int column = 0;  // between columns: the left one's index (0 or 1)
  Pane above = Pane::kControls;
  Pane below = Pane::kControls;
};

struct Layout {
  std::array<PanelRect, kPaneCount> rects{};
  std::array<bool, kPaneCount> shown{};  // drawn this frame
  std::vector<Splitter> splitters;       // none while a pane is maximised
  const PanelRect& operator[](Pane pane) const { return rects[static_cast<size_t>(pane)]; }
  bool is_shown(Pane pane) const { return shown[static_cast<size_t>(pane)]; }
};

Layout compute_layout(ImVec2 origin, ImVec2 size, const LayoutState& state, const LayoutInputs& inputs);

// Moves `splitter` by delta_px (x between columns, y between panes) within the limits: the
// panes on both sides keep kMinPaneHeightPx, the columns kMinColumnWidthPx. `layout` is the
// one computed this frame from `state` for a work area of `size`.
void drag_splitter(LayoutState& state, const Layout& layout, const Splitter& splitter, ImVec2 size, float delta_px);

// The title bar's buttons (and a double-click on it: maximise / restore).
void toggle_collapsed(LayoutState& state, Pane pane);
void toggle_maximised(LayoutState& state, Pane pane);

// Places the next window at rect; call right before ImGui::Begin.
void place_next_window(const PanelRect& rect);

}  // namespace zk::ui
