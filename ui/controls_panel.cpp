// Controls: new cluster size, the one-click lessons, playback, and (in collapsible
// sections) partitions by group, hold/drop of the next message on one link, stepping to
// the next event of a chosen kind, and a new cluster with its parameters and a custom
// start order. Every action goes to the Simulation, which applies it through the world's
// command layer.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "sim/world.h"
#include "ui/controls_actions.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/simulation.h"

namespace zk::ui {
namespace {

std::vector<ServerId> ascending(int count) {
  std::vector<ServerId> ids;
  for (int id = 1; id <= count; ++id) ids.push_back(id);
  return ids;
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
  Simulation* simulation = context.simulation;
  // Show the size of the cluster that is running (a lesson may have started it).
  if (context.world != nullptr && context.world != shown_world_) {
    server_count_ = context.world->server_count();
    shown_world_ = context.world;
  }
  ImGui::TextUnformatted(tr(Text::kServers));
  for (int count : {3, 5, 7, 9}) {
    ImGui::SameLine();
    char label[16];
    snprintf(label, sizeof label, "%d", count);
    ImGui::RadioButton(label, &server_count_, count);
  }
  ImGui::Separator();
  const float button_w = ImGui::GetContentRegionAvail().x;
  constexpr int64_t kGapUs = 1'000'000;
  if (simulation != nullptr) {
    if (ImGui::Button(tr(Text::kStart123), ImVec2(button_w, 0))) {
      simulation->new_cluster(server_count_, 1);
      simulation->start_in_order(ascending(server_count_), kGapUs);
    }
    if (ImGui::Button(tr(Text::kStart321), ImVec2(button_w, 0))) {
      std::vector<ServerId> order = ascending(server_count_);
      std::reverse(order.begin(), order.end());
      simulation->new_cluster(server_count_, 1);
      simulation->start_in_order(order, kGapUs);
    }
    if (ImGui::Button(tr(Text::kStartAll), ImVec2(button_w, 0))) {
      simulation->new_cluster(server_count_, 1);
      simulation->start_in_order(ascending(server_count_), 0);
    }
  }
  const bool have_world = context.world != nullptr;
  ImGui::BeginDisabled(!have_world);
  if (ImGui::Button(tr(Text::kKillLeader), ImVec2(button_w, 0))) simulation->kill_leader();
  if (ImGui::Button(tr(Text::kHeal), ImVec2(button_w, 0))) simulation->heal();
  ImGui::Separator();
  if (ImGui::Button(simulation && simulation->playing ? tr(Text::kPause) : tr(Text::kPlay))) {
    simulation->playing = !simulation->playing;
  }
  ImGui::SameLine();
  if (ImGui::Button(tr(Text::kStep))) {
    simulation->playing = false;
    simulation->step_one_event();
  }
  if (simulation) {
    float speed = static_cast<float>(simulation->speed);
    ImGui::SetNextItemWidth(button_w);
    // The slider's format string shows the translated label ("%" in it would be a format).
    const std::string speed_format = fmt::format("{} %.2fx", tr(Text::kSpeed));
    if (ImGui::SliderFloat("##speed", &speed, 0.01f, 10000.0f, speed_format.c_str(), ImGuiSliderFlags_Logarithmic)) {
      simulation->speed = speed;
    }
  }
  ImGui::EndDisabled();
  if (!have_world) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(Text::kNoCluster));
    ImGui::PopTextWrapPos();
  } else if (simulation && !simulation->last_error().empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.9f, 0.4f, 0.3f, 1.0f), "%s", simulation->last_error().c_str());
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

void ControlsPanel::draw_step_to(Simulation& simulation) {
  if (!ImGui::CollapsingHeader(tr(Text::kStepHeader))) return;
  const char* kinds[] = {tr(Text::kNextVoteChange), tr(Text::kNextStateChange), tr(Text::kNextCommit)};
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::Combo("##step_kind", &step_target_, kinds, 3);
  ImGui::SameLine();
  if (ImGui::Button(tr(Text::kStep))) {
    simulation.playing = false;
    const bool found = step_to_next(simulation, static_cast<StepTarget>(step_target_));
    step_message_ = found ? "" : tr(Text::kStepNotFound);
  }
  if (!step_message_.empty()) ImGui::TextDisabled("%s", step_message_.c_str());
}

