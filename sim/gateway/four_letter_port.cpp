// Four-letter words on a client port: see four_letter_port.h.
#include "sim/gateway/four_letter_port.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "core/four_letter_words.h"
#include "core/quorum_peer.h"
#include "sim/text/text_words.h"

namespace zk::sim::gateway {
namespace {

constexpr std::array<std::string_view, 18> kRecognised = {"conf", "cons", "crst", "dirs", "dump", "envi",
                                                          "gtmk", "ruok", "stmk", "srst", "srvr", "stat",
                                                          "wchc", "wchp", "wchs", "mntr", "isro", "hash"};

}  // namespace

std::optional<std::string> recognised_four_letter_word(int32_t first_four_bytes) {
  const auto bits = static_cast<uint32_t>(first_four_bytes);
  const std::string word{static_cast<char>(bits >> 24), static_cast<char>((bits >> 16) & 0xff),
                         static_cast<char>((bits >> 8) & 0xff), static_cast<char>(bits & 0xff)};
  if (std::find(kRecognised.begin(), kRecognised.end(), word) == kRecognised.end()) return std::nullopt;
  return word;
}

std::string parse_four_letter_whitelist(std::string_view list, std::vector<std::string>& out) {
  out.clear();
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    std::string_view item = list.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    start = comma + 1;
    if (item.empty()) continue;
    if (item == "*") {
      out.assign(kRecognised.begin(), kRecognised.end());
      break;
    }
    if (std::find(kRecognised.begin(), kRecognised.end(), item) == kRecognised.end()) {
      return fmt::format("unknown four-letter word '{}' in the whitelist (* or a comma list of: {})",
                         word_for_message(item), fmt::join(kRecognised, " "));
    }
    if (std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
  }
  if (std::find(out.begin(), out.end(), "srvr") == out.end()) out.emplace_back("srvr");  // zkServer.sh needs it
  std::sort(out.begin(), out.end());
  return {};
}

std::optional<std::string> client_port_answer(const std::string& word, const std::vector<std::string>& whitelist,
                                              const QuorumPeer& peer, int64_t now_ms, std::string_view asker_address) {
  if (std::find(whitelist.begin(), whitelist.end(), word) == whitelist.end()) {
    return word + " is not executed because it is not in the whitelist.\n";  // NopCommand
  }
  if (word == "crst") {  // CnxnStatResetCommand: zksim keeps no per-connection counters to reset
    return peer.serving() ? std::string("Connection stats reset.\n") : std::string(kNotServing);
  }
  return four_letter_word(word, peer, now_ms, asker_address);
}

}  // namespace zk::sim::gateway
