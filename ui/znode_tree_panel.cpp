// Znode tree: the chosen server's data tree, expandable, with the selected node's data and
// full Stat (as zkCli prints it). Nodes that differ from the leader's copy are coloured
// (missing here, extra here, other data or version) and a legend says what the colours mean.
// Right-click a node: "Expect this here" turns what the panel shows of it into `expect node`
// checks (ui/expect_here.h), as the cluster view's server menu does for a server.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>

#include "core/zkcli_format.h"
#include "sim/world/world.h"
#include "ui/expect_here.h"
#include "ui/i18n.h"
#include "ui/legend.h"
#include "ui/panels.h"
#include "ui/test_probe.h"
#include "ui/tree_diff.h"

namespace zk::ui {
namespace {

const ImVec4 kMissingColor(0.95f, 0.35f, 0.30f, 1.0f);
const ImVec4 kExtraColor(0.35f, 0.65f, 1.0f, 1.0f);
const ImVec4 kDiffersColor(0.95f, 0.75f, 0.20f, 1.0f);
constexpr size_t kMaxChildrenShown = 500;

const ImVec4* diff_color(NodeDiff diff) {
  switch (diff) {
    case NodeDiff::kMissing: return &kMissingColor;
    case NodeDiff::kExtra: return &kExtraColor;
    case NodeDiff::kDiffers: return &kDiffersColor;
    case NodeDiff::kSame: return nullptr;
  }
  return nullptr;
}

void draw_legend() {
  begin_legend();
  legend_entry(Swatch::kSquare, ImGui::ColorConvertFloat4ToU32(kMissingColor), tr(Text::kTreeLegendMissing));
  legend_entry(Swatch::kSquare, ImGui::ColorConvertFloat4ToU32(kExtraColor), tr(Text::kTreeLegendExtra));
  legend_entry(Swatch::kSquare, ImGui::ColorConvertFloat4ToU32(kDiffersColor), tr(Text::kTreeLegendDiffers));
  end_legend();
}

}  // namespace

void ZnodeTreePanel::draw(const PanelContext& context) {
  if (context.world == nullptr) {
    draw_empty_state(tr(Text::kNoTree));
    return;
  }
  const sim::World& world = *context.world;
  const int n = world.server_count();
  if (server_ < 1 || server_ > n) server_ = 1;
  // Default to the leader once there is one, until the user picks a server.
  if (!server_chosen_ && world.leader()) server_ = static_cast<int>(*world.leader());
  const std::string preview = fmt::format("S{} {}", server_, world.is_up(server_) ? peer_state_name(world.state(server_)) : "DOWN");
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("S9 FOLLOWING").x + 40.0f);
  if (ImGui::BeginCombo("##server", preview.c_str())) {
    for (int id = 1; id <= n; ++id) {
      const std::string item = fmt::format("S{} {}", id, world.is_up(id) ? peer_state_name(world.state(id)) : "DOWN");
      if (ImGui::Selectable(item.c_str(), id == server_)) {
        server_ = id;
        server_chosen_ = true;
      }
    }
    ImGui::EndCombo();
  }
  const QuorumPeer* peer = world.peer(server_);
  if (peer == nullptr) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(tr(Text::kTreeDown), server_);
    ImGui::PopTextWrapPos();
    return;
  }
  const std::optional<ServerId> leader_id = world.leader();
  const QuorumPeer* leader = leader_id ? world.peer(*leader_id) : nullptr;
  const DataTree* leader_tree = (leader != nullptr && *leader_id != server_) ? &leader->tree() : nullptr;
  ImGui::SameLine();
  if (leader == nullptr) {
    ImGui::TextDisabled("%s", tr(Text::kTreeNoLeader));
  } else if (leader_tree == nullptr) {
    ImGui::TextDisabled("%s", tr(Text::kTreeIsLeader));
  } else {
    ImGui::TextDisabled(tr(Text::kTreeComparedWith), static_cast<int>(*leader_id));
  }
  draw_legend();
  // The diff is recomputed only when the world moved or another server is shown.
  const DiffKey key{world.events_processed(), world.now_us(), server_, leader_tree ? static_cast<int>(*leader_id) : 0};
  if (!(key == diff_key_)) {
    diff_ = leader_tree ? diff_trees(peer->tree(), *leader_tree) : TreeDiff{};
    diff_key_ = key;
  }
  const float avail_h = ImGui::GetContentRegionAvail().y;
  if (ImGui::BeginChild("tree", ImVec2(0, avail_h * 0.45f), true)) {
    draw_node(peer->tree(), leader_tree, "/", "/");
    draw_node_menu(world, peer->tree(), context.simulation);
  }
  ImGui::EndChild();
  if (ImGui::BeginChild("details", ImVec2(0, 0), true)) {
    // Below the tree, so that the tree keeps its rows.
    if (!expect_note_.empty()) {
      probe::note("tree.expect", expect_note_);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", expect_note_.c_str());
      ImGui::PopTextWrapPos();
    }
    draw_details(peer->tree(), leader_tree);
  }
  ImGui::EndChild();
}

