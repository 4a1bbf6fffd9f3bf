// Compares two data trees by path: both are listed in pre-order (children sorted), then
// merged by path.
#include "ui/tree_diff.h"

#include <algorithm>
#include <string_view>

#include "core/data_tree.h"

namespace zk::ui {
namespace {

struct NodeSummary {
  std::string data;
  int32_t version = 0;
};

bool collect(const DataTree& tree, std::map<std::string, NodeSummary>* out) {
  if (tree.node_count() > TreeDiff::kMaxNodes) return false;
  tree.for_each_node([&](std::string_view path, const auto& stat, std::string_view data, int32_t) {
    out->emplace(std::string(path), NodeSummary{std::string(data), stat.version});
  });
  return true;
}

void mark(TreeDiff* diff, const std::string& path, NodeDiff kind) {
  diff->nodes[path] = kind;
  std::string parent = path;
  while (parent.size() > 1) {
    const size_t slash = parent.rfind('/');
    parent.resize(slash == 0 ? 1 : slash);
    ++diff->below[parent];
  }
}

}  // namespace

NodeDiff TreeDiff::at(const std::string& path) const {
  const auto it = nodes.find(path);
  return it == nodes.end() ? NodeDiff::kSame : it->second;
}

int TreeDiff::differing_below(const std::string& path) const {
  const auto it = below.find(path);
  return it == below.end() ? 0 : it->second;
}

TreeDiff diff_trees(const DataTree& shown, const DataTree& leader) {
  TreeDiff diff;
  std::map<std::string, NodeSummary> mine;
  std::map<std::string, NodeSummary> theirs;
  if (!collect(shown, &mine) || !collect(leader, &theirs)) return diff;
  diff.compared = true;
  auto a = mine.begin();
  auto b = theirs.begin();
  while (a != mine.end() || b != theirs.end()) {
    if (b == theirs.end() || (a != mine.end() && a->first < b->first)) {
      mark(&diff, a->first, NodeDiff::kExtra);
      ++a;
    } else if (a == mine.end() || b->first < a->first) {
      mark(&diff, b->first, NodeDiff::kMissing);
      ++b;
    } else {
      if (a->second.data != b->second.data || a->second.version != b->second.version) {
        mark(&diff, a->first, NodeDiff::kDiffers);
      }
      ++a;
      ++b;
    }
  }
  return diff;
}

std::vector<std::string> merged_children(const DataTree& shown, const DataTree* leader, const std::string& path) {
  std::vector<std::string> names = shown.get_children(path).children;
  if (leader != nullptr) {
    const std::vector<std::string> theirs = leader->get_children(path).children;
    std::vector<std::string> merged;
    merged.reserve(names.size() + theirs.size());
    std::set_union(names.begin(), names.end(), theirs.begin(), theirs.end(), std::back_inserter(merged));
    names = std::move(merged);
  }
  return names;
}

std::string child_path(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

}  // namespace zk::ui
