// The `expect node` check over a DataTree (see node_check.h).
#include "sim/scenario/node_check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/scenario/scenario_names.h"

namespace zk::sim {
namespace {

std::string names_text(const std::vector<std::string>& names) {
  return names.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(names, " "));
}

}  // namespace

int64_t stat_field_value(const Stat& s, StatField field) {
  switch (field) {
    case StatField::kCzxid: return static_cast<int64_t>(s.czxid);
    case StatField::kMzxid: return static_cast<int64_t>(s.mzxid);
    case StatField::kPzxid: return static_cast<int64_t>(s.pzxid);
    case StatField::kCtime: return s.ctime_ms;
    case StatField::kMtime: return s.mtime_ms;
    case StatField::kVersion: return s.version;
    case StatField::kCversion: return s.cversion;
    case StatField::kAclVersion: return s.aversion;
    case StatField::kEphemeralOwner: return s.ephemeral_owner;
    case StatField::kDataLength: return s.data_length;
    case StatField::kNumChildren: return s.num_children;
  }
  return 0;
}

std::string stat_field_text(StatField field, int64_t value) {
  return stat_field_is_hex(field) ? fmt::format("0x{:x}", static_cast<uint64_t>(value)) : fmt::format("{}", value);
}

NodeCheckResult check_node(const DataTree& tree, ServerId server, const ExpectNode& check, int64_t want_value,
                           const std::string& whose) {
  const DataResult node = tree.get_data(check.path);
  const bool exists = node.err == ErrorCode::kOk;
  const std::string subject = fmt::format("S{} {}", server, check.path);
  std::string want;
  switch (check.kind) {
    case NodeCheckKind::kData: want = fmt::format("data \"{}\"", check.text); break;
    case NodeCheckKind::kChildren: want = "children " + names_text(check.names); break;
    case NodeCheckKind::kMissing: want = "missing"; break;
    case NodeCheckKind::kStat:
      want = fmt::format("{} {}{}", stat_field_name(check.field), stat_field_text(check.field, want_value), whose);
      break;
  }
  NodeCheckResult result;
  if (check.kind == NodeCheckKind::kMissing) {
    result.passed = !exists;
    result.detail = exists ? fmt::format("expected {} missing, saw it (data \"{}\", version {})", subject, node.data,
                                         node.stat.version)
                           : fmt::format("{} missing", subject);
    return result;
  }
  if (!exists) {
    result.detail = fmt::format("expected {} {}, saw no such node", subject, want);
    return result;
  }
  std::string seen;
  switch (check.kind) {
    case NodeCheckKind::kData:
      result.passed = node.data == check.text;
      seen = fmt::format("\"{}\"", node.data);
      break;
    case NodeCheckKind::kChildren: {
      const std::vector<std::string> children = tree.get_children(check.path).children;  // sorted
      std::vector<std::string> wanted = check.names;
      std::sort(wanted.begin(), wanted.end());
      result.passed = wanted == children;
      seen = names_text(children);
      break;
    }
    case NodeCheckKind::kStat: {
      const int64_t value = stat_field_value(node.stat, check.field);
      result.passed = value == want_value;
      seen = stat_field_text(check.field, value);
      break;
    }
    case NodeCheckKind::kMissing: break;
  }
  result.detail = fmt::format("expected {} {}, saw {}", subject, want, seen);
  return result;
}

}  // namespace zk::sim
