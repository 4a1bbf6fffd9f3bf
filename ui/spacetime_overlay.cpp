// Drawing and picking the space-time diagram's arrows (see spacetime_overlay.h).
#include "ui/spacetime_overlay.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ui/bilingual.h"
#include "ui/test_probe.h"

namespace zk::ui {
namespace {

constexpr size_t kMaxInFlight = 5'000;

ImU32 with_alpha(ImU32 color, int alpha) {
  return (color & 0x00FFFFFFu) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

}  // namespace

std::optional<size_t> SpaceTimeOverlay::hit(ImVec2 point) const {
  std::optional<size_t> nearest;
  float nearest_px = kPickPx;
  // A dropped message's cross is a small target: it wins over the lines that pass by it.
  for (const Segment& segment : segments_) {
    if (!window_.arrows[segment.arrow].dropped) continue;
    const float px = std::hypot(point.x - segment.b.x, point.y - segment.b.y);
    if (px <= nearest_px) {
      nearest_px = px;
      nearest = segment.arrow;
    }
  }
  if (nearest) return nearest;
  for (const Segment& segment : segments_) {  // the last drawn (on top) wins a tie
    const float px = distance_to_segment({point.x, point.y}, {segment.a.x, segment.a.y}, {segment.b.x, segment.b.y});
    if (px <= nearest_px) {
      nearest_px = px;
      nearest = segment.arrow;
    }
  }
  return nearest;
}

const std::vector<SpaceTimeLane>& SpaceTimeOverlay::update_lanes(const sim::World& whole) {
  lanes_ = space_time_lanes(whole, kMaxClientLanes);
  return lanes_;
}

std::optional<int64_t> SpaceTimeOverlay::draw(ImDrawList* draw, const SpaceTimeGeometry& geometry,
                                              const sim::World& whole, bool clicked) {
  whole.messages_in_flight(kMaxInFlight, &in_flight_);
  collect_arrows(whole.messages(), in_flight_, geometry.view_start_us, geometry.view_end_us, kMaxArrows, &window_);
  add_dropped_arrows(whole.dropped_messages(), geometry.view_start_us, geometry.view_end_us, kMaxDroppedArrows, &window_);
  const auto x_of = [&](int64_t t_us) {
    return geometry.lanes_x + static_cast<float>(static_cast<double>(t_us - geometry.view_start_us) * geometry.px_per_us);
  };
  const auto y_of = [&](size_t lane) { return geometry.lanes_y + geometry.lane_h * (static_cast<float>(lane) + 0.5f); };
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool mouse_in = mouse.x >= geometry.lanes_x && mouse.x <= geometry.right_x && mouse.y >= geometry.lanes_y &&
                        mouse.y <= geometry.lanes_y + geometry.lane_h * static_cast<float>(lanes_.size());
  segments_.clear();
  if (probe::enabled()) {  // the last rendered frame's: how many of its shafts OpenGL drew
    probe::note("spacetime.gl_lines", fmt::format("drawn {} of {}", shafts_.drawn_line_count(), shafts_.line_count()));
  }
  // The shafts of the plain arrows are 1 px GL_LINES drawn here in one call, under the
  // heads, the dropped ones' crosses and the selected arrow (ui/gl_lines.h: cheaper than
  // ImGui's thin quads in a software renderer).
  shafts_.clear();
  shafts_.submit(draw);
  size_t imgui_shafts = 0;
  const ImU32 outline = IM_COL32(0, 0, 0, 160);
  // Up to 2,000 arrows a frame: plain (not anti-aliased) lines and heads are a few triangles
  // each instead of a dozen, which the software renderer (Mesa llvmpipe) pays for per frame.
  const ImDrawListFlags saved_flags = draw->Flags;
  draw->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex |
                   ImDrawListFlags_AntiAliasedFill);
  for (size_t index = 0; index < window_.arrows.size(); ++index) {
    const SpaceTimeArrow& arrow = window_.arrows[index];
    const std::optional<size_t> from = lane_of(lanes_, arrow.from);
    const std::optional<size_t> to = lane_of(lanes_, arrow.to);
    if (!from || !to) continue;
    const ImVec2 a(x_of(arrow.sent_us), y_of(*from));
    const ImVec2 b(x_of(arrow.delivered_us), y_of(*to));
    const bool future = arrow.sent_us > geometry.now_us;
    const bool chosen = selected_ && *selected_ == arrow;
    const ImU32 color = with_alpha(message_color(arrow.category), future ? 80 : (arrow.in_flight ? 170 : 235));
    const float width = chosen ? 3.5f : 1.5f;
    if (arrow.dropped) {  // it stops short of the receiver's lane, in a cross at the drop time
      const ImVec2 end(b.x, a.y + (b.y - a.y) * kDroppedReach);
      draw->AddLine(a, end, outline, width + 1.5f);
      draw->AddLine(a, end, chosen ? IM_COL32(255, 255, 255, 255) : color, width);
      ++imgui_shafts;
      const float arm = chosen ? 6.0f : 4.5f;
      const ImU32 cross = with_alpha(IM_COL32(235, 45, 45, 255), future ? 110 : 255);
      for (const float flip : {1.0f, -1.0f}) {
        const ImVec2 p0(end.x - arm, end.y - arm * flip);
        const ImVec2 p1(end.x + arm, end.y + arm * flip);
        draw->AddLine(p0, p1, outline, 4.0f);
        draw->AddLine(p0, p1, cross, 2.0f);
      }
      segments_.push_back(Segment{a, end, index});
      continue;
    }
    if (chosen) {  // outlined, on top of the other shafts
      draw->AddLine(a, b, outline, width + 1.5f);
      draw->AddLine(a, b, IM_COL32(255, 255, 255, 255), width);
      ++imgui_shafts;
    } else {
      shafts_.add(a, b, color);
    }
    // The head: a small triangle at the delivery end, along the arrow.
    const float dx = b.x - a.x;
    const float dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length > 8.0f) {
      const float ux = dx / length;
      const float uy = dy / length;
      const float head = chosen ? 9.0f : 6.0f;
      draw->AddTriangleFilled(b, ImVec2(b.x - ux * head - uy * head * 0.5f, b.y - uy * head + ux * head * 0.5f),
                              ImVec2(b.x - ux * head + uy * head * 0.5f, b.y - uy * head - ux * head * 0.5f),
                              chosen ? IM_COL32(255, 255, 255, 255) : color);
    }
    segments_.push_back(Segment{a, b, index});
  }
  draw->Flags = saved_flags;
  if (probe::enabled()) {
    probe::note("spacetime.shafts",
                fmt::format("{} gl {} imgui {}", segments_.size(), shafts_.line_count(), imgui_shafts));
  }
  const std::optional<size_t> hovered_index = mouse_in ? hit(mouse) : std::nullopt;
  const SpaceTimeArrow* hovered = hovered_index ? &window_.arrows[*hovered_index] : nullptr;
  if (hovered != nullptr) ImGui::SetTooltip("%s", describe_arrow(*hovered, lanes_).c_str());
  if (probe::enabled()) {
    // A place a test can click: the middle of the longest arrow between servers (they
    // have fields to show), and the arrow a click there selects.
    const Segment* longest = nullptr;
    float longest_px = 0.0f;
    for (const Segment& segment : segments_) {
      const float length = std::hypot(segment.b.x - segment.a.x, segment.b.y - segment.a.y);
      const float mid_x = (segment.a.x + segment.b.x) * 0.5f;
      if (length <= longest_px || mid_x < geometry.lanes_x + 4 || mid_x > geometry.right_x - 4 ||
          window_.arrows[segment.arrow].category == MessageCategory::kClient) {
        continue;
      }
      longest = &segment;
      longest_px = length;
    }
    const SpaceTimeArrow* pick = nullptr;
    ImVec2 pick_at;
    if (longest != nullptr) {
      // Whole pixels, as the pointer reports them: a click there hits what hit() finds here.
      pick_at = ImVec2(std::round((longest->a.x + longest->b.x) * 0.5f), std::round((longest->a.y + longest->b.y) * 0.5f));
      if (const std::optional<size_t> at = hit(pick_at)) pick = &window_.arrows[*at];
    }
    if (pick != nullptr) {
      ImGui::SetCursorScreenPos(ImVec2(pick_at.x - 2.0f, pick_at.y - 2.0f));
      ImGui::Dummy(ImVec2(4.0f, 4.0f));
      probe::widget("spacetime.pick");
      probe::note("spacetime.pick", describe_arrow(*pick, lanes_));
    }
    // And a dropped one's cross that a click there selects (the first such in the window).
    probe::note("spacetime.dropped", fmt::format("{}", window_.dropped));
    for (const Segment& segment : segments_) {
      const ImVec2 cross(std::round(segment.b.x), std::round(segment.b.y));
      if (!window_.arrows[segment.arrow].dropped || cross.x < geometry.lanes_x + 4 || cross.x > geometry.right_x - 4 ||
          hit(cross) != segment.arrow) {
        continue;
      }
      ImGui::SetCursorScreenPos(ImVec2(cross.x - 2.0f, cross.y - 2.0f));
      ImGui::Dummy(ImVec2(4.0f, 4.0f));
      probe::widget("spacetime.drop_pick");
      probe::note("spacetime.drop_pick", describe_arrow(window_.arrows[segment.arrow], lanes_));
      break;
    }
  }
  if (!clicked || hovered == nullptr) return std::nullopt;
  selected_ = *hovered;
  selected_fields_.clear();
  fields_pending_ = true;
  return hovered->sent_us;
}

