// "Expect this here" menus (see expect_here.h).
#include "ui/expect_here.h"

#include <fmt/format.h>
#include <imgui.h>

#include "sim/replay/recorded_run.h"
#include "sim/scenario/scenario_format.h"
#include "sim/world/world.h"
#include "ui/test_probe.h"

namespace zk::ui {

std::string expect_label(const std::string& line) {
  std::string label = line;
  if (label.size() > kExpectLabelBytesMax) {
    size_t cut = kExpectLabelBytesMax;
    while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    label = label.substr(0, cut) + "...";
  }
  for (size_t at = label.find("##"); at != std::string::npos; at = label.find("##", at)) label.replace(at, 2, "# #");
  return label;
}

std::optional<std::string> draw_expect_items(const std::vector<ExpectChoice>& choices, const char* probe_prefix,
                                             const sim::World& world, sim::RecordedRun& simulation) {
  std::optional<std::string> note;
  for (const ExpectChoice& choice : choices) {
    const std::string line = sim::format_step(choice.check);
    const std::string probe_name = fmt::format("{}.expect_{}", probe_prefix, choice.name);
    const std::string label = fmt::format("{}###{}", expect_label(line), probe_name);
    if (ImGui::MenuItem(label.c_str())) {
      const std::string error = simulation.add_expectation(choice.check);
      std::string at = sim::format_time_us(world.now_us());
      at.erase(0, at.find_first_not_of(' '));
      note = error.empty() ? fmt::format("added at {}: {}", at, line) : error;
    }
    probe::widget(probe_name.c_str());
  }
  return note;
}

std::vector<ExpectChoice> node_checks(const DataTree& tree, int server_id, const std::string& path) {
  const sim::ServerRef server{.is_leader = false, .id = server_id};
  const auto check = [&](sim::NodeCheckKind kind) {
    sim::ExpectNode node;
    node.server = server;
    node.path = path;
    node.kind = kind;
    return node;
  };
  const DataResult data = tree.get_data(path);
  if (data.err != ErrorCode::kOk) return {ExpectChoice{"missing", check(sim::NodeCheckKind::kMissing)}};
  sim::ExpectNode with_data = check(sim::NodeCheckKind::kData);
  with_data.text = data.data;
  sim::ExpectNode children = check(sim::NodeCheckKind::kChildren);
  children.names = tree.get_children(path).children;
  sim::ExpectNode version = check(sim::NodeCheckKind::kStat);
  version.field = sim::StatField::kVersion;
  version.value = data.stat.version;
  sim::ExpectNode cversion = check(sim::NodeCheckKind::kStat);
  cversion.field = sim::StatField::kCversion;
  cversion.value = data.stat.cversion;
  return {ExpectChoice{"data", with_data}, ExpectChoice{"children", children}, ExpectChoice{"version", version},
          ExpectChoice{"cversion", cversion}};
}

}  // namespace zk::ui
