// zoo.cfg reader. Java-properties lines: '#' or '!' comments, `key=value`, `key: value`
// or `key value`, whitespace trimmed. Every line is handled once, and each key by one
// small function; whole-file rules (servers present, limits required, session timeout
// order) are checked after the last line.
#include "sim/scenario/zoo_cfg.h"

#include <algorithm>
#include <array>
#include "core/invariant.h"
#include <cstdint>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "core/sync_request_processor.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/scenario/scenario_lexer.h"
#include "sim/text/text_words.h"

namespace zk::sim {
namespace {

constexpr int64_t kTickMsMax = 3'600'000;
constexpr int64_t kLimitTicksMax = 1000;

// Keys zksim models (read_key handles each).
constexpr std::array<std::string_view, 12> kModelledKeys{
    "tickTime", "initLimit", "syncLimit", "clientPort", "minSessionTimeout", "maxSessionTimeout", "electionAlg",
    "peerType", "server.", "dataDir", "dataLogDir", "snapCount"};

// ZooKeeper 3.8 keys that mean nothing to the simulation: accepted without a warning. The
// explicit ones are those QuorumPeerConfig.parseProperties reads itself; every other key
// ZooKeeper turns into the system property "zookeeper.KEY", so the list also holds the
// keys commonly set that way (ZooKeeperServer, NIOServerCnxnFactory, FileTxnLog, ...).
constexpr std::array<std::string_view, 60> kIgnoredKeys{
    // QuorumPeerConfig.parseProperties
    "localSessionsEnabled", "localSessionsUpgradingEnabled", "clientPortAddress",
    "secureClientPort", "secureClientPortAddress", "observerMasterPort", "clientPortListenBacklog", "maxClientCnxns",
    "connectToLearnerMasterLimit", "quorumListenOnAllIPs", "syncEnabled", "dynamicConfigFile", "standaloneEnabled",
    "reconfigEnabled", "portUnification", "oraclePath",
    // read through system properties
    "4lw.commands.whitelist", "cnxTimeout", "leaderServes", "globalOutstandingLimit", "preAllocSize",
    "snapSizeLimitInKb", "commitLogCount", "txnLogSizeLimitInKb", "forceSync", "fsync.warningthresholdms",
    "skipACL", "jute.maxbuffer", "maxCnxns", "serverCnxnFactory", "snapshot.trust.empty", "electionPortBindRetry",
    "tcpKeepAlive", "clientTcpKeepAlive", "maxBatchSize", "flushDelay", "maxWriteQueuePollTime", "enforceQuota",
    "extendedTypesEnabled", "emulate353TTLNodes", "readonlymode.enabled", "largeRequestMaxBytes",
    "largeRequestThreshold", "throttledOpWaitTime", "watchManagerName", "maxConcurrentSnapSyncs",
    "maxConcurrentDiffSyncs", "serializeLastProcessedZxid.enabled",
    "closeSessionTxn.enabled", "sessionRequireClientSASLAuth", "superUser", "DigestAuthenticationProvider.superDigest",
    "X509AuthenticationProvider.superUser", "kerberos.removeHostFromPrincipal", "kerberos.removeRealmFromPrincipal",
    "requestThrottleLimit", "requestThrottleStallTime", "requestThrottleDropStale",
    "requestStaleLatencyCheck", "requestStaleConnectionCheck"};
constexpr std::array<std::string_view, 23> kIgnoredPrefixes{
    "autopurge.", "admin.", "ssl.", "quorum.", "zookeeper.", "metricsProvider.", "authProvider.", "sslQuorum",
    "jvm.pause.", "multiAddress.", "nio.", "netty.", "learner.", "leader.", "follower.", "fastleader.",
    "commitProcessor.", "watcherClean", "enforce.auth.", "digest.", "audit.", "connection_throttle_", "snapshot."};

// Levenshtein distance, stopping early once it exceeds `limit` (keys are short).
size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t row_min = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      row_min = std::min(row_min, row[j]);
    }
    if (row_min > limit) return limit + 1;
  }
  return row[b.size()];
}