void SpaceTimeOverlay::draw_details(const sim::World& world) {
  const size_t shown = window_.arrows.size();
  const std::string count =
      shown < window_.crossing
          ? fmt::format(fmt::runtime(en_zh("{} messages drawn, {} hidden: zoom in to see every one",
                                           "绘制 {} 条消息，隐藏 {} 条：放大可看到全部")),
                        shown, window_.crossing - shown)
          : fmt::format(fmt::runtime(en_zh("{} messages drawn", "绘制 {} 条消息")), shown);
  ImGui::TextDisabled("%s", count.c_str());
  probe::note("spacetime.count", fmt::format("shown {} crossing {}", shown, window_.crossing));
  if (!selected_) return;
  if (fields_pending_) {  // the playhead is at its sending now: read it in flight
    fields_pending_ = false;
    for (const sim::InFlightMessage& message : world.messages_in_flight(kMaxInFlight)) {
      if (message.from == selected_->from && message.to == selected_->to && message.sent_us == selected_->sent_us &&
          std::string_view(message.kind) == selected_->kind) {
        selected_fields_ = sim::describe_in_flight(message);
        if (selected_fields_.empty()) selected_fields_ = en_zh("no fields", "无字段");
        break;
      }
    }
    if (selected_fields_.empty()) selected_fields_ = en_zh("its fields are not known here", "此处无法读取字段");
  }
  const std::string line =
      fmt::format("{}: {} - {}", en_zh("Selected", "选中"), describe_arrow(*selected_, lanes_), selected_fields_);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopTextWrapPos();
  probe::note("spacetime.selected", line);
}

}  // namespace zk::ui
