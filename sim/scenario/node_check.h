// `expect node ID PATH ...` against one server's data tree: whether it passes and, when it
// does not, what the server had ("saw ..."), as one line for the FAILED message (the
// runner escapes control bytes). Also the Stat field accessors that `expect NAME stat`
// and `expect node ... stat` share: a field's value and its text as zkCli writes it.
#pragma once

#include <cstdint>
#include <string>

#include "core/data_tree.h"
#include "core/stat.h"
#include "sim/scenario/scenario.h"

namespace zk::sim {

int64_t stat_field_value(const Stat& stat, StatField field);
// Hex (0x...) for the zxids and ephemeralOwner, decimal for the rest.
std::string stat_field_text(StatField field, int64_t value);

struct NodeCheckResult {
  bool passed = false;
  std::string detail;  // "expected S1 /a data \"v2\", saw \"v1\""; also set when passed
};

// `server` names the server in the detail. For a stat check, `want_value` is the value to
// compare with (check.value, or the session id of check.session_of, which the caller
// looks up) and `whose` says where it came from (" (c's session)", or "").
NodeCheckResult check_node(const DataTree& tree, ServerId server, const ExpectNode& check, int64_t want_value,
                           const std::string& whose);

}  // namespace zk::sim
