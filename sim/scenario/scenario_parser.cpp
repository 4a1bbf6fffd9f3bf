// The scenario parser's driver: lexes line by line, finds the command family from the
// first word, hands the rest to that family's parser and stops at the first error,
// prefixing it with FILE:LINE. Also enforces "cluster first, and only once".
#include "sim/scenario/scenario_parser.h"

#include <algorithm>
#include "core/invariant.h"

#include <fmt/format.h>

#include "sim/scenario/scenario_lexer.h"
#include "sim/scenario/scenario_parse_support.h"
#include "sim/text/text_words.h"

namespace zk::sim {
namespace {

constexpr std::string_view kFirstCommand = "the first command must be: cluster N or cluster config PATH";

// Parses one non-empty line that is not the cluster line.
std::string parse_command(const std::vector<Word>& words, parse::Context& context, Command& out) {
  ZK_INVARIANT(!words.empty());
  const std::string& verb = words[0].text;
  std::vector<Word> args(words.begin() + 1, words.end());
  const bool is_known_client = context.clients.find(verb) != context.clients.end();
  const bool is_command =
      parse::is_action_word(verb) || verb == "client" || verb == "expect" || verb == "crash" || verb == "wire";
  if (!is_command && !is_known_client) {
    if (!args.empty() && parse::is_client_op_word(args[0].text) && parse::check_client_name(verb).empty()) {
      return parse::unknown_client_error(verb);
    }
    return fmt::format("unknown command '{}'", word_for_message(verb));
  }
  if (context.server_count == 0) return fmt::format("'{}' before cluster ({})", word_for_message(verb), kFirstCommand);
  if (parse::is_action_word(verb)) return parse::parse_action(verb, std::move(args), context, out);
  if (verb == "client") return parse::parse_client_connect(std::move(args), context, out);
  if (verb == "crash") return parse::parse_client_crash(std::move(args), context, out);
  if (verb == "wire") return parse::parse_wire(std::move(args), context, out);
  if (verb == "expect") return parse::parse_expect(std::move(args), context, out);
  if (args.empty()) {
    return fmt::format("missing operation for client '{}' (create, get, set, ls, stat, delete, sync, multi, addauth, "
                       "setAcl, getAcl or close)",
                       verb);
  }
  const std::string op = args[0].text;
  args.erase(args.begin());
  return parse::parse_client_op(verb, op, std::move(args), context, out);
}

}  // namespace

ParseResult parse_scenario(std::string_view text, const std::string& file_name, const FileReader& read_file) {
  ParseResult result;
  result.scenario.file_name = file_name;
  const auto fail = [&](int line, const std::string& message) {
    result.error = fmt::format("{}:{}: {}", file_name, line, message);
    result.scenario.steps.clear();
    return result;
  };
  if (text.size() > kScenarioBytesMax) {
    return fail(1, fmt::format("file is too large ({} bytes; at most {})", text.size(), kScenarioBytesMax));
  }
  text = skip_utf8_bom(text);
  parse::Context context{.file_name = file_name, .read_file = &read_file, .line = 0, .server_count = 0,
                         .cluster_line = 0, .cluster_config = nullptr, .clients = {}, .located_error = {}, .warnings = {}};
  const std::vector<std::string_view> lines = split_lines(text);
  for (size_t index = 0; index < lines.size(); ++index) {
    const int line = static_cast<int>(index + 1);
    context.line = line;
    LexedLine lexed = lex_line(lines[index]);
    if (!lexed.ok()) return fail(line, lexed.error);
    if (lexed.words.empty()) continue;
    if (lexed.words[0].text == "cluster") {
      if (context.cluster_line != 0) {
        return fail(line, fmt::format("cluster is already set up at line {}", context.cluster_line));
      }
      std::vector<Word> args(lexed.words.begin() + 1, lexed.words.end());
      const std::string error = parse::parse_cluster(std::move(args), context, result.scenario.setup);
      result.warnings = std::move(context.warnings);
      if (!context.located_error.empty()) {
        result.error = context.located_error;
        return result;
      }
      if (!error.empty()) return fail(line, error);
      ZK_INVARIANT(context.server_count >= 1);
      context.cluster_line = line;
      context.cluster_config = std::get_if<ClusterConfig>(&result.scenario.setup);
      result.scenario.setup_line = line;
      continue;
    }
    Step step{.line = line, .command = Heal{}};
    if (const std::string error = parse_command(lexed.words, context, step.command); !error.empty()) {
      return fail(line, error);
    }
    result.scenario.steps.push_back(std::move(step));
  }
  if (context.cluster_line == 0) {
    return fail(std::max(1, static_cast<int>(lines.size())), fmt::format("no cluster command ({})", kFirstCommand));
  }
  return result;
}

}  // namespace zk::sim
