// Names of the reproducible upstream bugs (see upstream_bug.h).
#include "core/upstream_bug.h"

namespace zk {

const char* upstream_bug_name(UpstreamBug bug) {
  switch (bug) {
    case UpstreamBug::kZookeeper4643: return "ZOOKEEPER-4643";
    case UpstreamBug::kStaleAckAfterTrunc: return "stale-ack-after-trunc";
    case UpstreamBug::kCount: break;
  }
  return "?";
}

std::optional<UpstreamBugs> parse_upstream_bugs(std::string_view list) {
  UpstreamBugs bugs;
  if (list == "none") return bugs;
  while (true) {
    const size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    bool known = false;
    for (int i = 0; i < static_cast<int>(UpstreamBug::kCount); ++i) {
      const auto bug = static_cast<UpstreamBug>(i);
      if (name == upstream_bug_name(bug)) {
        bugs.add(bug);
        known = true;
      }
    }
    if (!known) return std::nullopt;
    if (comma == std::string_view::npos) return bugs;
    list.remove_prefix(comma + 1);
  }
}

std::string format_upstream_bugs(UpstreamBugs bugs) {
  std::string out;
  for (int i = 0; i < static_cast<int>(UpstreamBug::kCount); ++i) {
    const auto bug = static_cast<UpstreamBug>(i);
    if (!bugs.has(bug)) continue;
    if (!out.empty()) out += ',';
    out += upstream_bug_name(bug);
  }
  return out.empty() ? "none" : out;
}

std::string upstream_bug_names() {
  std::string out;
  for (int i = 0; i < static_cast<int>(UpstreamBug::kCount); ++i) {
    if (!out.empty()) out += ", ";
    out += upstream_bug_name(static_cast<UpstreamBug>(i));
  }
  return out;
}

}  // namespace zk
