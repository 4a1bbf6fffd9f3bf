// The tiled layout's arithmetic (ui/layout.h): the default tiles, dragging the splitters
// within their limits, sizes kept when a scenario opens, collapsing and maximising.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "ui/layout.h"

using zk::ui::compute_layout;
using zk::ui::Layout;
using zk::ui::LayoutInputs;
using zk::ui::LayoutState;
using zk::ui::Pane;
using zk::ui::Splitter;

namespace {

const ImVec2 kOrigin(0.0f, 20.0f);  // below the menu bar
const ImVec2 kSize(1280.0f, 780.0f);
constexpr float kTitleH = 32.0f;

const Splitter& find_splitter(const Layout& layout, Pane above, Pane below) {
  const auto it = std::find_if(layout.splitters.begin(), layout.splitters.end(), [&](const Splitter& s) {
    return !s.between_columns && s.above == above && s.below == below;
  });
  REQUIRE(it != layout.splitters.end());
  return *it;
}

const Splitter& column_splitter(const Layout& layout, int column) {
  const auto it = std::find_if(layout.splitters.begin(), layout.splitters.end(),
                               [&](const Splitter& s) { return s.between_columns && s.column == column; });
  REQUIRE(it != layout.splitters.end());
  return *it;
}

float bottom(const Layout& layout, Pane pane) { return layout[pane].pos.y + layout[pane].size.y; }

// Tiles are snapped to whole pixels: within one pixel of the exact value.
bool near_px(float actual, float expected) { return std::fabs(actual - expected) <= 1.0f; }

}  // namespace

TEST_CASE("Layout: the default tiles fill the work area in three columns with splitter gaps") {
  const LayoutState state;
  const Layout layout = compute_layout(kOrigin, kSize, state, LayoutInputs{false, false, false, kTitleH});
  CHECK(layout[Pane::kControls].pos.x == 0.0f);
  CHECK(near_px(layout[Pane::kControls].size.x, 1280.0f * 0.24f));
  CHECK(near_px(layout[Pane::kCluster].pos.x, 1280.0f * 0.24f + zk::ui::kSplitterGapPx));
  CHECK(near_px(layout[Pane::kWhy].size.x, 1280.0f * 0.30f));
  CHECK(layout[Pane::kWhy].pos.x + layout[Pane::kWhy].size.x == 1280.0f);
  CHECK(bottom(layout, Pane::kVotes) == 800.0f);  // exactly the edge
  CHECK(bottom(layout, Pane::kConsole) == 800.0f);  // exactly the edge
  CHECK(bottom(layout, Pane::kTimeline) == 800.0f);  // exactly the edge
  CHECK_FALSE(layout.is_shown(Pane::kScenario));
  CHECK_FALSE(layout.is_shown(Pane::kLesson));
  // Two column splitters, controls|votes, cluster|timeline, why|tree, tree|console.
  CHECK(layout.splitters.size() == 6);
  const float open_h = 780.0f - zk::ui::kSplitterGapPx;
  CHECK(near_px(layout[Pane::kControls].size.y, open_h * 0.5f));
  CHECK(near_px(layout[Pane::kCluster].size.y, open_h * 0.64f));
}

TEST_CASE("Layout: a column splitter moves the boundary, within the minimum column width") {
  LayoutState state;
  const LayoutInputs inputs{false, false, false, kTitleH};
  Layout layout = compute_layout(kOrigin, kSize, state, inputs);
  const float left_w = layout[Pane::kControls].size.x;
  const float middle_w = layout[Pane::kCluster].size.x;
  zk::ui::drag_splitter(state, layout, column_splitter(layout, 0), kSize, 50.0f);
  layout = compute_layout(kOrigin, kSize, state, inputs);
  CHECK(near_px(layout[Pane::kControls].size.x, left_w + 50.0f));
  CHECK(near_px(layout[Pane::kCluster].size.x, middle_w - 50.0f));
  CHECK(near_px(layout[Pane::kVotes].size.x, left_w + 50.0f));
  zk::ui::drag_splitter(state, layout, column_splitter(layout, 0), kSize, -1000.0f);
  layout = compute_layout(kOrigin, kSize, state, inputs);
  CHECK(near_px(layout[Pane::kControls].size.x, zk::ui::kMinColumnWidthPx));
  zk::ui::drag_splitter(state, layout, column_splitter(layout, 1), kSize, 2000.0f);  // right column shrinks
  layout = compute_layout(kOrigin, kSize, state, inputs);
  CHECK(near_px(layout[Pane::kWhy].size.x, zk::ui::kMinColumnWidthPx));
  CHECK(layout[Pane::kWhy].pos.x + layout[Pane::kWhy].size.x == 1280.0f);
}

