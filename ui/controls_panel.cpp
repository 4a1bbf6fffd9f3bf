// Controls: new cluster size, the one-click lessons, and playback. Every action goes to the
// Simulation, which applies it through the world's command layer.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/simulation.h"
#include "sim/world.h"

namespace zk::ui {
namespace {

std::vector<ServerId> ascending(int count) {
  std::vector<ServerId> ids;
  for (int id = 1; id <= count; ++id) ids.push_back(id);
  return ids;
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
    char label[8];
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
    if (ImGui::SliderFloat("##speed", &speed, 0.01f, 10000.0f, "speed %.2fx", ImGuiSliderFlags_Logarithmic)) {
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
}

}  // namespace zk::ui