// The modelled or known key a misspelled key most likely meant, or "".
std::string_view closest_key(std::string_view key) {
  constexpr size_t kDistanceMax = 2;
  std::string_view best;
  size_t best_distance = kDistanceMax + 1;
  const auto consider = [&](std::string_view candidate) {
    if (candidate.back() == '.') return;  // a prefix, not a key
    const size_t distance = edit_distance(key, candidate, kDistanceMax);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  };
  for (const std::string_view candidate : kModelledKeys) consider(candidate);
  for (const std::string_view candidate : kIgnoredKeys) consider(candidate);
  return best;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

struct Reader {
  std::string file_name;
  ZooCfg cfg;
  std::map<std::string, int, std::less<>> key_lines;  // key -> line it was last set on
  std::map<int, int> server_lines;                     // id -> line
  std::optional<int64_t> min_session_timeout_ms;       // as written (-1 kept)
  std::optional<int64_t> max_session_timeout_ms;
  std::string error;
  int line = 0;

  std::string at(int where) const { return fmt::format("{}:{}: ", file_name, where); }
  void fail(const std::string& message) {
    if (error.empty()) error = at(line) + message;
  }
};

std::optional<int64_t> number_in(Reader& reader, std::string_view key, std::string_view value, int64_t low,
                                 int64_t high) {
  const std::optional<int64_t> number = parse_decimal_i64(value);
  if (!number || *number < low || *number > high) {
    reader.fail(fmt::format("bad number '{}' for {} (expected {}..{})", word_for_message(value), key, low, high));
    return std::nullopt;
  }
  return number;
}

std::optional<int> port_in(Reader& reader, std::string_view value, std::string_view key) {
  const std::optional<int64_t> port = parse_decimal_i64(value);
  if (!port || *port < 1 || *port > 65535) {
    reader.fail(fmt::format("bad port '{}' in {} (expected 1..65535)", word_for_message(value), key));
    return std::nullopt;
  }
  return static_cast<int>(*port);
}

// "host:port" or "[v6]:port" split at the last ':' outside brackets.
bool split_host_port(std::string_view text, std::string_view& host, std::string_view& port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return false;
  host = text.substr(0, colon);
  port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return !host.empty();
}

// server.N=HOST:QUORUM_PORT:ELECTION_PORT[:ROLE][;[CLIENT_HOST:]CLIENT_PORT]
void read_server(Reader& reader, std::string_view key, std::string_view value) {
  const std::string_view id_text = key.substr(7);
  const std::string shown_key = word_for_message(key);
  const std::string bad_line = fmt::format(
      "bad server line '{}={}' (expected host:quorumPort:electionPort[:participant|observer][;clientPort])",
      shown_key, word_for_message(value));
  const bool id_is_digits =
      !id_text.empty() && std::all_of(id_text.begin(), id_text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!id_is_digits) return reader.fail(fmt::format("bad server id '{}' in '{}'", word_for_message(id_text), shown_key));
  const std::optional<int64_t> id = parse_decimal_i64(id_text);
  if (!id || *id < 1 || *id > kServerIdMax) {
    return reader.fail(fmt::format("server id {} is out of range 1..{}", word_for_message(id_text), kServerIdMax));
  }
  if (const auto it = reader.server_lines.find(static_cast<int>(*id)); it != reader.server_lines.end()) {
    return reader.fail(fmt::format("duplicate server id {} (first at line {})", *id, it->second));
  }
  if (value.find('|') != std::string_view::npos) {
    return reader.fail(fmt::format("several addresses in '{}' are not supported by zksim", shown_key));
  }
  ZooCfgServer server;
  server.id = static_cast<int>(*id);
  server.line = reader.line;
  const size_t semicolon = value.find(';');
  std::string_view address = trim(value.substr(0, semicolon));
  // Host, possibly a bracketed IPv6 literal, then ":"-separated ports and role.
  std::string_view host;
  if (!address.empty() && address.front() == '[') {
    const size_t close = address.find(']');
    if (close == std::string_view::npos) return reader.fail(bad_line);
    host = address.substr(1, close - 1);
    address = address.substr(close + 1);
  } else {
    const size_t colon = address.find(':');
    host = address.substr(0, colon);
    address = colon == std::string_view::npos ? std::string_view() : address.substr(colon);
  }
  std::vector<std::string_view> parts;
  while (!address.empty() && parts.size() < 4) {
    if (address.front() != ':') return reader.fail(bad_line);
    address.remove_prefix(1);
    const size_t colon = address.find(':');
    parts.push_back(address.substr(0, colon));
    address = colon == std::string_view::npos ? std::string_view() : address.substr(colon);
  }
  if (host.empty() || !address.empty() || parts.size() < 2 || parts.size() > 3) return reader.fail(bad_line);
  server.host = std::string(host);
  const std::optional<int> quorum_port = port_in(reader, parts[0], shown_key);
  const std::optional<int> election_port = port_in(reader, parts[1], shown_key);
  if (!quorum_port || !election_port) return;
  server.quorum_port = *quorum_port;
  server.election_port = *election_port;
  if (parts.size() == 3) {
    if (parts[2] == "observer") {
      server.role = ServerRole::kObserver;
    } else if (parts[2] != "participant") {
      return reader.fail(fmt::format("bad role '{}' in {} (participant or observer)", word_for_message(parts[2]),
                                     shown_key));
    }
  }
  if (semicolon != std::string_view::npos) {
    const std::string_view client = trim(value.substr(semicolon + 1));
    std::string_view client_host;
    std::string_view client_port = client;
    if (client.find(':') != std::string_view::npos && !split_host_port(client, client_host, client_port)) {
      return reader.fail(bad_line);
    }
    const std::optional<int> port = port_in(reader, client_port, shown_key);
    if (!port) return;
    server.client_port = *port;
    if (!client_host.empty()) server.client_host = std::string(client_host);
  }
  reader.server_lines.emplace(server.id, reader.line);
  reader.cfg.servers.push_back(std::move(server));
}

void read_key(Reader& reader, std::string_view key, std::string_view value) {
  if (starts_with(key, "server.")) return read_server(reader, key, value);
  if (const auto it = reader.key_lines.find(key); it != reader.key_lines.end()) {
    reader.cfg.warnings.push_back(reader.at(reader.line) +
                                  fmt::format("key '{}' set again (line {}); the last value wins",
                                              word_for_message(key), it->second));
  }
  reader.key_lines[std::string(key)] = reader.line;
  ZooCfg& cfg = reader.cfg;
  if (key == "tickTime") {
    if (auto tick = number_in(reader, key, value, 1, kTickMsMax)) cfg.tick_ms = *tick;
  } else if (key == "initLimit") {
    if (auto limit = number_in(reader, key, value, 1, kLimitTicksMax)) cfg.init_limit = static_cast<int>(*limit);
  } else if (key == "syncLimit") {
    if (auto limit = number_in(reader, key, value, 1, kLimitTicksMax)) cfg.sync_limit = static_cast<int>(*limit);
  } else if (key == "clientPort") {
    if (auto port = port_in(reader, value, key)) cfg.client_port = *port;
  } else if (key == "minSessionTimeout" || key == "maxSessionTimeout") {
    const std::optional<int64_t> timeout = number_in(reader, key, value, -1, INT32_MAX);
    if (timeout && *timeout == 0) return reader.fail(fmt::format("bad {} 0 (use -1 or a number of ms)", key));
    (key == "minSessionTimeout" ? reader.min_session_timeout_ms : reader.max_session_timeout_ms) = timeout;
  } else if (key == "electionAlg") {
    const std::optional<int64_t> algorithm = number_in(reader, key, value, 0, 3);
    if (algorithm && *algorithm != 3) {
      reader.fail(fmt::format("electionAlg {} is not supported (only 3, since ZooKeeper 3.6)", *algorithm));
    }
  } else if (key == "peerType") {
    if (value != "participant" && value != "observer") {
      reader.fail(fmt::format("bad peerType '{}' (participant or observer)", word_for_message(value)));
    } else if (value == "observer") {
      // One zoo.cfg describes every server here; ZooKeeper 3.8 takes a server's role from its
      // server.N line when peerType disagrees ("Defaulting to servers list").
      cfg.warnings.push_back(reader.at(reader.line) +
                             "peerType=observer names no server: each server's role comes from its server.N line "
                             "(mark an observer there with ':observer')");
    }
  } else if (key == "dataDir" || key == "dataLogDir") {
    // A relative directory is taken from the zoo.cfg's folder (ZooKeeper: its working directory).
    const std::filesystem::path written{std::string(value)};
    const std::filesystem::path base = std::filesystem::path(reader.file_name).parent_path();
    ZooCfgDir dir{std::string(value), (written.is_absolute() ? written : base / written).lexically_normal().string(),
                  reader.line};
    (key == "dataDir" ? cfg.data_dir : cfg.data_log_dir) = std::move(dir);
  } else if (key == "snapCount") {
    // ZooKeeperServer.getSnapCount: a Java int; below 2 it is reset to 2 with a warning.
    if (auto count = number_in(reader, key, value, INT32_MIN, INT32_MAX)) {
      if (*count < kMinSnapCount) {
        cfg.warnings.push_back(reader.at(reader.line) +
                               fmt::format("snapCount {} is below 2: ZooKeeper resets it to 2", *count));
      }
      cfg.snap_count = std::max(*count, kMinSnapCount);
    }
  } else if (key == "skipACL") {
    cfg.skip_acl = value == "yes";  // ZooKeeperServer: "yes".equals(System.getProperty("zookeeper.skipACL"))
  } else if (key == "DigestAuthenticationProvider.superDigest") {
    cfg.super_digest = std::string(value);
  } else if (starts_with(key, "group.") || starts_with(key, "weight.")) {
    cfg.warnings.push_back(reader.at(reader.line) +
                           fmt::format("key '{}' ignored (zksim uses majority quorums)", word_for_message(key)));
  } else if (std::find(kIgnoredKeys.begin(), kIgnoredKeys.end(), key) == kIgnoredKeys.end() &&
             std::none_of(kIgnoredPrefixes.begin(), kIgnoredPrefixes.end(),
                          [key](std::string_view prefix) { return starts_with(key, prefix); })) {
    const std::string_view meant = closest_key(key);
    cfg.warnings.push_back(reader.at(reader.line) +
                           fmt::format("unknown zoo.cfg key '{}' ignored{}", word_for_message(key),
                                       meant.empty() ? "" : fmt::format(" (did you mean '{}'?)", meant)));
  }
}

// Splits a non-comment line into key and value the way java.util.Properties does
// (without its backslash escapes, which zoo.cfg files do not use).
void read_line(Reader& reader, std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte < 0x20 && line[i] != '\t' && line[i] != '\f') || byte == 0x7f) {
      return reader.fail(fmt::format("control byte 0x{:02x} at column {}", byte, i + 1));
    }
  }
  if (line.back() == '\\') return reader.fail("line continuation with '\\' is not supported");
  size_t key_end = 0;
  while (key_end < line.size() && line[key_end] != '=' && line[key_end] != ':' && !is_space(line[key_end])) ++key_end;
  const std::string_view key = line.substr(0, key_end);
  std::string_view rest = line.substr(key_end);
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  if (!rest.empty() && (rest.front() == '=' || rest.front() == ':')) rest.remove_prefix(1);
  const std::string_view value = trim(rest);
  if (key.empty()) return reader.fail(fmt::format("missing key in line '{}'", word_for_message(line)));
  if (value.empty()) return reader.fail(fmt::format("missing value for '{}'", word_for_message(key)));
  read_key(reader, key, value);
}

