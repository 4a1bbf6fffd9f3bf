// Where the cluster view puts each server's label (state, epoch, zxid) around the ring so
// that no two labels overlap, none covers a server's circle, and all stay inside the view.
// Each label first tries its place just outside its circle, away from the ring's centre,
// then steps further out. When a full text fits nowhere, every label takes its compact text
// (one line), and one that fits nowhere even so is left out (its server's tooltip says it). Nine
// servers in the 1024x700 window had their two-line labels run into each other. Geometry
// only (no ImGui calls), so it is unit-tested without a window.
#pragma once

#include <imgui.h>

#include <vector>

namespace zk::ui {

struct RingLabelInput {
  ImVec2 center;        // the server's circle
  float angle_rad = 0;  // its place on the ring (0: right of the centre, growing clockwise)
  ImVec2 full_size;     // the label's text size, full and compact
  ImVec2 compact_size;
};

enum class RingLabelForm { kFull, kCompact, kNone };

struct RingLabelPlace {
  RingLabelForm form = RingLabelForm::kNone;
  ImVec2 min;  // top-left of the text (when form != kNone)
  ImVec2 max;
};

// The places for `labels` (in the same order), given the circles' radius and the view's
// bounds. Labels are placed in order, each clear of those placed before it and of every
// server's circle by gap_px.
std::vector<RingLabelPlace> place_ring_labels(const std::vector<RingLabelInput>& labels, float node_radius_px,
                                              ImVec2 bounds_min, ImVec2 bounds_max, float gap_px = 2.0f);

}  // namespace zk::ui
