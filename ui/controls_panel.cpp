// Controls: new cluster size, the one-click lessons, playback, and (in collapsible
// sections) partitions by group, hold/drop of the next message on one link, stepping to
// the next event of a chosen kind, and a new cluster with its parameters and a custom
// start order. Every action goes to the sim::RecordedRun, which applies it through the world's
// command layer.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "sim/world/world.h"
#include "ui/controls_actions.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "sim/replay/recorded_run.h"
#include "ui/test_probe.h"
#include "ui/theme.h"

namespace zk::ui {
namespace {

std::vector<ServerId> ascending(int count) {
  std::vector<ServerId> ids;
  for (int id = 1; id <= count; ++id) ids.push_back(id);
  return ids;
}

// "Visible text###id": the id stays the same when the text changes (language, state), and
// two buttons with the same text in this window (Step, Heal) get different ids. Without
// it ImGui gives both one id and only the first one works.
std::string labelled(std::string_view text, const char* id) { return fmt::format("{}###{}", text, id); }

// A (small) button's width for its label: same_line_if_fits wraps a row of them in a
// narrow column.
float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

sim::ServerRef server_ref(int id) { return sim::ServerRef{.is_leader = false, .id = id}; }

bool server_combo(const char* label, int* id, int server_count) {
  bool changed = false;
  char preview[16];
  snprintf(preview, sizeof preview, "S%d", *id);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("S99").x + 30.0f);
  if (ImGui::BeginCombo(label, preview)) {
    for (int s = 1; s <= server_count; ++s) {
      snprintf(preview, sizeof preview, "S%d", s);
      if (ImGui::Selectable(preview, s == *id)) {
        *id = s;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace

void ControlsPanel::draw(const PanelContext& context) {
  sim::RecordedRun* simulation = context.simulation;
  // Show the size of the cluster that is running (a lesson may have started it).
  if (context.world != nullptr && context.world != shown_world_) {
    server_count_ = context.world->server_count();
    shown_world_ = context.world;
  }
  ImGui::TextUnformatted(tr(Text::kServers));
  for (int count : {3, 5, 7, 9}) {  // on a second line in a narrow column
    same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("9").x);
    char label[16];
    snprintf(label, sizeof label, "%d###servers%d", count, count);
    ImGui::RadioButton(label, &server_count_, count);
    char name[32];
    snprintf(name, sizeof name, "controls.servers%d", count);
    probe::widget(name);
  }
  ImGui::Separator();
  const float button_w = ImGui::GetContentRegionAvail().x;
  constexpr int64_t kGapUs = 1'000'000;
  // The Start buttons name the order they start with the chosen count: 1-2-3-4-5, 5-4-3-2-1.
  const std::vector<ServerId> up = ascending(server_count_);
  std::vector<ServerId> down = up;
  std::reverse(down.begin(), down.end());
  if (simulation != nullptr) {
    const std::string start_up = fmt::format(fmt::runtime(tr(Text::kStartOrder)), order_label(up));
    if (ImGui::Button(labelled(start_up, "start_up").c_str(), ImVec2(button_w, 0))) {
      simulation->new_cluster(server_count_, 1);
      simulation->start_in_order(up, kGapUs);
    }
    probe::widget("controls.start_up");
    probe::note("controls.start_up", start_up);
    const std::string start_down = fmt::format(fmt::runtime(tr(Text::kStartOrder)), order_label(down));
    if (ImGui::Button(labelled(start_down, "start_down").c_str(), ImVec2(button_w, 0))) {
      simulation->new_cluster(server_count_, 1);
      simulation->start_in_order(down, kGapUs);
    }
    probe::widget("controls.start_down");
    probe::note("controls.start_down", start_down);
    if (ImGui::Button(labelled(tr(Text::kStartAll), "start_all").c_str(), ImVec2(button_w, 0))) {
      simulation->new_cluster(server_count_, 1);
      simulation->start_in_order(up, 0);
    }
    probe::widget("controls.start_all");
  }
  const bool have_world = context.world != nullptr;
  ImGui::BeginDisabled(!have_world);
  if (ImGui::Button(labelled(tr(Text::kKillLeader), "kill_leader").c_str(), ImVec2(button_w, 0))) {
    simulation->kill_leader();
  }
  probe::widget("controls.kill_leader");
  if (ImGui::Button(labelled(tr(Text::kHeal), "heal").c_str(), ImVec2(button_w, 0))) simulation->heal();
  probe::widget("controls.heal");
  ImGui::Separator();
  if (ImGui::Button(labelled(simulation && simulation->playing ? tr(Text::kPause) : tr(Text::kPlay), "play").c_str())) {
    toggle_play(*simulation);
  }
  probe::widget("controls.play");
  ImGui::SameLine();
  if (ImGui::Button(labelled(tr(Text::kStep), "step_one").c_str())) step_one(*simulation);
  probe::widget("controls.step_one");
  if (simulation) {
    float speed = static_cast<float>(simulation->speed);
    ImGui::SetNextItemWidth(button_w);
    // The slider's format string shows the translated label ("%" in it would be a format).
    const std::string speed_format = fmt::format("{} %.2fx", tr(Text::kSpeed));
    if (ImGui::SliderFloat("##speed", &speed, 0.01f, 10000.0f, speed_format.c_str(), ImGuiSliderFlags_Logarithmic)) {
      simulation->speed = speed;
    }
    probe::widget("controls.speed");
  }
  ImGui::EndDisabled();
  // What the last single step ran; cleared once the run moves on by other means.
  if (simulation != nullptr && simulation->playing) single_step_message_.clear();
  if (!single_step_message_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", single_step_message_.c_str());
    ImGui::PopTextWrapPos();
    probe::note("controls.step_one", single_step_message_);
  }
  if (!have_world) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(Text::kNoCluster));
    ImGui::PopTextWrapPos();
  } else if (simulation && !simulation->last_error().empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(text_tone(TextTone::kError), "%s", simulation->last_error().c_str());
    ImGui::PopTextWrapPos();
  }
  if (simulation == nullptr) return;
  if (have_world) {
    draw_step_to(*simulation);
    draw_partition(*context.world, *simulation);
    draw_link(*context.world, *simulation);
  }
  draw_new_cluster(*simulation);
}

void ControlsPanel::toggle_play(sim::RecordedRun& simulation) { simulation.playing = !simulation.playing; }

void ControlsPanel::step_one(sim::RecordedRun& simulation) {
  simulation.playing = false;
  single_step_message_ = step_one_described(simulation);
}

void ControlsPanel::next_traced(sim::RecordedRun& simulation) {
  simulation.playing = false;
  single_step_message_ = jump_to_next_traced(simulation);
}

void ControlsPanel::previous_traced(sim::RecordedRun& simulation) {
  simulation.playing = false;
  single_step_message_ = jump_to_previous_traced(simulation);
}

void ControlsPanel::step_to(sim::RecordedRun& simulation, int target) {
  simulation.playing = false;
  step_target_ = target;
  open_step_section_ = true;
  size_t match = 0;
  const bool found = step_to_next(simulation, static_cast<StepTarget>(target), {}, &match);
  step_message_ = found ? fmt::format("{}: {}", time_text(simulation.world()->trace()[match].time_us),
                                      describe(simulation.world()->trace()[match]))
                        : tr(Text::kStepNotFound);
}

void ControlsPanel::draw_step_to(sim::RecordedRun& simulation) {
  const bool opened_by_shortcut = open_step_section_;
  if (opened_by_shortcut) ImGui::SetNextItemOpen(true);
  open_step_section_ = false;
  const bool open = ImGui::CollapsingHeader(labelled(tr(Text::kStepHeader), "step_header").c_str());
  probe::widget("controls.step_header");
  if (!open) return;
  const char* kinds[] = {tr(Text::kNextVoteChange), tr(Text::kNextStateChange), tr(Text::kNextCommit)};
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::Combo("##step_kind", &step_target_, kinds, 3);
  probe::widget("controls.step_kind");
  ImGui::SameLine();
  if (ImGui::Button(labelled(tr(Text::kStep), "step_to").c_str())) step_to(simulation, step_target_);
  probe::widget("controls.step_to");
  if (!step_message_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", step_message_.c_str());
    ImGui::PopTextWrapPos();
    if (opened_by_shortcut) ImGui::SetScrollHereY(1.0f);  // the result in view, not below the tile
    probe::note("controls.step_to", step_message_);
  }
}

void ControlsPanel::draw_partition(const sim::World& world, sim::RecordedRun& simulation) {
  const bool open = ImGui::CollapsingHeader(labelled(tr(Text::kPartitionHeader), "partition_header").c_str());
  probe::widget("controls.partition_header");
  if (!open) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(Text::kPartitionHint));
  ImGui::PopTextWrapPos();
  const int n = std::min(world.server_count(), 16);
  int in_b = 0;
  for (int id = 1; id <= n; ++id) {
    bool& b = in_group_b_[id - 1];
    char label[32];
    snprintf(label, sizeof label, "S%d:%s###group%d", id, b ? "B" : "A", id);
    if (id > 1) same_line_if_fits(button_width(label));  // as many to a row as the column holds
    ImGui::PushStyleColor(ImGuiCol_Button, b ? ImVec4(0.55f, 0.30f, 0.65f, 1.0f) : ImVec4(0.20f, 0.45f, 0.70f, 1.0f));
    if (ImGui::SmallButton(label)) b = !b;
    ImGui::PopStyleColor();
    char name[32];
    snprintf(name, sizeof name, "controls.group%d", id);
    probe::widget(name);
    in_b += b ? 1 : 0;
  }
  ImGui::BeginDisabled(in_b == 0 || in_b == n);
  if (ImGui::Button(labelled(tr(Text::kApplyPartition), "partition").c_str())) {
    sim::Partition partition;
    partition.groups.resize(2);
    for (int id = 1; id <= n; ++id) {
      partition.groups[in_group_b_[id - 1] ? 1 : 0].push_back(
          sim::PartitionMember{.is_client = false, .server = server_ref(id), .client = {}});
    }
    simulation.apply(partition);
  }
  probe::widget("controls.partition");
  ImGui::EndDisabled();
  same_line_if_fits(button_width(tr(Text::kHeal)));
  if (ImGui::Button(labelled(tr(Text::kHeal), "partition_heal").c_str())) simulation.heal();
  probe::widget("controls.partition_heal");
}

void ControlsPanel::draw_link(const sim::World& world, sim::RecordedRun& simulation) {
  const bool open = ImGui::CollapsingHeader(labelled(tr(Text::kLinkHeader), "link_header").c_str());
  probe::widget("controls.link_header");
  if (!open) return;
  const int n = world.server_count();
  link_from_ = std::clamp(link_from_, 1, n);
  link_to_ = std::clamp(link_to_, 1, n);
  server_combo(tr(Text::kFrom), &link_from_, n);
  same_line_if_fits(ImGui::CalcTextSize("S99").x + 30.0f + ImGui::GetStyle().ItemInnerSpacing.x +
                    ImGui::CalcTextSize(tr(Text::kTo)).x);
  server_combo(tr(Text::kTo), &link_to_, n);
  ImGui::BeginDisabled(link_from_ == link_to_);
  if (ImGui::SmallButton(labelled(tr(Text::kHoldNext), "hold_next").c_str())) {
    simulation.apply(sim::HoldNext{.from = server_ref(link_from_), .to = server_ref(link_to_)});
  }
  probe::widget("controls.hold_next");
  same_line_if_fits(button_width(tr(Text::kDropNext)));
  if (ImGui::SmallButton(labelled(tr(Text::kDropNext), "drop_next").c_str())) {
    if (simulation.apply(sim::DropNext{.from = server_ref(link_from_), .to = server_ref(link_to_)}).empty()) {
      drop_from_ = link_from_;
      drop_to_ = link_to_;
      drop_trace_index_ = simulation.world()->trace().size();
    }
  }
  probe::widget("controls.drop_next");
  same_line_if_fits(button_width(tr(Text::kRelease)));
  if (ImGui::SmallButton(labelled(tr(Text::kRelease), "release").c_str())) {
    simulation.apply(sim::ReleaseHeld{.from = server_ref(link_from_), .to = server_ref(link_to_)});
  }
  probe::widget("controls.release");
  ImGui::EndDisabled();
  if (world.network().holding(link_from_, link_to_)) {
    ImGui::TextDisabled("S%d -> S%d: %s", link_from_, link_to_, tr(Text::kHoldNext));
  }
  // Drop next: armed until a message takes it, then which message was dropped (the
  // world traces kMessageDropped: "S1 -> S2: NOTIFICATION dropped (drop next)").
  if (drop_from_ != 0) {
    if (world.trace().size() < drop_trace_index_) drop_from_ = 0;  // moved back before the click
  }
  if (drop_from_ != 0) {
    const std::string prefix = fmt::format("S{} -> S{}: ", drop_from_, drop_to_);
    std::string said = fmt::format("{}the next message will be dropped", prefix);
    for (size_t i = drop_trace_index_; i < world.trace().size(); ++i) {
      const TraceEvent& event = world.trace()[i];
      if (event.kind == TraceKind::kMessageDropped && event.server == drop_from_ && event.peer == drop_to_) {
        said = fmt::format("{} {}", time_text(event.time_us), describe(event));
        break;
      }
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(text_tone(TextTone::kWarning), "%s", said.c_str());
    ImGui::PopTextWrapPos();
    probe::note("controls.drop", said);
  }
  const auto& held = world.held_messages();
  if (held.empty()) {
    ImGui::TextDisabled("%s", tr(Text::kHeldNone));
    return;
  }
  ImGui::TextUnformatted(tr(Text::kHeldCount));
  constexpr size_t kMaxListed = 20;
  for (size_t i = 0; i < held.size() && i < kMaxListed; ++i) {
    const sim::DeliverMessage& message = held[i].message;
    ImGui::BulletText("%s  S%d -> S%d", message_kind_name(message.message), static_cast<int>(message.from),
                      static_cast<int>(message.to));
  }
  if (held.size() > kMaxListed) ImGui::TextDisabled("... %zu more", held.size() - kMaxListed);
}

void ControlsPanel::draw_new_cluster(sim::RecordedRun& simulation) {
  const bool open = ImGui::CollapsingHeader(labelled(tr(Text::kNewClusterHeader), "new_cluster_header").c_str());
  probe::widget("controls.new_cluster_header");
  // The start order follows the server count chosen at the top ("1 2 3 4 5" for 5) until
  // the user types an order of their own.
  if (order_count_ != server_count_) {
    if (std::string(order_) == default_start_order(order_count_)) {
      snprintf(order_, sizeof order_, "%s", default_start_order(server_count_).c_str());
    }
    order_count_ = server_count_;
  }
  if (!open) return;
  const float field_w = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt(labelled(tr(Text::kSeed), "seed").c_str(), &seed_);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt(labelled(tr(Text::kTickMs), "tick").c_str(), &tick_ms_, 100, 1000);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt2(labelled(tr(Text::kLatencyMs), "latency").c_str(), latency_ms_);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputText(labelled(tr(Text::kCustomOrder), "order").c_str(), order_, sizeof order_);
  probe::widget("controls.order");
  probe::note("controls.order", order_);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt(labelled(tr(Text::kGapMs), "gap").c_str(), &gap_ms_, 100, 1000);
  seed_ = std::max(seed_, 0);
  tick_ms_ = std::clamp(tick_ms_, 1, 60'000);
  latency_ms_[0] = std::clamp(latency_ms_[0], 0, 10'000);
  latency_ms_[1] = std::clamp(latency_ms_[1], latency_ms_[0], 10'000);
  gap_ms_ = std::clamp(gap_ms_, 0, 600'000);
  // Said before the click: an order that cannot elect a leader is allowed, not silent.
  const StartOrder order = parse_start_order(order_, server_count_);
  const std::string warning = order.error.empty() ? quorum_warning(order.order, server_count_) : std::string();
  if (!warning.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(text_tone(TextTone::kWarning), "%s", warning.c_str());
    ImGui::PopTextWrapPos();
    probe::note("controls.order_warning", warning);
  }
  if (ImGui::Button(labelled(tr(Text::kCreateCluster), "create").c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 0))) {
    order_error_ = order.error;
    if (order.error.empty()) {
      sim::Cluster setup;
      setup.server_count = server_count_;
      setup.tick_ms = tick_ms_;
      setup.latency_min_us = int64_t{latency_ms_[0]} * 1000;
      setup.latency_max_us = int64_t{latency_ms_[1]} * 1000;
      setup.seed = static_cast<uint64_t>(seed_);
      simulation.new_cluster(setup, static_cast<uint64_t>(seed_));
      simulation.start_in_order(order.order, int64_t{gap_ms_} * 1000);
    }
  }
  probe::widget("controls.create");
  if (!order_error_.empty()) {
    ImGui::TextColored(text_tone(TextTone::kError), "%s", order_error_.c_str());
    probe::note("controls.order_error", order_error_);
  }
}

}  // namespace zk::ui