TEST_CASE("Layout: a row splitter resizes its two panes, keeps minimums, and the sizes survive a scenario opening") {
  LayoutState state;
  LayoutInputs inputs{false, false, false, kTitleH};
  Layout layout = compute_layout(kOrigin, kSize, state, inputs);
  const float controls_h = layout[Pane::kControls].size.y;
  zk::ui::drag_splitter(state, layout, find_splitter(layout, Pane::kControls, Pane::kVotes), kSize, -150.0f);
  layout = compute_layout(kOrigin, kSize, state, inputs);
  CHECK(near_px(layout[Pane::kControls].size.y, controls_h - 150.0f));
  CHECK(near_px(layout[Pane::kVotes].pos.y, kOrigin.y + controls_h - 150.0f + zk::ui::kSplitterGapPx));
  CHECK(bottom(layout, Pane::kVotes) == 800.0f);  // exactly the edge
  const float ratio = layout[Pane::kControls].size.y / layout[Pane::kVotes].size.y;

  inputs.scenario_open = true;  // the scenario takes its default share; the two keep their ratio
  layout = compute_layout(kOrigin, kSize, state, inputs);
  REQUIRE(layout.is_shown(Pane::kScenario));
  CHECK(layout[Pane::kControls].size.y / layout[Pane::kVotes].size.y == doctest::Approx(ratio).epsilon(0.01));
  CHECK(near_px(layout[Pane::kScenario].size.y, (780.0f - 2 * zk::ui::kSplitterGapPx) * 0.275f));

  zk::ui::drag_splitter(state, layout, find_splitter(layout, Pane::kVotes, Pane::kScenario), kSize, 5000.0f);
  layout = compute_layout(kOrigin, kSize, state, inputs);
  CHECK(near_px(layout[Pane::kScenario].size.y, zk::ui::kMinPaneHeightPx));
  CHECK(bottom(layout, Pane::kScenario) == 800.0f);  // exactly the edge
}

TEST_CASE("Layout: a collapsed pane keeps its title bar, a maximised one fills the work area until restored") {
  LayoutState state;
  const LayoutInputs inputs{false, false, false, kTitleH};
  const Layout before = compute_layout(kOrigin, kSize, state, inputs);
  zk::ui::toggle_collapsed(state, Pane::kTree);
  Layout layout = compute_layout(kOrigin, kSize, state, inputs);
  CHECK(layout[Pane::kTree].size.y == kTitleH);
  CHECK(layout[Pane::kWhy].size.y > before[Pane::kWhy].size.y);
  CHECK(layout[Pane::kWhy].size.y / layout[Pane::kConsole].size.y ==
        doctest::Approx(before[Pane::kWhy].size.y / before[Pane::kConsole].size.y).epsilon(0.01));
  CHECK(bottom(layout, Pane::kConsole) == 800.0f);  // exactly the edge
  CHECK(layout.splitters.size() == 4);  // no splitter next to the collapsed tree

  zk::ui::toggle_maximised(state, Pane::kConsole);
  layout = compute_layout(kOrigin, kSize, state, inputs);
  CHECK(layout.is_shown(Pane::kConsole));
  CHECK_FALSE(layout.is_shown(Pane::kControls));
  CHECK_FALSE(layout.is_shown(Pane::kWhy));
  CHECK(layout[Pane::kConsole].pos.x == kOrigin.x);
  CHECK(layout[Pane::kConsole].pos.y == kOrigin.y);
  CHECK(layout[Pane::kConsole].size.x == kSize.x);
  CHECK(layout[Pane::kConsole].size.y == kSize.y);
  CHECK(layout.splitters.empty());

  zk::ui::toggle_maximised(state, Pane::kConsole);
  zk::ui::toggle_collapsed(state, Pane::kTree);
  layout = compute_layout(kOrigin, kSize, state, inputs);
  for (int i = 0; i < zk::ui::kPaneCount; ++i) {
    CHECK(layout.rects[static_cast<size_t>(i)].size.y == before.rects[static_cast<size_t>(i)].size.y);
    CHECK(layout.shown[static_cast<size_t>(i)] == before.shown[static_cast<size_t>(i)]);
  }
}
