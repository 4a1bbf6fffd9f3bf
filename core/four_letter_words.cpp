// Dispatch of the four-letter words, and srvr / stat / cons (StatCommand, ConsCommand).
#include "core/four_letter_words.h"

#include <fmt/format.h>

#include <array>

#include "core/four_letter_common.h"
#include "core/quorum_peer.h"

namespace zk {
namespace {

using four_letter::listed_connections;

// NIOServerCnxn.dumpConnectionInfo, brief: " /addr:port[ops](queued=,recved=,sent=)". The
// asker has sent its four bytes and nothing has been sent to it yet.
std::string brief_line(const four_letter::ListedConnection& c) {
  const int recved = c.session == 0 ? 1 : 0;
  return fmt::format(" {}[{}](queued={},recved={},sent=0", c.address, c.interest_ops, c.queued, recved);
}

std::string server_summary(const QuorumPeer& peer, std::string_view asker) {
  std::string out;
  out += "Latency min/avg/max: 0/0.0/0\n";
  out += "Received: 0\n";
  out += "Sent: 0\n";
  out += fmt::format("Connections: {}\n", listed_connections(peer, asker).size());
  out += fmt::format("Outstanding: {}\n", four_letter::outstanding_requests(peer));
  out += fmt::format("Zxid: {}\n", zxid_hex(peer.last_processed_zxid()));
  out += fmt::format("Mode: {}\n", four_letter::mode_name(peer));
  out += fmt::format("Node count: {}\n", four_letter::node_count_3_8(peer));
  if (peer.state() == PeerState::kLeading) {
    const four_letter::ProposalSizes sizes = four_letter::proposal_sizes(peer);
    out += fmt::format("Proposal sizes last/min/max: {}/{}/{}\n", sizes.last, sizes.min, sizes.max);
  }
  return out;
}

std::string srvr(const QuorumPeer& peer, std::string_view asker) {
  return fmt::format("Zookeeper version: {}\n", kSimulatedZooKeeperVersion) + server_summary(peer, asker);
}

std::string stat(const QuorumPeer& peer, std::string_view asker) {
  std::string out = fmt::format("Zookeeper version: {}\n", kSimulatedZooKeeperVersion);
  out += "Clients:\n";
  for (const auto& connection : listed_connections(peer, asker)) out += brief_line(connection) + ")\n";
  out += "\n";
  return out + server_summary(peer, asker);
}

// ConsCommand: the full form for a connection with a session. Its last-operation fields are
// not modelled (lop=NA, est/lresp 0, latencies 0), lcxid/lzxid are 0x0.
std::string cons(const QuorumPeer& peer, std::string_view asker) {
  std::string out;
  std::map<SessionId, int64_t> timeouts;
  for (const auto& [session, timeout_ms] : peer.tree().sessions()) timeouts[session] = timeout_ms;
  for (const auto& connection : listed_connections(peer, asker)) {
    out += brief_line(connection);
    if (connection.session != 0) {
      const auto it = timeouts.find(connection.session);
      out += fmt::format(",sid={},lop=NA,est=0,to={},lcxid=0x0,lzxid=0x0,lresp=0,llat=0,minlat=0,avglat=0,maxlat=0",
                         zxid_hex(connection.session), it == timeouts.end() ? 0 : it->second);
    }
    out += ")\n";
  }
  return out + "\n";
}

constexpr std::array<std::string_view, 12> kWords = {"ruok", "isro", "srvr", "stat", "cons", "mntr",
                                                     "conf", "wchs", "wchc", "wchp", "dump", "envi"};

}  // namespace

bool is_four_letter_word(std::string_view word) {
  for (std::string_view known : kWords) {
    if (word == known) return true;
  }
  return false;
}

std::optional<std::string> four_letter_word(std::string_view word, const QuorumPeer& peer, int64_t now_ms,
                                            std::string_view asker_address) {
  if (!is_four_letter_word(word)) return std::nullopt;
  if (word == "ruok") return std::string("imok");
  if (word == "envi") return four_letter::envi(peer);
  if (word == "isro") return std::string(peer.serving() ? "rw" : "null");
  if (!peer.serving()) return std::string(kNotServing);
  if (word == "srvr") return srvr(peer, asker_address);
  if (word == "stat") return stat(peer, asker_address);
  if (word == "cons") return cons(peer, asker_address);
  if (word == "mntr") return four_letter::mntr(peer);
  if (word == "conf") return four_letter::conf(peer);
  if (word == "dump") return four_letter::dump(peer, now_ms, asker_address);
  return four_letter::watches(word, peer);
}

std::optional<std::string> four_letter_field(std::string_view word, std::string_view answer, std::string_view field) {
  const std::string_view separator = word == "mntr" ? "\t" : (word == "conf" || word == "envi") ? "=" : ": ";
  size_t start = 0;
  while (start < answer.size()) {
    size_t end = answer.find('\n', start);
    if (end == std::string_view::npos) end = answer.size();
    const std::string_view line = answer.substr(start, end - start);
    if (line.size() >= field.size() + separator.size() && line.substr(0, field.size()) == field &&
        line.substr(field.size(), separator.size()) == separator) {
      return std::string(line.substr(field.size() + separator.size()));
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace zk
