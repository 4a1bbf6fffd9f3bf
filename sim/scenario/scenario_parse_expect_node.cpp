// `expect node ID PATH data "TEXT" | children A B ... | missing | stat FIELD VALUE` (zksim
// addition): a check of one server's own copy of a znode (ExpectNode). The server is an id
// or `leader`, the path is checked as a client's would be, and the stat words are those of
// `expect NAME stat` (parse_stat_check).
#include <fmt/format.h>

#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"

namespace zk::sim::parse {

std::string parse_expect_node(std::vector<Word> args, const Context& context, Command& out) {
  constexpr std::string_view kUsage =
      "expect node ID PATH data \"TEXT\" | children A B ... | missing | stat FIELD VALUE";
  if (std::string error = check_arity(args, {"server id", "PATH", "what to expect"}, args.size(), kUsage);
      !error.empty()) {
    return error;
  }
  ExpectNode node;
  if (std::string error = parse_server_ref(args[0].text, context.server_count, node.server); !error.empty()) {
    return error;
  }
  node.path = args[1].text;
  if (std::string error = check_path(node.path, false); !error.empty()) return error;
  const Word kind = args[2];
  args.erase(args.begin(), args.begin() + 3);
  if (kind.quoted) {
    return fmt::format("unknown node check '{}' (data, children, missing or stat)", word_for_message(kind.text));
  }
  if (kind.text == "data") {
    if (std::string error = check_arity(args, {"TEXT"}, 0, "expect node ID PATH data \"TEXT\""); !error.empty()) {
      return error;
    }
    node.kind = NodeCheckKind::kData;
    node.text = args[0].text;
  } else if (kind.text == "children") {
    node.kind = NodeCheckKind::kChildren;
    for (const Word& word : args) {
      if (word.text.empty() || word.text.find('/') != std::string::npos) {
        return fmt::format("bad child name '{}' (a node name, without '/')", word_for_message(word.text));
      }
      node.names.push_back(word.text);
    }
  } else if (kind.text == "missing") {
    if (std::string error = check_arity(args, {}, 0, "expect node ID PATH missing"); !error.empty()) return error;
    node.kind = NodeCheckKind::kMissing;
  } else if (kind.text == "stat") {
    node.kind = NodeCheckKind::kStat;
    if (std::string error = parse_stat_check(args, context, "expect node ID PATH stat FIELD VALUE|session NAME",
                                             node.field, node.value, node.session_of);
        !error.empty()) {
      return error;
    }
  } else {
    return fmt::format("unknown node check '{}' (data, children, missing or stat)", word_for_message(kind.text));
  }
  out = std::move(node);
  return "";
}

}  // namespace zk::sim::parse