void ZnodeTreePanel::draw_node(const DataTree& tree, const DataTree* leader, const std::string& path,
                               const std::string& name) {
  const NodeDiff diff = diff_.at(path);
  const std::vector<std::string> children =
      diff == NodeDiff::kMissing ? leader->get_children(path).children : merged_children(tree, leader, path);
  ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth;
  if (children.empty()) flags |= ImGuiTreeNodeFlags_Leaf;
  if (path == selected_) flags |= ImGuiTreeNodeFlags_Selected;
  if (path == "/") flags |= ImGuiTreeNodeFlags_DefaultOpen;
  const ImVec4* color = diff_color(diff);
  const int below = diff_.differing_below(path);
  if (color == nullptr && below > 0) color = &kDiffersColor;
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
  const std::string label = below > 0 ? fmt::format("{}  ◆{}###{}", name, below, path) : fmt::format("{}###{}", name, path);
  const bool open = ImGui::TreeNodeEx(label.c_str(), flags);
  if (color) ImGui::PopStyleColor();
  if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) selected_ = path;
  if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
    menu_path_ = path;
    open_menu_ = true;  // opened at the tree's level, where the popup is drawn
  }
  if (probe::enabled()) probe::widget(fmt::format("tree.node{}", path).c_str());
  if (!open) return;
  size_t shown = 0;
  for (const std::string& child : children) {
    if (++shown > kMaxChildrenShown) {
      ImGui::TextDisabled("... %zu more", children.size() - kMaxChildrenShown);
      break;
    }
    draw_node(tree, leader, child_path(path, child), child);
  }
  ImGui::TreePop();
}

void ZnodeTreePanel::draw_node_menu(const sim::World& world, const DataTree& tree, sim::RecordedRun* simulation) {
  if (open_menu_) ImGui::OpenPopup("node_menu");
  open_menu_ = false;
  if (!ImGui::BeginPopup("node_menu")) return;
  ImGui::TextDisabled("S%d %s", server_, menu_path_.c_str());
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr(Text::kExpectHere));
  if (simulation != nullptr) {
    const std::vector<ExpectChoice> checks = node_checks(tree, server_, menu_path_);
    if (auto note = draw_expect_items(checks, "node_menu", world, *simulation)) expect_note_ = std::move(*note);
  }
  ImGui::EndPopup();
}

void ZnodeTreePanel::draw_details(const DataTree& tree, const DataTree* leader) {
  if (selected_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr(Text::kTreeSelectNode));
    ImGui::PopTextWrapPos();
    return;
  }
  DataResult result = tree.get_data(selected_);
  ImGui::TextUnformatted(selected_.c_str());
  if (result.err != ErrorCode::kOk) {
    if (leader == nullptr || leader->get_data(selected_).err != ErrorCode::kOk) {
      selected_.clear();
      return;
    }
    ImGui::TextColored(kMissingColor, "%s", tr(Text::kTreeMissingNode));
    result = leader->get_data(selected_);
  }
  ImGui::TextDisabled("%s", tr(Text::kTreeData));
  ImGui::SameLine();
  ImGui::TextUnformatted(result.data.data(), result.data.data() + result.data.size());
  const std::string stat = format_stat(result.stat);
  ImGui::TextUnformatted(stat.data(), stat.data() + stat.size());
}

}  // namespace zk::ui
