// TreeDiff: how one server's data tree differs from the leader's copy, node by node, for
// the Znode tree panel's highlights. A node is missing (the leader has it, this server
// does not), extra (the other way round), or differs (other data or dataVersion). Every
// ancestor of a differing node is marked too, so a collapsed branch still shows that
// something below it differs. Bounded: trees above kMaxNodes are not compared.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace zk {
class DataTree;
}

namespace zk::ui {

enum class NodeDiff : uint8_t { kSame, kMissing, kExtra, kDiffers };

struct TreeDiff {
  static constexpr size_t kMaxNodes = 200'000;
  bool compared = false;                 // false: a tree was too large (nothing marked)
  std::map<std::string, NodeDiff> nodes;  // only differing nodes
  std::map<std::string, int> below;       // ancestors: how many differing nodes below
  NodeDiff at(const std::string& path) const;
  int differing_below(const std::string& path) const;
};

TreeDiff diff_trees(const DataTree& shown, const DataTree& leader);

// The children of `path` to list: this server's and the leader's names merged, sorted
// byte-wise (a missing node is listed so the user sees where it should be).
std::vector<std::string> merged_children(const DataTree& shown, const DataTree* leader, const std::string& path);

std::string child_path(const std::string& parent, const std::string& name);

}  // namespace zk::ui
