// Timeline: one lane per server showing its state over virtual time (the cluster view's
// colours), markers for crashes, restarts, elections won, partitions and heals, and the
// playhead. The wheel zooms around the mouse, dragging the lanes pans, hovering a marker
// shows its sentence, and clicking the lanes (or a marker) or dragging on the time ruler
// moves the playhead there (earlier: time travel back; later:
// simulate forward) — every panel then shows that moment. The part after the playhead
// (already simulated, reached again by replaying the recorded actions) is drawn dimmed.
// The Messages box turns the lanes into a space-time diagram (ui/spacetime_overlay.h):
// client lanes are added, states become thin bands, and every message is an arrow.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/world/world.h"
#include "ui/bilingual.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "sim/replay/recorded_run.h"
#include "ui/test_probe.h"
#include "ui/theme.h"
#include "ui/timeline_model.h"
#include "ui/trace_sentences_zh.h"

namespace zk::ui {
namespace {

constexpr int64_t kMinSpanUs = 1'000;          // zoomed in: 1 ms across
constexpr int64_t kMinFitSpanUs = 2'000'000;  // "fit" shows at least 2 s

ImU32 lane_color(LaneState state) {
  const StateColors colors = state_colors();
  switch (state) {
    case LaneState::kLooking: return colors.looking;
    case LaneState::kFollowing: return colors.following;
    case LaneState::kLeading: return colors.leading;
    case LaneState::kObserving: return colors.observing;
    case LaneState::kPaused: return colors.paused;
    case LaneState::kDown: break;
  }
  return colors.down;
}

ImU32 dimmed(ImU32 color) { return (color & 0x00FFFFFFu) | (static_cast<ImU32>(90) << IM_COL32_A_SHIFT); }

// A tick spacing of 1, 2 or 5 x 10^k microseconds giving about `count` ticks.
int64_t tick_step_us(int64_t span_us, int count) {
  const double raw = static_cast<double>(span_us) / count;
  int64_t step = 1;
  while (step < 1'000'000'000'000LL) {
    for (int64_t m : {1, 2, 5}) {
      if (static_cast<double>(step * m) >= raw) return step * m;
    }
    step *= 10;
  }
  return step;
}

std::string tick_label(int64_t t_us, int64_t step_us) {
  if (step_us >= 1'000'000) return fmt::format("{}s", t_us / 1'000'000);
  if (step_us >= 1'000) return fmt::format("{:.3g}s", static_cast<double>(t_us) / 1e6);
  return fmt::format("{:.6f}s", static_cast<double>(t_us) / 1e6);
}

const char* marker_glyph(MarkerKind kind) {
  switch (kind) {
    case MarkerKind::kCrash: return "×";
    case MarkerKind::kRestart: return "↻";
    case MarkerKind::kElected: return "◆";
    case MarkerKind::kPartition: return "⇹";
    case MarkerKind::kHeal: return "⇔";
  }
  return "?";
}

Text marker_text(MarkerKind kind) {
  switch (kind) {
    case MarkerKind::kCrash: return Text::kMarkerCrash;
    case MarkerKind::kRestart: return Text::kMarkerRestart;
    case MarkerKind::kElected: return Text::kMarkerElected;
    case MarkerKind::kPartition: return Text::kMarkerPartition;
    case MarkerKind::kHeal: return Text::kMarkerHeal;
  }
  return Text::kMarkerCrash;
}

void draw_legend() {
  const StateColors colors = state_colors();
  const struct {
    const char* label;
    ImU32 color;
  } entries[] = {{"LOOKING", colors.looking},     {"FOLLOWING", colors.following}, {"LEADING", colors.leading},
                 {"OBSERVING", colors.observing}, {"DOWN", colors.down},           {tr(Text::kVotesPaused), colors.paused}};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  bool first = true;
  for (const auto& entry : entries) {
    if (!first) same_line_if_fits(h * 0.9f + 4.0f + ImGui::CalcTextSize(entry.label).x, 12.0f);
    first = false;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    draw->AddRectFilled(ImVec2(pos.x, pos.y + h * 0.2f), ImVec2(pos.x + h * 0.9f, pos.y + h * 0.8f), entry.color);
    ImGui::Dummy(ImVec2(h * 0.9f, h));
    ImGui::SameLine(0.0f, 4.0f);
    ImGui::TextUnformatted(entry.label);
  }
  for (MarkerKind kind : {MarkerKind::kCrash, MarkerKind::kRestart, MarkerKind::kElected, MarkerKind::kPartition,
                          MarkerKind::kHeal}) {
    const std::string label = fmt::format("{} {}", marker_glyph(kind), tr(marker_text(kind)));
    same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x, 12.0f);
    ImGui::TextUnformatted(label.c_str());
  }
}

}  // namespace

void TimelinePanel::draw(const PanelContext& context) {
  if (context.world == nullptr || context.simulation == nullptr) {
    draw_empty_state(tr(Text::kNoTimeline));
    return;
  }
  sim::RecordedRun& simulation = *context.simulation;
  const sim::World& world = *context.world;
  const sim::World& whole = *simulation.horizon_world();
  const int64_t now_us = world.now_us();
  const int64_t horizon_us = simulation.horizon_us();
  // A new run (Start, New cluster, Open scenario) is shown whole: the old zoom belonged to
  // the old run and would show an empty stretch of the new one.
  if (simulation.run_id() != run_id_) {
    run_id_ = simulation.run_id();
    fit_ = true;
  }

  // Header: the playhead's time, the run's length, Fit, and how to use the panel.
  ImGui::Text("%s %s / %s", tr(Text::kPlayhead), sim::format_time_us(now_us).c_str(),
              sim::format_time_us(horizon_us).c_str());
  // Fit and Messages go to a second line where the middle column is narrow.
  same_line_if_fits(ImGui::CalcTextSize(tr(Text::kFit)).x + ImGui::GetStyle().FramePadding.x * 2.0f);
  if (ImGui::SmallButton(tr(Text::kFit))) fit_ = true;
  probe::widget("timeline.fit");
  const char* messages_label = en_zh("Messages", "消息");
  same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(messages_label).x);
  ImGui::Checkbox(messages_label, &show_messages_);  // the space-time diagram
  probe::widget("timeline.messages");
  same_line_if_fits(ImGui::CalcTextSize(tr(Text::kTimelineHint)).x, 12.0f);
  ImGui::PushTextWrapPos(0.0f);  // wraps in a narrow middle column instead of running out of it
  ImGui::TextDisabled("%s", tr(Text::kTimelineHint));
  ImGui::PopTextWrapPos();
  draw_legend();

