// Four-letter words on a client port, as ZooKeeper 3.8's NIOServerCnxn.checkFourLetterWord
// answers them: before a connection's first frame, its first four bytes are read as a length;
// when they spell a word FourLetterCommands knows, the connection is a command, not a
// session. A word outside `4lw.commands.whitelist` (ZooKeeper's default is srvr alone) gets
// "WORD is not executed because it is not in the whitelist." and the connection closes; a
// whitelisted word gets the server's answer (core/four_letter_words.h) and closes. Words
// zksim does not answer (dirs, gtmk, stmk, srst, hash) close the connection without a byte,
// and the gateway logs why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zk {
class QuorumPeer;
}

namespace zk::sim::gateway {

// FourLetterCommands.cmd2String: the word four bytes spell, read as a big-endian int, if it
// is one the client port recognises (conf cons crst dirs dump envi gtmk ruok stmk srst srvr
// stat wchc wchp wchs mntr isro hash).
std::optional<std::string> recognised_four_letter_word(int32_t first_four_bytes);

// `4lw.commands.whitelist`: "*" for every word, else a comma list of recognised words.
// Returns an error naming the word that is not one; srvr is always allowed, as in ZooKeeper.
std::string parse_four_letter_whitelist(std::string_view list, std::vector<std::string>& out);

// The bytes a 3.8 client port sends back for word before it closes; nullopt for a word
// zksim does not answer.
std::optional<std::string> client_port_answer(const std::string& word, const std::vector<std::string>& whitelist,
                                              const QuorumPeer& peer, int64_t now_ms, std::string_view asker_address);

}  // namespace zk::sim::gateway
