// Label placement around the cluster ring (see ring_labels.h).
#include "ui/ring_labels.h"

#include <algorithm>
#include <cmath>

namespace zk::ui {
namespace {

constexpr int kSteps = 12;  // how far out a label may move, in steps of a fifth of its height

bool overlaps(ImVec2 a_min, ImVec2 a_max, ImVec2 b_min, ImVec2 b_max, float gap_px) {
  return a_min.x < b_max.x + gap_px && b_min.x < a_max.x + gap_px && a_min.y < b_max.y + gap_px &&
         b_min.y < a_max.y + gap_px;
}

// Whether the rectangle comes within radius_px of the point (a circle's overlap).
bool touches_circle(ImVec2 min, ImVec2 max, ImVec2 center, float radius_px) {
  const float x = std::clamp(center.x, min.x, max.x);
  const float y = std::clamp(center.y, min.y, max.y);
  return (x - center.x) * (x - center.x) + (y - center.y) * (y - center.y) < radius_px * radius_px;
}

}  // namespace

std::vector<RingLabelPlace> place_ring_labels(const std::vector<RingLabelInput>& labels, float node_radius_px,
                                              ImVec2 bounds_min, ImVec2 bounds_max, float gap_px) {
  std::vector<RingLabelPlace> places(labels.size());
  const auto fits = [&](size_t index, ImVec2 min, ImVec2 max) {
    if (min.x < bounds_min.x || min.y < bounds_min.y || max.x > bounds_max.x || max.y > bounds_max.y) return false;
    for (const RingLabelInput& other : labels) {
      if (touches_circle(min, max, other.center, node_radius_px + gap_px)) return false;
    }
    for (size_t j = 0; j < index; ++j) {
      if (places[j].form != RingLabelForm::kNone && overlaps(min, max, places[j].min, places[j].max, gap_px)) return false;
    }
    return true;
  };
  // One form for all (mixed forms read as if the servers differed): the full texts when every
  // one fits, else the compact ones, each left out where it fits nowhere.
  for (const RingLabelForm form : {RingLabelForm::kFull, RingLabelForm::kCompact}) {
    bool all_placed = true;
    for (size_t i = 0; i < labels.size(); ++i) {
      const RingLabelInput& label = labels[i];
      const float c = std::cos(label.angle_rad);
      const float s = std::sin(label.angle_rad);
      // Outward from the circle; the label's own centre shifts further out along each axis
      // as the direction leans that way (a label beside a circle sits beside it, not over it).
      const auto push = [](float d) { return std::copysign(std::min(1.0f, std::fabs(d) * 2.5f), d); };
      const ImVec2 size = form == RingLabelForm::kFull ? label.full_size : label.compact_size;
      places[i] = RingLabelPlace{};
      for (int step = 0; step <= kSteps; ++step) {
        const float out_px = node_radius_px + 6.0f + static_cast<float>(step) * size.y * 0.2f;
        const ImVec2 min(label.center.x - size.x * 0.5f + c * out_px + push(c) * size.x * 0.5f,
                         label.center.y - size.y * 0.5f + s * out_px + push(s) * size.y * 0.5f);
        const ImVec2 max(min.x + size.x, min.y + size.y);
        if (fits(i, min, max)) {
          places[i] = RingLabelPlace{form, min, max};
          break;
        }
      }
      all_placed = all_placed && places[i].form != RingLabelForm::kNone;
      if (!all_placed && form == RingLabelForm::kFull) break;
    }
    if (all_placed) break;
  }
  return places;
}

}  // namespace zk::ui
