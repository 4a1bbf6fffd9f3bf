// Three columns: controls, votes (and an open scenario) on the left; the cluster ring and
// the timeline in the middle; (an opened lesson,) the why-log, znode tree and console on the
// right. Column widths and pane heights come from the defaults until the user drags a
// splitter; collapsed panes keep their title bar and give their height to the others.
#include "ui/layout.h"

#include <algorithm>
#include <cmath>

namespace zk::ui {
namespace {

constexpr std::array<std::array<Pane, 4>, kColumnCount> kColumns = {{
    {Pane::kControls, Pane::kVotes, Pane::kScenario, Pane::kScenario},
    {Pane::kCluster, Pane::kTimeline, Pane::kTimeline, Pane::kTimeline},
    {Pane::kLesson, Pane::kWhy, Pane::kTree, Pane::kConsole},
}};
constexpr std::array<size_t, kColumnCount> kColumnSizes = {3, 2, 4};

size_t index(Pane pane) { return static_cast<size_t>(pane); }

// lo wins over hi when the two cross (a window too small for the limits).
float clamp_to(float value, float lo, float hi) { return std::max(lo, std::min(value, hi)); }

bool exists(Pane pane, const LayoutInputs& inputs) {
  if (pane == Pane::kScenario) return inputs.scenario_open;
  if (pane == Pane::kLesson) return inputs.lesson_open;
  return true;
}

// The pane's share of its column before any dragging (the layout of earlier versions).
float default_fraction(Pane pane, const LayoutInputs& inputs) {
  switch (pane) {
    case Pane::kControls: return 0.50f;
    case Pane::kVotes: return inputs.scenario_open ? 0.225f : 0.50f;
    case Pane::kScenario: return 0.275f;
    case Pane::kCluster: return inputs.space_time ? 0.52f : 0.64f;
    case Pane::kTimeline: return inputs.space_time ? 0.48f : 0.36f;
    case Pane::kLesson: return 0.46f;
    case Pane::kWhy: return inputs.lesson_open ? 0.22f : 0.36f;
    case Pane::kTree: return inputs.lesson_open ? 0.16f : 0.34f;
    case Pane::kConsole: return inputs.lesson_open ? 0.16f : 0.30f;
  }
  return 0.0f;
}

std::vector<Pane> panes_shown(int column, const LayoutInputs& inputs) {
  std::vector<Pane> panes;
  for (size_t i = 0; i < kColumnSizes[static_cast<size_t>(column)]; ++i) {
    const Pane pane = kColumns[static_cast<size_t>(column)][i];
    if (exists(pane, inputs)) panes.push_back(pane);
  }
  return panes;
}

// Each open pane's share of the column's open height (summing to 1).
std::vector<float> open_shares(int column, const std::vector<Pane>& open, const LayoutState& state,
                               const LayoutInputs& inputs) {
  std::vector<float> shares;
  float kept_sum = 0.0f;
  float fresh_sum = 0.0f;
  const bool dragged = state.column_dragged[static_cast<size_t>(column)];
  for (const Pane pane : open) {
    if (dragged && state.pane_fraction[index(pane)] > 0.0f) {
      kept_sum += state.pane_fraction[index(pane)];
    } else {
      fresh_sum += default_fraction(pane, inputs);
    }
  }
  const float kept_total = kept_sum > 0.0f ? std::max(0.1f, 1.0f - fresh_sum) : 0.0f;
  float total = 0.0f;
  for (const Pane pane : open) {
    const float kept = dragged ? state.pane_fraction[index(pane)] : 0.0f;
    shares.push_back(kept > 0.0f ? kept / kept_sum * kept_total : default_fraction(pane, inputs));
    total += shares.back();
  }
  for (float& share : shares) share /= total;
  return shares;
}

}  // namespace

int column_of(Pane pane) {
  switch (pane) {
    case Pane::kControls:
    case Pane::kVotes:
    case Pane::kScenario: return 0;
    case Pane::kCluster:
    case Pane::kTimeline: return 1;
    case Pane::kLesson:
    case Pane::kWhy:
    case Pane::kTree:
    case Pane::kConsole: return 2;
  }
  return 0;
}

const char* pane_id(Pane pane) {
  switch (pane) {
    case Pane::kControls: return "controls";
    case Pane::kVotes: return "votes";
    case Pane::kScenario: return "scenario";
    case Pane::kCluster: return "cluster";
    case Pane::kTimeline: return "timeline";
    case Pane::kLesson: return "lesson";
    case Pane::kWhy: return "why";
    case Pane::kTree: return "tree";
    case Pane::kConsole: return "console";
  }
  return "?";
}

Layout compute_layout(ImVec2 origin, ImVec2 size, const LayoutState& state, const LayoutInputs& inputs) {
  Layout layout;
  const float gap = kSplitterGapPx;
  const float left_w = clamp_to(state.left_fraction * size.x, kMinColumnWidthPx, size.x - 2 * gap - 2 * kMinColumnWidthPx);
  const float right_w =
      clamp_to(state.right_fraction * size.x, kMinColumnWidthPx, size.x - 2 * gap - kMinColumnWidthPx - left_w);
  const std::array<float, kColumnCount> widths = {left_w, size.x - left_w - right_w - 2 * gap, right_w};
  float x = origin.x;
  for (int column = 0; column < kColumnCount; ++column) {
    const float width = widths[static_cast<size_t>(column)];
    const std::vector<Pane> panes = panes_shown(column, inputs);
    std::vector<Pane> open;
    for (const Pane pane : panes) {
      if (!state.collapsed[index(pane)]) open.push_back(pane);
    }
    const float collapsed_h = static_cast<float>(panes.size() - open.size()) * inputs.title_h;
    const float open_h = std::max(0.0f, size.y - gap * static_cast<float>(panes.size() - 1) - collapsed_h);
    const std::vector<float> shares = open_shares(column, open, state, inputs);
    float y = origin.y;
    size_t open_index = 0;
    for (size_t i = 0; i < panes.size(); ++i) {
      const Pane pane = panes[i];
      const bool is_open = !state.collapsed[index(pane)];
      // The last pane takes what rounding left, so the column ends exactly at the bottom.
      float h = is_open ? shares[open_index++] * open_h : inputs.title_h;
      if (i + 1 == panes.size() && is_open) h = origin.y + size.y - y;
      layout.rects[index(pane)] = {{x, y}, {width, h}};
      layout.shown[index(pane)] = true;
      y += h;
      if (i + 1 < panes.size()) {
        if (is_open && !state.collapsed[index(panes[i + 1])]) {
          layout.splitters.push_back(Splitter{{{x, y}, {width, gap}}, false, column, pane, panes[i + 1]});
        }
        y += gap;
      }
    }
    x += width;
    if (column + 1 < kColumnCount) {
      layout.splitters.push_back(Splitter{{{x, origin.y}, {gap, size.y}}, true, column, Pane::kControls, Pane::kControls});
      x += gap;
    }
  }
  // Whole pixels (ImGui floors a window's position and size): the tiles meet the gaps and
  // the last ones end exactly at the work area's edge.
  const auto snap = [](PanelRect& rect) {
    const ImVec2 end(std::round(rect.pos.x + rect.size.x), std::round(rect.pos.y + rect.size.y));
    rect.pos = ImVec2(std::round(rect.pos.x), std::round(rect.pos.y));
    rect.size = ImVec2(end.x - rect.pos.x, end.y - rect.pos.y);
  };
  for (PanelRect& rect : layout.rects) snap(rect);
  for (Splitter& splitter : layout.splitters) snap(splitter.rect);
  if (state.maximised && layout.is_shown(*state.maximised)) {
    layout.shown.fill(false);
    layout.shown[index(*state.maximised)] = true;
    layout.rects[index(*state.maximised)] = {origin, size};
    layout.splitters.clear();
  }
  return layout;
}

void drag_splitter(LayoutState& state, const Layout& layout, const Splitter& splitter, ImVec2 size, float delta_px) {
  if (splitter.between_columns) {
    const float left_w = layout[Pane::kControls].size.x;
    const float middle_w = layout[Pane::kCluster].size.x;
    const float right_w = layout[Pane::kWhy].size.x;
    if (splitter.column == 0) {
      state.left_fraction = clamp_to(left_w + delta_px, kMinColumnWidthPx, left_w + middle_w - kMinColumnWidthPx) / size.x;
    } else {
      state.right_fraction =
          clamp_to(right_w - delta_px, kMinColumnWidthPx, right_w + middle_w - kMinColumnWidthPx) / size.x;
    }
    return;
  }
  const float above_h = layout[splitter.above].size.y;
  const float pair_h = above_h + layout[splitter.below].size.y;
  if (pair_h < 2 * kMinPaneHeightPx) return;  // no room to move without one vanishing
  const float new_above_h = clamp_to(above_h + delta_px, kMinPaneHeightPx, pair_h - kMinPaneHeightPx);
  // Every open pane of the column keeps its present share, except the two being resized.
  const size_t column = static_cast<size_t>(column_of(splitter.above));
  float open_total = 0.0f;
  for (size_t i = 0; i < kColumnSizes[column]; ++i) {
    const Pane pane = kColumns[column][i];
    if (layout.is_shown(pane) && !state.collapsed[index(pane)]) open_total += layout[pane].size.y;
  }
  for (size_t i = 0; i < kColumnSizes[column]; ++i) {
    const Pane pane = kColumns[column][i];
    float h = layout[pane].size.y;
    if (pane == splitter.above) h = new_above_h;
    if (pane == splitter.below) h = pair_h - new_above_h;
    const bool open = layout.is_shown(pane) && !state.collapsed[index(pane)];
    state.pane_fraction[index(pane)] = open ? h / open_total : 0.0f;
  }
  state.column_dragged[column] = true;
}

void toggle_collapsed(LayoutState& state, Pane pane) {
  state.collapsed[index(pane)] = !state.collapsed[index(pane)];
  if (state.maximised == pane) state.maximised.reset();
}

void toggle_maximised(LayoutState& state, Pane pane) {
  if (state.maximised == pane) {
    state.maximised.reset();
  } else {
    state.maximised = pane;
    state.collapsed[index(pane)] = false;
  }
}

void place_next_window(const PanelRect& rect) {
  ImGui::SetNextWindowPos(rect.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(rect.size, ImGuiCond_Always);
}

}  // namespace zk::ui