  // The visible window of virtual time. "Fit" follows the whole run as it grows.
  if (fit_) {
    view_span_us_ = std::max(kMinFitSpanUs, horizon_us + horizon_us / 20);
    view_start_us_ = 0;
  }
  view_span_us_ = std::max(kMinSpanUs, view_span_us_);
  view_start_us_ = std::max<int64_t>(0, view_start_us_);
  if (probe::enabled()) probe::note("timeline.view", fmt::format("start_us {} span_us {} fit {}", view_start_us_, view_span_us_, fit_ ? 1 : 0));

  const int n = world.server_count();
  const TimelineModel model = build_timeline(whole.trace(), n, horizon_us);
  // With Messages: a lane per server and per client, the states as thin bands, the arrows.
  const std::vector<SpaceTimeLane>* lanes = show_messages_ ? &space_time_.update_lanes(whole) : nullptr;
  const int lane_count = lanes != nullptr ? static_cast<int>(lanes->size()) : n;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line_h = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float label_w = ImGui::CalcTextSize("S00").x + 8.0f;
  const float ruler_h = line_h + 6.0f;
  const float lanes_x = origin.x + label_w;
  const float lanes_w = std::max(20.0f, avail.x - label_w - 4.0f);
  const float details_h = show_messages_ ? line_h * 2.0f + 8.0f : 0.0f;
  const float lane_h =
      std::clamp((avail.y - ruler_h - 12.0f - details_h) / static_cast<float>(std::max(1, lane_count)), 8.0f, 34.0f);
  const float lanes_y = origin.y + ruler_h;
  const float lanes_bottom = lanes_y + lane_h * static_cast<float>(lane_count);
  const double px_per_us = static_cast<double>(lanes_w) / static_cast<double>(view_span_us_);
  auto x_of = [&](int64_t t_us) {
    return lanes_x + static_cast<float>(static_cast<double>(t_us - view_start_us_) * px_per_us);
  };
  auto t_of = [&](float x) {
    return view_start_us_ + static_cast<int64_t>(std::llround(static_cast<double>(x - lanes_x) / px_per_us));
  };
  const float right_x = lanes_x + lanes_w;