void ControlsPanel::draw_partition(const sim::World& world, Simulation& simulation) {
  if (!ImGui::CollapsingHeader(tr(Text::kPartitionHeader))) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr(Text::kPartitionHint));
  ImGui::PopTextWrapPos();
  const int n = std::min(world.server_count(), 16);
  int in_b = 0;
  for (int id = 1; id <= n; ++id) {
    if (id > 1 && (id - 1) % 5 != 0) ImGui::SameLine();
    bool& b = in_group_b_[id - 1];
    char label[16];
    snprintf(label, sizeof label, "S%d:%s", id, b ? "B" : "A");
    ImGui::PushStyleColor(ImGuiCol_Button, b ? ImVec4(0.55f, 0.30f, 0.65f, 1.0f) : ImVec4(0.20f, 0.45f, 0.70f, 1.0f));
    if (ImGui::SmallButton(label)) b = !b;
    ImGui::PopStyleColor();
    in_b += b ? 1 : 0;
  }
  ImGui::BeginDisabled(in_b == 0 || in_b == n);
  if (ImGui::Button(tr(Text::kApplyPartition))) {
    sim::Partition partition;
    partition.groups.resize(2);
    for (int id = 1; id <= n; ++id) {
      partition.groups[in_group_b_[id - 1] ? 1 : 0].push_back(
          sim::PartitionMember{.is_client = false, .server = server_ref(id), .client = {}});
    }
    simulation.apply(partition);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(tr(Text::kHeal))) simulation.heal();
}

void ControlsPanel::draw_link(const sim::World& world, Simulation& simulation) {
  if (!ImGui::CollapsingHeader(tr(Text::kLinkHeader))) return;
  const int n = world.server_count();
  link_from_ = std::clamp(link_from_, 1, n);
  link_to_ = std::clamp(link_to_, 1, n);
  server_combo(tr(Text::kFrom), &link_from_, n);
  ImGui::SameLine();
  server_combo(tr(Text::kTo), &link_to_, n);
  ImGui::BeginDisabled(link_from_ == link_to_);
  if (ImGui::SmallButton(tr(Text::kHoldNext))) {
    simulation.apply(sim::HoldNext{.from = server_ref(link_from_), .to = server_ref(link_to_)});
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(tr(Text::kDropNext))) {
    simulation.apply(sim::DropNext{.from = server_ref(link_from_), .to = server_ref(link_to_)});
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(tr(Text::kRelease))) {
    simulation.apply(sim::ReleaseHeld{.from = server_ref(link_from_), .to = server_ref(link_to_)});
  }
  ImGui::EndDisabled();
  if (world.network().holding(link_from_, link_to_)) {
    ImGui::TextDisabled("S%d -> S%d: %s", link_from_, link_to_, tr(Text::kHoldNext));
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

void ControlsPanel::draw_new_cluster(Simulation& simulation) {
  if (!ImGui::CollapsingHeader(tr(Text::kNewClusterHeader))) return;
  const float field_w = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt(tr(Text::kSeed), &seed_);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt(tr(Text::kTickMs), &tick_ms_, 100, 1000);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt2(tr(Text::kLatencyMs), latency_ms_);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputText(tr(Text::kCustomOrder), order_, sizeof order_);
  ImGui::SetNextItemWidth(field_w);
  ImGui::InputInt(tr(Text::kGapMs), &gap_ms_, 100, 1000);
  seed_ = std::max(seed_, 0);
  tick_ms_ = std::clamp(tick_ms_, 1, 60'000);
  latency_ms_[0] = std::clamp(latency_ms_[0], 0, 10'000);
  latency_ms_[1] = std::clamp(latency_ms_[1], latency_ms_[0], 10'000);
  gap_ms_ = std::clamp(gap_ms_, 0, 600'000);
  if (ImGui::Button(tr(Text::kCreateCluster), ImVec2(ImGui::GetContentRegionAvail().x, 0))) {
    const StartOrder order = parse_start_order(order_, server_count_);
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
  if (!order_error_.empty()) ImGui::TextColored(ImVec4(0.9f, 0.4f, 0.3f, 1.0f), "%s", order_error_.c_str());
}

}  // namespace zk::ui
