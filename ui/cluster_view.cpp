// Cluster view: servers on a ring coloured by state, labelled with state, epoch and zxid;
// an arrow from each LOOKING server to the server it votes for; the links between servers
// (cut links drawn dashed in red with a cross); messages in flight as dots moving along
// their link (position = fraction of the latency elapsed), coloured by type, with a
// tooltip giving the message's fields; clients as small nodes next to their server, and
// real clients (`zksim gui --serve`, the run's gateway) as squares with their session id and
// a line to their server that lights up while a request is answered.
// Right-click a server to kill, restart, pause, resume or isolate it (command layer).
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "sim/gateway/wire_replay.h"
#include "sim/scenario/scenario_names.h"
#include "sim/world/world.h"
#include "ui/expect_here.h"
#include "ui/i18n.h"
#include "ui/legend.h"
#include "ui/message_style.h"
#include "ui/panels.h"
#include "ui/ring_labels.h"
#include "sim/replay/recorded_run.h"
#include "ui/test_probe.h"
#include "ui/theme.h"

namespace zk::ui {
namespace {

constexpr size_t kMaxMessagesDrawn = 5'000;
constexpr size_t kMaxClientsDrawn = 200;

constexpr ImU32 kRealClientColor = IM_COL32(255, 160, 40, 255);

void draw_legends(bool real_clients) {
  const StateColors colors = state_colors();
  begin_legend();
  legend_entry(Swatch::kDot, colors.looking, "LOOKING");
  legend_entry(Swatch::kDot, colors.following, "FOLLOWING");
  legend_entry(Swatch::kDot, colors.leading, "LEADING");
  legend_entry(Swatch::kDot, colors.observing, "OBSERVING");
  legend_entry(Swatch::kDot, colors.down, "DOWN");
  legend_entry(Swatch::kDot, colors.paused, tr(Text::kVotesPaused));
  end_legend();
  begin_legend();
  for (int i = 0; i < kMessageCategoryCount; ++i) {
    legend_entry(Swatch::kDot, message_color(static_cast<MessageCategory>(i)), tr(message_label(static_cast<MessageCategory>(i))));
  }
  if (real_clients) legend_entry(Swatch::kSquare, kRealClientColor, tr(Text::kRealClient));
  end_legend();
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
    case PeerState::kObserving: return colors.observing;
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

void draw_cut_link(ImDrawList* draw, ImVec2 a, ImVec2 b) {
  constexpr ImU32 kCut = IM_COL32(230, 70, 60, 200);
  constexpr int kDashes = 12;
  for (int i = 0; i < kDashes; i += 2) {
    const float t0 = static_cast<float>(i) / kDashes;
    const float t1 = static_cast<float>(i + 1) / kDashes;
    draw->AddLine(ImVec2(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0),
                  ImVec2(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1), kCut, 1.5f);
  }
  const ImVec2 mid((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  constexpr float kCross = 5.0f;
  draw->AddLine(ImVec2(mid.x - kCross, mid.y - kCross), ImVec2(mid.x + kCross, mid.y + kCross), kCut, 2.5f);
  draw->AddLine(ImVec2(mid.x - kCross, mid.y + kCross), ImVec2(mid.x + kCross, mid.y - kCross), kCut, 2.5f);
}

float distance_sq(ImVec2 a, ImVec2 b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

}  // namespace

void ClusterView::draw(const PanelContext& context) {
  draw_legends(context.simulation != nullptr && context.simulation->live);
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoCluster));
    return;
  }
  const sim::World& world = *context.world;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line_h = ImGui::GetTextLineHeight();
  const int n = world.server_count();
  // Up to five servers: the top server's three-line label sits above its circle, so the
  // ring leaves it room below the clock line. More: the ring is as large as one-line labels
  // around it allow (the labels are placed clear of each other, ui/ring_labels.h).
  const bool many = n > 5;
  const float compact_w = ImGui::CalcTextSize("0x100000000").x;
  const ImVec2 center(origin.x + avail.x * 0.5f,
                      many ? origin.y + avail.y * 0.5f + 1.0f : origin.y + avail.y * 0.5f + line_h * 1.5f);
  const float ring_px =
      many ? std::max(40.0f, std::min(avail.x * 0.5f - compact_w - 32.0f, avail.y * 0.5f - 2.0f * line_h - 36.0f))
           : std::min(avail.x, avail.y - 6.0f * line_h) * 0.30f;
  const float node_px = std::clamp(ring_px * 0.9f / static_cast<float>(n), 20.0f, 40.0f);
  positions_.clear();
  std::vector<float> angles;
  for (int i = 0; i < n; ++i) {
    const float angle = -1.5707963f + 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
    angles.push_back(angle);
    positions_.emplace_back(center.x + ring_px * std::cos(angle), center.y + ring_px * std::sin(angle));
  }
  auto server_pos = [&](ServerId id) { return positions_[static_cast<size_t>(id - 1)]; };
  // Links: faint when up, dashed red with a cross when cut in either direction.
  const ImU32 link_color = ImGui::GetColorU32(ImGuiCol_Border);
  for (ServerId a = 1; a <= n; ++a) {
    for (ServerId b = a + 1; b <= n; ++b) {
      if (!world.network().connected(a, b) || !world.network().connected(b, a)) {
        draw_cut_link(draw, server_pos(a), server_pos(b));
      } else {
        draw->AddLine(server_pos(a), server_pos(b), link_color, 1.0f);
      }
    }
  }
  // Clients: small nodes outside the ring next to their server.
  client_positions_.clear();
  std::vector<int> clients_at(static_cast<size_t>(n) + 1, 0);
  const float client_px = std::max(5.0f, node_px * 0.28f);
  size_t clients_drawn = 0;
  for (size_t index = 0; index < world.clients().size() && clients_drawn < kMaxClientsDrawn; ++index) {
    const sim::SimClient& client = world.clients()[index].client;
    const ServerId server = client.server();
    if (server < 1 || server > n || client.state() == sim::ClientState::kClosed ||
        client.state() == sim::ClientState::kCrashed) {
      continue;
    }
    const int k = clients_at[static_cast<size_t>(server)]++;
    const float angle = angles[static_cast<size_t>(server - 1)] + 0.22f * static_cast<float>(k % 7 - 3);
    const float radius = ring_px + node_px * 2.1f + static_cast<float>(k / 7) * client_px * 2.6f;
    const ImVec2 pos(center.x + radius * std::cos(angle), center.y + radius * std::sin(angle));
    client_positions_.emplace_back(client.endpoint(), pos);
    const bool connected = client.state() == sim::ClientState::kConnected;
    draw->AddLine(pos, server_pos(server), connected ? message_color(MessageCategory::kClient) : link_color, 1.0f);
    draw->AddCircleFilled(pos, client_px, connected ? message_color(MessageCategory::kClient) : IM_COL32(120, 120, 120, 255), 12);
    if (distance_sq(ImGui::GetIO().MousePos, pos) <= client_px * client_px && ImGui::IsWindowHovered()) {
      ImGui::SetTooltip("%s: %s, S%d, session 0x%llx", client.name().c_str(), sim::client_state_name(client.state()),
                        static_cast<int>(server), static_cast<unsigned long long>(client.session_id()));
    }
    ++clients_drawn;
  }
  // Real clients, from the gateway as it was at the playhead.
  const sim::gateway::WireReplay* wire = context.simulation ? context.simulation->wire() : nullptr;
  const sim::gateway::Gateway* gateway = wire ? wire->gateway_if_made() : nullptr;
  if (gateway != nullptr) {
    constexpr int64_t kLitUs = 300'000;  // a request's line stays lit this long (virtual time)
    for (const sim::gateway::Gateway::ConnectionView& c : gateway->connections()) {
      if (c.closing || c.server < 1 || c.server > n || clients_drawn >= kMaxClientsDrawn) continue;
      const int k = clients_at[static_cast<size_t>(c.server)]++;
      const float angle = angles[static_cast<size_t>(c.server - 1)] + 0.22f * static_cast<float>(k % 7 - 3);
      const float radius = ring_px + node_px * 2.1f + static_cast<float>(k / 7) * client_px * 2.6f;
      const ImVec2 pos(center.x + radius * std::cos(angle), center.y + radius * std::sin(angle));
      const bool lit = c.last_request_us >= 0 && world.now_us() - c.last_request_us < kLitUs;
      draw->AddLine(pos, server_pos(c.server), lit ? kRealClientColor : link_color, lit ? 2.5f : 1.0f);
      draw->AddRectFilled(ImVec2(pos.x - client_px, pos.y - client_px), ImVec2(pos.x + client_px, pos.y + client_px),
                          c.session_id != 0 ? kRealClientColor : IM_COL32(120, 120, 120, 255));
      const std::string session = c.session_id != 0 ? fmt::format("0x{:x}", c.session_id) : std::string("-");
      // The label sits on the far side of the square from the ring, clear of the server's label.
      const ImVec2 text_size = ImGui::CalcTextSize(session.c_str());
      const float out_x = std::cos(angle);
      const float out_y = std::sin(angle);
      const float gap = client_px + 4;
      const ImVec2 text_pos = out_x < -0.35f  ? ImVec2(pos.x - gap - text_size.x, pos.y - text_size.y * 0.5f)
                              : out_x > 0.35f ? ImVec2(pos.x + gap, pos.y - text_size.y * 0.5f)
                              : out_y < 0     ? ImVec2(pos.x - text_size.x * 0.5f, pos.y - gap - text_size.y)
                                              : ImVec2(pos.x - text_size.x * 0.5f, pos.y + gap);
      draw->AddText(text_pos, kRealClientColor, session.c_str());
      const std::string summary = fmt::format("{} -> S{}, session {}, last: {}", c.remote_address, c.server, session,
                                              c.last_request.empty() ? "-" : c.last_request);
      probe::note(fmt::format("real_client {}", c.id), summary);
      if (distance_sq(ImGui::GetIO().MousePos, pos) <= client_px * client_px * 2 && ImGui::IsWindowHovered()) {
        ImGui::SetTooltip("%s", summary.c_str());
      }
      ++clients_drawn;
    }
  }
  auto endpoint_pos = [&](sim::EndpointId endpoint, ImVec2* out) {
    if (endpoint >= 1 && endpoint <= n) {
      *out = server_pos(static_cast<ServerId>(endpoint));
      return true;
    }
    for (const auto& [id, pos] : client_positions_) {
      if (id == endpoint) {
        *out = pos;
        return true;
      }
    }
    return false;
  };
  // Vote arrows: each LOOKING server points at the server it currently votes for.
  for (ServerId id = 1; id <= n; ++id) {
    const QuorumPeer* peer = world.peer(id);
    if (!peer || peer->state() != PeerState::kLooking) continue;
    const ServerId vote = peer->election().proposal().leader;
    if (vote < 1 || vote > n || vote == id) continue;
    draw_arrow(draw, server_pos(id), server_pos(vote), node_px + 4, state_colors().looking);
  }
  // Messages in flight.
  world.messages_in_flight(kMaxMessagesDrawn, &in_flight_);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const sim::InFlightMessage* hovered = nullptr;
  float hovered_distance_sq = 49.0f;
  const float dot_px = std::max(3.0f, node_px * 0.16f);
  // Hundreds of dots: hexagons without anti-aliased fringes (4 triangles each instead of
  // ~24) keep the software renderer's triangle setup small.
  const ImDrawListFlags saved_flags = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  for (const sim::InFlightMessage& message : in_flight_) {
    ImVec2 from;
    ImVec2 to;
    if (!endpoint_pos(message.from, &from) || !endpoint_pos(message.to, &to)) continue;
    const float t = travel_fraction(message, world.now_us());
    const ImVec2 pos(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
    draw->AddNgonFilled(pos, dot_px, message_color(categorize(message)), 6);
    const float d = distance_sq(mouse, pos);
    if (d < hovered_distance_sq) {
      hovered_distance_sq = d;
      hovered = &message;
    }
  }
  draw->Flags = saved_flags;
  // Held messages (hold next): parked on their link near the sender, ringed, until released.
  const sim::HeldMessage* hovered_held = nullptr;
  for (const sim::HeldMessage& held : world.held_messages()) {
    ImVec2 from;
    ImVec2 to;
    if (!endpoint_pos(held.message.from, &from) || !endpoint_pos(held.message.to, &to)) continue;
    constexpr float kHeldAt = 0.32f;  // clear of the sender's circle
    const ImVec2 pos(from.x + (to.x - from.x) * kHeldAt, from.y + (to.y - from.y) * kHeldAt);
    const sim::EventPayload payload = held.message;
    const sim::InFlightMessage as_in_flight{.from = held.message.from, .to = held.message.to,
                                            .sent_us = held.message.sent_us, .deliver_us = 0,
                                            .kind = message_kind_name(held.message.message), .payload = &payload};
    draw->AddNgonFilled(pos, dot_px * 1.3f, message_color(categorize(as_in_flight)), 6);
    draw->AddNgon(pos, dot_px * 1.3f + 2.0f, IM_COL32(255, 255, 255, 230), 6, 1.5f);
    if (distance_sq(mouse, pos) < 64.0f) hovered_held = &held;
  }
  // Servers on top.
  const ImVec2 mouse_pos = ImGui::GetIO().MousePos;
  full_labels_.clear();
  compact_labels_.clear();
  label_inputs_.clear();
  for (ServerId id = 1; id <= n; ++id) {
    const ImVec2 pos = server_pos(id);
    draw->AddCircleFilled(pos, node_px, server_color(world, id), 40);
    draw->AddCircle(pos, node_px, IM_COL32(255, 255, 255, 160), 40, 2.0f);
    char name[16];
    snprintf(name, sizeof name, "S%d", static_cast<int>(id));
    const ImVec2 name_size = ImGui::CalcTextSize(name);
    draw->AddText(ImVec2(pos.x - name_size.x * 0.5f, pos.y - name_size.y * 0.5f), IM_COL32(255, 255, 255, 255), name);
    const QuorumPeer* peer = world.peer(id);
    const char* paused = world.slot(id).paused ? " (paused)" : "";
    if (peer != nullptr) {
      const Epoch epoch = peer->persistent().current_epoch;
      const std::string zxid = zxid_hex(peer->last_processed_zxid());
      full_labels_.push_back(fmt::format(fmt::runtime(many ? "{}{}\ne{} {}" : "{}{}\nepoch {}\nzxid {}"),
                                        peer_state_name(peer->state()), paused, epoch, zxid));
      // The circle's colour gives the state (the legend says which), the zxid's high half
      // the epoch it was written in; hovering the server gives the rest.
      compact_labels_.push_back(zxid);
    } else {
      full_labels_.emplace_back("DOWN");
      compact_labels_.emplace_back("DOWN");
    }
    label_inputs_.push_back(RingLabelInput{pos, angles[static_cast<size_t>(id - 1)],
                                          ImGui::CalcTextSize(full_labels_.back().c_str()),
                                          ImGui::CalcTextSize(compact_labels_.back().c_str())});
    if (probe::enabled()) {
      probe::area(fmt::format("cluster.server{}", id).c_str(), pos.x - node_px * 0.5f, pos.y - node_px * 0.5f,
                  pos.x + node_px * 0.5f, pos.y + node_px * 0.5f);
    }
    const bool over = ImGui::IsWindowHovered() && distance_sq(mouse_pos, pos) <= node_px * node_px;
    if (over && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
      menu_server_ = id;
      ImGui::OpenPopup("server_menu");
    }
    if (over && hovered == nullptr && hovered_held == nullptr) ImGui::SetTooltip("S%d %s", static_cast<int>(id), full_labels_.back().c_str());
  }
  // Labels outside the ring, clear of each other and of the circles, between the clock line
  // and the hint line; one that fits nowhere is left out (hover the server). They sit on a
  // plate of the background colour, so a client's dot or line under one does not blur it.
  const std::vector<RingLabelPlace> places =
      place_ring_labels(label_inputs_, node_px, ImVec2(origin.x + 2.0f, origin.y + line_h + 6.0f),
                        ImVec2(origin.x + avail.x - 2.0f, origin.y + avail.y - line_h - 4.0f));
  int labels_left_out = 0;
  const ImU32 plate = (ImGui::GetColorU32(ImGuiCol_WindowBg) & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 215);
  for (size_t i = 0; i < places.size(); ++i) {
    const RingLabelPlace& place = places[i];
    if (place.form == RingLabelForm::kNone) {
      ++labels_left_out;
      continue;
    }
    const std::string& text = place.form == RingLabelForm::kFull ? full_labels_[i] : compact_labels_[i];
    if (many) draw->AddRectFilled(ImVec2(place.min.x - 1.0f, place.min.y), ImVec2(place.max.x + 1.0f, place.max.y), plate);
    draw->AddText(place.min, ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
    if (probe::enabled()) {
      probe::area(fmt::format("cluster.label{}", i + 1).c_str(), place.min.x, place.min.y, place.max.x, place.max.y);
    }
  }
  probe::note("cluster.labels_left_out", fmt::format("{}", labels_left_out));
  if (hovered_held != nullptr && ImGui::IsWindowHovered()) {
    ImGui::SetTooltip("%s  S%d -> S%d  held since %s\n(Controls > One link: Release delivers it)",
                      message_kind_name(hovered_held->message.message), static_cast<int>(hovered_held->message.from),
                      static_cast<int>(hovered_held->message.to), sim::format_time_us(hovered_held->message.sent_us).c_str());
  } else if (hovered != nullptr && ImGui::IsWindowHovered()) {
    const std::string fields = sim::describe_in_flight(*hovered);
    auto endpoint_name = [](sim::EndpointId endpoint) {
      return endpoint < sim::kFirstClientEndpoint ? fmt::format("S{}", endpoint)
                                                  : fmt::format("client {}", endpoint - sim::kFirstClientEndpoint + 1);
    };
    ImGui::BeginTooltip();
    ImGui::Text("%s  %s -> %s", hovered->kind, endpoint_name(hovered->from).c_str(), endpoint_name(hovered->to).c_str());
    ImGui::Text("sent %s  arrives %s", sim::format_time_us(hovered->sent_us).c_str(),
                sim::format_time_us(hovered->deliver_us).c_str());
    if (!fields.empty()) ImGui::TextUnformatted(fields.c_str());
    ImGui::EndTooltip();
  }
  if (ImGui::BeginPopup("server_menu")) {
    draw_server_menu(world, context.simulation);
    ImGui::EndPopup();
  }
  if (!expect_note_.empty()) {
    probe::note("cluster.expect", expect_note_);
    draw->AddText(ImVec2(origin.x + 4, origin.y + avail.y - 2 * ImGui::GetTextLineHeight() - 4),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), expect_note_.c_str());
  }
  std::string time = sim::format_time_us(world.now_us());
  time.erase(0, time.find_first_not_of(' '));
  const std::string clock = fmt::format("{} {}   {} {}", tr(Text::kVirtualTime), time,
                                        in_flight_.size(),
                                        tr(in_flight_.size() == 1 ? Text::kInFlightOne : Text::kInFlight));
  draw->AddText(ImVec2(origin.x + 4, origin.y + 4), ImGui::GetColorU32(ImGuiCol_TextDisabled), clock.c_str());
  draw->AddText(ImVec2(origin.x + 4, origin.y + avail.y - ImGui::GetTextLineHeight() - 2),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), tr(Text::kClusterHint));
}

void ClusterView::draw_server_menu(const sim::World& world, sim::RecordedRun* simulation) {
  const ServerId id = menu_server_;
  if (simulation == nullptr || !world.valid_server(id)) return;
  ImGui::TextDisabled("S%d", static_cast<int>(id));
  ImGui::Separator();
  const sim::ServerRef ref{.is_leader = false, .id = static_cast<int>(id)};
  const bool up = world.is_up(id);
  const bool paused = world.slot(id).paused;
  if (ImGui::MenuItem(tr(Text::kActionKill), nullptr, false, up)) simulation->apply(sim::Kill{.server = ref});
  if (ImGui::MenuItem(tr(Text::kActionRestart), nullptr, false, true)) simulation->apply(sim::Restart{.server = ref});
  if (ImGui::MenuItem(tr(Text::kActionPause), nullptr, false, up && !paused)) simulation->apply(sim::Pause{.server = ref});
  if (ImGui::MenuItem(tr(Text::kActionResume), nullptr, false, up && paused)) simulation->apply(sim::Resume{.server = ref});
  if (ImGui::MenuItem(tr(Text::kActionIsolate), nullptr, false, world.server_count() > 1)) {
    sim::Partition partition;
    partition.groups.resize(2);
    partition.groups[0].push_back(sim::PartitionMember{.is_client = false, .server = ref, .client = {}});
    for (ServerId other = 1; other <= world.server_count(); ++other) {
      if (other == id) continue;
      partition.groups[1].push_back(sim::PartitionMember{
          .is_client = false, .server = sim::ServerRef{.is_leader = false, .id = static_cast<int>(other)}, .client = {}});
    }
    simulation->apply(partition);
  }
  // "Expect this here": what the server shows now, as a check the saved session runs.
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr(Text::kExpectHere));
  const QuorumPeer* peer = world.peer(id);
  std::vector<ExpectChoice> checks;
  if (peer != nullptr && peer->state() == PeerState::kLeading) {
    checks.push_back(ExpectChoice{"leader", sim::ExpectLeader{.server = ref}});
  }
  // The name the runner compares (`expect state` checks peer_state_name, or DOWN).
  const std::optional<sim::ServerState> state =
      sim::parse_server_state(peer != nullptr ? peer_state_name(peer->state()) : "DOWN");
  if (state) checks.push_back(ExpectChoice{"state", sim::ExpectState{.server = ref, .state = *state}});
  if (peer != nullptr) {
    checks.push_back(ExpectChoice{"epoch", sim::ExpectEpoch{.server = ref, .epoch = peer->persistent().current_epoch}});
    checks.push_back(ExpectChoice{"zxid", sim::ExpectZxid{.server = ref, .zxid = peer->last_processed_zxid()}});
  }
  if (auto note = draw_expect_items(checks, "server_menu", world, *simulation)) expect_note_ = std::move(*note);
}

}  // namespace zk::ui
