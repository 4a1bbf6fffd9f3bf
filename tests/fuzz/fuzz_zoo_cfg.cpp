// libFuzzer target for the zoo.cfg reader. Any input must give a ZooCfg that keeps the
// reader's promises (servers sorted, unique, in range; min <= max session timeout;
// limits present with several servers) or an error starting with "zoo.cfg:<line>: ".
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/scenario/zoo_cfg.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const zk::sim::ZooCfgResult result = zk::sim::parse_zoo_cfg(text, "zoo.cfg");
  if (!result.ok()) {
    if (result.error.rfind("zoo.cfg:", 0) != 0) std::abort();
    const size_t colon = result.error.find(':', 8);
    if (colon == std::string::npos || colon == 8 || result.error.compare(colon, 2, ": ") != 0) std::abort();
    return 0;
  }
  const zk::sim::ZooCfg& cfg = result.cfg;
  if (cfg.servers.empty() || cfg.tick_ms < 1) std::abort();
  for (size_t i = 0; i < cfg.servers.size(); ++i) {
    const zk::sim::ZooCfgServer& server = cfg.servers[i];
    if (server.id < 1 || server.id > zk::sim::kServerIdMax || server.host.empty()) std::abort();
    if (i > 0 && cfg.servers[i - 1].id >= server.id) std::abort();
    if (server.quorum_port < 1 || server.quorum_port > 65535) std::abort();
    if (server.election_port < 1 || server.election_port > 65535) std::abort();
  }
  if (cfg.servers.size() > 1 && (!cfg.init_limit || !cfg.sync_limit)) std::abort();
  if (cfg.min_session_timeout_ms > cfg.max_session_timeout_ms || cfg.min_session_timeout_ms < 1) std::abort();
  for (const std::string& warning : cfg.warnings) {
    if (warning.rfind("zoo.cfg:", 0) != 0) std::abort();
  }
  return 0;
}