void check_whole_file(Reader& reader, int last_line) {
  ZooCfg& cfg = reader.cfg;
  reader.line = last_line;
  if (cfg.servers.empty()) return reader.fail("no server.N lines (zksim needs at least one server)");
  const bool any_participant = std::any_of(cfg.servers.begin(), cfg.servers.end(), [](const ZooCfgServer& server) {
    return server.role == ServerRole::kParticipant;
  });
  if (!any_participant) return reader.fail("every server is an observer (at least one must be a participant)");
  if (cfg.servers.size() > 1 && !cfg.init_limit) return reader.fail("initLimit is required with 2 or more servers");
  if (cfg.servers.size() > 1 && !cfg.sync_limit) return reader.fail("syncLimit is required with 2 or more servers");
  const auto resolve = [](std::optional<int64_t> written, int64_t fallback) {
    return (!written || *written == -1) ? fallback : *written;
  };
  cfg.min_session_timeout_ms = resolve(reader.min_session_timeout_ms, 2 * cfg.tick_ms);
  cfg.max_session_timeout_ms = resolve(reader.max_session_timeout_ms, 20 * cfg.tick_ms);
  if (cfg.min_session_timeout_ms > cfg.max_session_timeout_ms) {
    const auto min_line = reader.key_lines.find("minSessionTimeout");
    const auto max_line = reader.key_lines.find("maxSessionTimeout");
    reader.line = std::max(min_line == reader.key_lines.end() ? 0 : min_line->second,
                           max_line == reader.key_lines.end() ? 0 : max_line->second);
    return reader.fail(fmt::format("minSessionTimeout {} is above maxSessionTimeout {}", cfg.min_session_timeout_ms,
                                   cfg.max_session_timeout_ms));
  }
  std::sort(cfg.servers.begin(), cfg.servers.end(),
            [](const ZooCfgServer& a, const ZooCfgServer& b) { return a.id < b.id; });
}

}  // namespace