  // Interaction: the ruler moves the playhead, the lanes pan, the wheel zooms.
  ImGui::SetCursorScreenPos(ImVec2(lanes_x, origin.y));
  ImGui::InvisibleButton("##ruler", ImVec2(lanes_w, ruler_h));
  if (ImGui::IsItemActive()) {
    const int64_t t_us = std::clamp<int64_t>(t_of(ImGui::GetIO().MousePos.x), 0, view_start_us_ + view_span_us_);
    if (t_us != now_us) {
      simulation.playing = false;
      simulation.jump_to(t_us);
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(lanes_x, lanes_y));
  ImGui::InvisibleButton("##lanes", ImVec2(lanes_w, std::max(1.0f, lanes_bottom - lanes_y)));
  probe::widget("timeline.lanes");
  // A click without dragging moves the playhead there (onto a marker when one is hit).
  const bool lanes_clicked = ImGui::IsItemDeactivated() && ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 16.0f;
  std::optional<int64_t> clicked_us;
  if (lanes_clicked) clicked_us = std::max<int64_t>(0, t_of(ImGui::GetIO().MousePos.x));
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1.0f)) {
    const float dx = ImGui::GetIO().MouseDelta.x;
    view_start_us_ -= static_cast<int64_t>(static_cast<double>(dx) / px_per_us);
    view_start_us_ = std::max<int64_t>(0, view_start_us_);
    fit_ = false;
  }
  const bool hovered = ImGui::IsMouseHoveringRect(ImVec2(lanes_x, origin.y), ImVec2(right_x, lanes_bottom));
  if (hovered && ImGui::GetIO().MouseWheel != 0.0f) {
    const int64_t anchor_us = t_of(ImGui::GetIO().MousePos.x);
    const double factor = std::pow(0.8, static_cast<double>(ImGui::GetIO().MouseWheel));
    const int64_t new_span =
        std::clamp<int64_t>(static_cast<int64_t>(static_cast<double>(view_span_us_) * factor), kMinSpanUs,
                            4'000'000'000'000LL);
    const double frac = static_cast<double>(anchor_us - view_start_us_) / static_cast<double>(view_span_us_);
    view_start_us_ = std::max<int64_t>(0, anchor_us - static_cast<int64_t>(frac * static_cast<double>(new_span)));
    view_span_us_ = new_span;
    fit_ = false;
  }

  draw->PushClipRect(ImVec2(origin.x, origin.y), ImVec2(right_x + 2, lanes_bottom + 2), true);
  // Ruler with ticks.
  draw->AddRectFilled(ImVec2(lanes_x, origin.y), ImVec2(right_x, origin.y + ruler_h),
                      ImGui::GetColorU32(ImGuiCol_FrameBg));
  const int64_t step_us = tick_step_us(view_span_us_, std::max(2, static_cast<int>(lanes_w / 90.0f)));
  float label_end_x = lanes_x - 1.0f;  // a tick's label is left out where it would overlap the last
  for (int64_t t = (view_start_us_ / step_us) * step_us; t <= view_start_us_ + view_span_us_; t += step_us) {
    if (t < view_start_us_) continue;
    const float x = x_of(t);
    draw->AddLine(ImVec2(x, origin.y + ruler_h - 5), ImVec2(x, lanes_bottom), ImGui::GetColorU32(ImGuiCol_Border));
    const std::string label = tick_label(t, step_us);
    if (x + 3 <= label_end_x) continue;
    draw->AddText(ImVec2(x + 3, origin.y + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
    label_end_x = x + 3 + ImGui::CalcTextSize(label.c_str()).x + 6.0f;
  }
  // Lanes: state spans, dimmed after the playhead.
  for (int i = 0; i < n; ++i) {
    const float band = show_messages_ ? lane_h * 0.32f : lane_h - 4.0f;  // thin under the arrows
    const float y0 = lanes_y + lane_h * (static_cast<float>(i) + 0.5f) - band * 0.5f;
    const float y1 = y0 + band;
    for (const LaneSpan& span : model.lanes[static_cast<size_t>(i)]) {
      if (span.to_us < view_start_us_ || span.from_us > view_start_us_ + view_span_us_) continue;
      const float x0 = std::max(lanes_x, x_of(span.from_us));
      const float x1 = std::min(right_x, x_of(span.to_us));
      const float split = std::clamp(x_of(now_us), x0, x1);
      if (split > x0) draw->AddRectFilled(ImVec2(x0, y0), ImVec2(std::max(split, x0 + 1.0f), y1), lane_color(span.state));
      if (x1 > split) draw->AddRectFilled(ImVec2(split, y0), ImVec2(x1, y1), dimmed(lane_color(span.state)));
    }
  }
  // Markers: cluster-wide ones as a line across the lanes, per-server ones on their lane.
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 crash_color = IM_COL32(230, 60, 50, 255);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool chinese = language() == Language::kChinese;
  for (const TimelineMarker& marker : model.markers) {
    if (marker.at_us < view_start_us_ || marker.at_us > view_start_us_ + view_span_us_) continue;
    const float x = x_of(marker.at_us);
    // Hovering a marker shows its sentence; clicking it jumps exactly to its moment.
    const float row_top = marker.server == 0 ? lanes_y : lanes_y + lane_h * static_cast<float>(marker.server - 1);
    const float row_bottom = marker.server == 0 ? lanes_bottom : row_top + lane_h;
    if (hovered && std::fabs(mouse.x - x) <= 6.0f && mouse.y >= row_top && mouse.y < row_bottom &&
        marker.trace_index < whole.trace().size()) {
      const TraceEvent& event = whole.trace()[marker.trace_index];
      ImGui::SetTooltip("%s %s", sim::format_time_us(event.time_us).c_str(),
                        chinese ? describe_zh(event).c_str() : describe(event).c_str());
      if (clicked_us) clicked_us = marker.at_us;
    }
    const char* glyph = marker_glyph(marker.kind);
    const ImVec2 size = ImGui::CalcTextSize(glyph);
    if (marker.server == 0) {
      draw->AddLine(ImVec2(x, lanes_y), ImVec2(x, lanes_bottom), IM_COL32(200, 80, 200, 220), 2.0f);
      draw->AddText(ImVec2(x + 2, lanes_y), text_color, glyph);
    } else {
      const float yc = lanes_y + lane_h * (static_cast<float>(marker.server) - 0.5f);
      // A dark shadow keeps the glyph readable on every lane colour and theme.
      draw->AddText(ImVec2(x - size.x * 0.5f + 1.0f, yc - size.y * 0.5f + 1.0f), IM_COL32(0, 0, 0, 220), glyph);
      draw->AddText(ImVec2(x - size.x * 0.5f, yc - size.y * 0.5f),
                    marker.kind == MarkerKind::kCrash ? crash_color : IM_COL32(255, 255, 255, 255), glyph);
    }
  }
  if (lanes != nullptr) {
    for (int i = n; i < lane_count; ++i) {  // client lanes: a line
      const float yc = lanes_y + lane_h * (static_cast<float>(i) + 0.5f);
      draw->AddLine(ImVec2(lanes_x, yc), ImVec2(right_x, yc), ImGui::GetColorU32(ImGuiCol_Border), 1.0f);
    }
    const SpaceTimeGeometry geometry{lanes_x, right_x, lanes_y, lane_h, view_start_us_, view_start_us_ + view_span_us_,
                                     px_per_us, now_us};
    if (const std::optional<int64_t> sent_us = space_time_.draw(draw, geometry, whole, lanes_clicked)) {
      clicked_us = *sent_us;  // selecting an arrow moves the playhead to its sending
    }
  }
  // The playhead.
  const float head_x = x_of(now_us);
  if (head_x >= lanes_x && head_x <= right_x) {
    const ImU32 head_color = IM_COL32(240, 60, 60, 255);
    draw->AddLine(ImVec2(head_x, origin.y), ImVec2(head_x, lanes_bottom), head_color, 2.0f);
    draw->AddTriangleFilled(ImVec2(head_x - 6, origin.y), ImVec2(head_x + 6, origin.y),
                            ImVec2(head_x, origin.y + 8), head_color);
  }
  draw->PopClipRect();
  if (clicked_us && *clicked_us != now_us) {
    simulation.playing = false;
    simulation.jump_to(*clicked_us);
  }
  // Lane labels: where lanes are thinner than a line of text (many servers and clients in a
  // short window), every k-th lane is labelled so that the labels do not run into each other.
  const int label_every = std::max(1, static_cast<int>(std::ceil(line_h / lane_h)));
  for (int i = 0; i < lane_count; i += label_every) {
    const std::string name = lanes != nullptr ? (*lanes)[static_cast<size_t>(i)].label : fmt::format("S{}", i + 1);
    const float yc = lanes_y + lane_h * (static_cast<float>(i) + 0.5f);
    const ImVec2 at(origin.x, yc - line_h * 0.5f);
    draw->AddText(at, text_color, name.c_str());
    if (probe::enabled()) {
      const std::string key = "timeline.label." + name;
      const ImVec2 size = ImGui::CalcTextSize(name.c_str());
      probe::area(key.c_str(), at.x, at.y, at.x + size.x, at.y + size.y);
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, lanes_bottom + 4));
  if (lanes != nullptr) {
    space_time_.draw_details(*simulation.world());
  } else {
    ImGui::Dummy(ImVec2(1, 1));
  }
}

}  // namespace zk::ui
