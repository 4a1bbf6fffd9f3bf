// The space-time diagram, drawn over the timeline's lanes when its Messages box is ticked:
// a lane per server and per simulated client, every message an arrow from its sending to
// its delivery, coloured by type (ui/message_style.h), for the timeline's visible window
// (its zoom, pan and playhead); at most kMaxArrows are drawn and the rest counted as hidden.
// A dropped message (loss, partition, a down receiver, drop next) is an arrow that stops
// short of its receiver's lane in a red cross at the time it was dropped; hovering or
// selecting it says why.
// The plain arrows' shafts are 1 px lines drawn by OpenGL in one call (ui/gl_lines.h); their
// heads, the dropped ones and the selected one are ImGui's, on top.
// Hovering an arrow names it; clicking one selects it and moves the playhead to its sending,
// where the message is in flight, and its fields are read there (sim::describe_in_flight).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ui/gl_lines.h"
#include "ui/spacetime_model.h"

namespace zk::ui {

struct SpaceTimeGeometry {
  float lanes_x = 0.0f;
  float right_x = 0.0f;
  float lanes_y = 0.0f;
  float lane_h = 0.0f;
  int64_t view_start_us = 0;
  int64_t view_end_us = 0;
  double px_per_us = 1.0;
  int64_t now_us = 0;  // the playhead: arrows sent after it are dimmed
};

class SpaceTimeOverlay {
 public:
  static constexpr size_t kMaxArrows = 1500;
  static constexpr size_t kMaxDroppedArrows = 500;
  static constexpr float kDroppedReach = 0.7f;  // how far toward its receiver's lane a dropped one goes
  static constexpr size_t kMaxClientLanes = 6;
  static constexpr float kPickPx = 5.0f;  // how near the pointer must be to an arrow

  // The lanes of the run (servers, then clients), recomputed each call.
  const std::vector<SpaceTimeLane>& update_lanes(const sim::World& whole);
  // Draws the arrows of the run's messages (whole: the world at the horizon). When
  // `clicked` and an arrow is under the mouse it is selected: returns its send time, where
  // the caller moves the playhead.
  std::optional<int64_t> draw(ImDrawList* draw, const SpaceTimeGeometry& geometry, const sim::World& whole,
                              bool clicked);
  // One line under the lanes: how many arrows are shown and hidden, and the selected
  // message with its fields (read from `world`, the playhead's, after the jump).
  void draw_details(const sim::World& world);

 private:
  struct Segment {
    ImVec2 a;
    ImVec2 b;
    size_t arrow = 0;  // index in window_.arrows
  };
  // The arrow nearest to point within the pick distance (of those drawn this frame); a
  // dropped one's cross within it comes first.
  std::optional<size_t> hit(ImVec2 point) const;

  std::vector<SpaceTimeLane> lanes_;
  std::vector<Segment> segments_;  // where each arrow was drawn this frame
  GlLineBatch shafts_;             // the plain arrows' shafts, drawn by OpenGL at render
  std::vector<sim::InFlightMessage> in_flight_;
  SpaceTimeWindow window_;
  std::optional<SpaceTimeArrow> selected_;
  std::string selected_fields_;
  bool fields_pending_ = false;
};

}  // namespace zk::ui
