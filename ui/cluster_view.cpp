// Cluster view: servers on a ring coloured by state. Until a cluster exists it shows the
// colour legend and the empty-state sentence.
#include <fmt/format.h>
#include <imgui.h>

#include <cmath>

#include "sim/world.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace zk::ui {
namespace {

void draw_state_legend() {
  const StateColors colors = state_colors();
  const struct {
    const char* label;
    ImU32 color;
  } entries[] = {{"LOOKING", colors.looking},
                 {"FOLLOWING", colors.following},
                 {"LEADING", colors.leading},
                 {"DOWN", colors.down},
                 {"paused", colors.paused}};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float radius_px = ImGui::GetTextLineHeight() * 0.4f;
  for (const auto& entry : entries) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    draw->AddCircleFilled(ImVec2(pos.x + radius_px, pos.y + ImGui::GetTextLineHeight() * 0.5f), radius_px,
                          entry.color);
    ImGui::Dummy(ImVec2(radius_px * 2.0f, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextUnformatted(entry.label);
    ImGui::SameLine(0.0f, 18.0f);
  }
  ImGui::NewLine();
  ImGui::Separator();
}


ImU32 server_color(const sim::World& world, ServerId id) {
  const StateColors colors = state_colors();
  const QuorumPeer* peer = world.peer(id);
  if (peer == nullptr) return colors.down;
  if (world.slot(id).paused) return colors.paused;
  switch (peer->state()) {
    case PeerState::kLeading: return colors.leading;
    case PeerState::kFollowing: return colors.following;
    default: return colors.looking;
  }
}

void draw_arrow(ImDrawList* draw, ImVec2 from, ImVec2 to, float inset_px, ImU32 color) {
  const float dx = to.x - from.x;
  const float dy = to.y - from.y;
  const float length = std::sqrt(dx * dx + dy * dy);
  if (length < 2 * inset_px + 4) return;
  const ImVec2 unit(dx / length, dy / length);
  const ImVec2 start(from.x + unit.x * inset_px, from.y + unit.y * inset_px);
  const ImVec2 end(to.x - unit.x * inset_px, to.y - unit.y * inset_px);
  draw->AddLine(start, end, color, 2.5f);
  const ImVec2 normal(-unit.y, unit.x);
  const float head_px = 12.0f;
  draw->AddTriangleFilled(end, ImVec2(end.x - unit.x * head_px + normal.x * head_px * 0.5f,
                                      end.y - unit.y * head_px + normal.y * head_px * 0.5f),
                          ImVec2(end.x - unit.x * head_px - normal.x * head_px * 0.5f,
                                 end.y - unit.y * head_px - normal.y * head_px * 0.5f),
                          color);
}

}  // namespace

void ClusterView::draw(const PanelContext& context) {
  draw_state_legend();
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoCluster));
    return;
  }
  const sim::World& world = *context.world;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 center(origin.x + avail.x * 0.5f, origin.y + avail.y * 0.5f);
  const float ring_px = std::min(avail.x, avail.y) * 0.36f;
  const float node_px = std::clamp(ring_px * 0.9f / static_cast<float>(world.server_count()), 26.0f, 46.0f);
  const int n = world.server_count();
  std::vector<ImVec2> positions;
  for (int i = 0; i < n; ++i) {
    const float angle = -1.5707963f + 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
    positions.emplace_back(center.x + ring_px * std::cos(angle), center.y + ring_px * std::sin(angle));
  }
  // Vote arrows: each LOOKING server points at the server it currently votes for.
  for (ServerId id = 1; id <= n; ++id) {
    const QuorumPeer* peer = world.peer(id);
    if (!peer || peer->state() != PeerState::kLooking) continue;
    const ServerId vote = peer->election().proposal().leader;
    if (vote < 1 || vote > n || vote == id) continue;
    draw_arrow(draw, positions[static_cast<size_t>(id - 1)], positions[static_cast<size_t>(vote - 1)], node_px + 4,
               state_colors().looking);
  }
  for (ServerId id = 1; id <= n; ++id) {
    const ImVec2 pos = positions[static_cast<size_t>(id - 1)];
    draw->AddCircleFilled(pos, node_px, server_color(world, id), 48);
    draw->AddCircle(pos, node_px, IM_COL32(255, 255, 255, 160), 48, 2.0f);
    const std::string name = fmt::format("S{}", id);
    const ImVec2 name_size = ImGui::CalcTextSize(name.c_str());
    draw->AddText(ImVec2(pos.x - name_size.x * 0.5f, pos.y - name_size.y * 0.5f), IM_COL32(255, 255, 255, 255),
                  name.c_str());
    const QuorumPeer* peer = world.peer(id);
    const std::string label =
        peer ? fmt::format("{}\nepoch {}\nzxid {}", peer_state_name(peer->state()), peer->persistent().current_epoch,
                           zxid_hex(peer->last_processed_zxid()))
             : std::string("DOWN");
    const ImVec2 label_size = ImGui::CalcTextSize(label.c_str());
    draw->AddText(ImVec2(pos.x - label_size.x * 0.5f, pos.y + node_px + 4), ImGui::GetColorU32(ImGuiCol_Text),
                  label.c_str());
  }
  const std::string clock = fmt::format("virtual time {}", sim::format_time_us(world.now_us()));
  draw->AddText(ImVec2(origin.x + 4, origin.y + 4), ImGui::GetColorU32(ImGuiCol_TextDisabled), clock.c_str());
}

}  // namespace zk::ui
