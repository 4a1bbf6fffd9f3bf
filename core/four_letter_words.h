// ZooKeeper's four-letter words as 3.8 prints them (FourLetterCommands and the command
// classes in org.apache.zookeeper.server.command: StatCommand, ConsCommand, MonitorCommand,
// WatchCommand, DumpCommand, EnvCommand, IsroCommand, ZooKeeperServer.dumpConf), answered
// from one server's public state. A four-letter word arrives over a client connection of its
// own, so that connection is counted in `Connections` and listed by stat/cons/dump. A server
// that is not serving answers with "This ZooKeeper instance is not currently serving
// requests" (isro: "null"; ruok and envi always answer). Not modelled, printed as an unused
// counter would be: latencies, packet and byte counters (0), per-connection last-op fields
// of cons. Fixed stand-ins for what depends on the JVM or the host: the version string,
// envi's Java/OS properties, mntr's uptime and file-descriptor counts (see
// four_letter_mntr.cpp). Addresses are the simulation's: host "zkN", quorum port 2888,
// election port 3888, client port 2181, data dir /data/zkN; times are on the simulated
// clock (ms since 1970-01-01 UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zk {

class QuorumPeer;

inline constexpr const char* kSimulatedZooKeeperVersion = "3.8.4-zksim, built on simulated time";
inline constexpr const char* kNotServing = "This ZooKeeper instance is not currently serving requests\n";

// True for the words answered here: ruok, isro, srvr, stat, cons, mntr, conf, wchs, wchc,
// wchp, dump, envi.
bool is_four_letter_word(std::string_view word);
// The server's answer, byte for byte as 3.8 sends it; nullopt for a word not listed above.
// now_ms is the simulated clock (dump prints expiry times as dates); asker_address is the
// asking connection's remote address as stat/cons/dump list it ("127.0.0.1:50312" for a
// real client on a `zksim serve` port; a scenario or the console asks as "asker:0").
std::optional<std::string> four_letter_word(std::string_view word, const QuorumPeer& peer, int64_t now_ms,
                                            std::string_view asker_address = "asker:0");

// One field of an answer: for srvr/stat the text after "FIELD: ", for mntr after
// "FIELD\t", for conf/envi after "FIELD="; nullopt when no line has it.
std::optional<std::string> four_letter_field(std::string_view word, std::string_view answer, std::string_view field);

namespace four_letter {
std::string mntr(const QuorumPeer& peer);
std::string conf(const QuorumPeer& peer);
std::string watches(std::string_view word, const QuorumPeer& peer);
std::string dump(const QuorumPeer& peer, int64_t now_ms, std::string_view asker_address);
std::string envi(const QuorumPeer& peer);
}  // namespace four_letter

}  // namespace zk