ZooCfgResult parse_zoo_cfg(std::string_view text, const std::string& file_name, ZooCfgUse use) {
  ZooCfgResult result;
  if (text.size() > kScenarioBytesMax) {
    result.error = fmt::format("{}:1: file is too large ({} bytes; at most {})", file_name, text.size(),
                               kScenarioBytesMax);
    return result;
  }
  Reader reader;
  reader.file_name = file_name;
  const std::vector<std::string_view> lines = split_lines(skip_utf8_bom(text));
  for (size_t index = 0; index < lines.size() && reader.error.empty(); ++index) {
    reader.line = static_cast<int>(index + 1);
    const std::string_view line = trim(lines[index]);
    if (line.empty() || line.front() == '#' || line.front() == '!') continue;
    read_line(reader, line);
  }
  const int last_line = std::max(1, static_cast<int>(lines.size()));
  if (reader.error.empty() && use == ZooCfgUse::kEnsemble) check_whole_file(reader, last_line);
  if (reader.error.empty() && use == ZooCfgUse::kDataDirs && !reader.cfg.data_dir) {
    reader.line = last_line;
    reader.fail("dataDir is not set");
  }
  if (!reader.error.empty()) {
    result.error = std::move(reader.error);
    return result;
  }
  result.cfg = std::move(reader.cfg);
  ZK_INVARIANT(use == ZooCfgUse::kDataDirs || !result.cfg.servers.empty());
  return result;
}

}  // namespace zk::sim
