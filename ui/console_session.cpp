// The console's command handling: lexing (the scenario lexer), zkCli-only flags (-s on
// get/ls/set), parsing as a scenario line, applying through the command layer, and
// printing replies as zkCli does.
#include "ui/console_session.h"

#include <fmt/format.h>

#include "core/four_letter_words.h"
#include "core/zkcli_format.h"
#include "sim/scenario/scenario_lexer.h"
#include "sim/scenario/scenario_parser.h"
#include "sim/text/text_words.h"
#include "sim/world/world.h"
#include "sim/replay/recorded_run.h"

namespace zk::ui {
namespace {

constexpr const char* kHelp =
    "ZooKeeper -server host:port cmd args\n"
    "\taddauth scheme auth\n"
    "\tclose\n"
    "\tconnect [server id | id,id,...]  (first server, or the whole server list in order)\n"
    "\tcreate [-s] [-e] [-c] [-t ttl] path [data] [acl]\n"
    "\tdelete [-v version] path\n"
    "\tget [-s] [-w] path\n"
    "\tgetAcl path\n"
    "\tls [-s] [-w] path\n"
    "\tmulti op ; op ; ...  (create/set/delete/check, as in a scenario)\n"
    "\tset [-s] [-v version] path data\n"
    "\tsetAcl [-v version] path acl\n"
    "\tstat [-w] path\n"
    "\tsync path\n"
    "\tsrvr | stat | mntr | conf | cons | wchs | wchc | wchp | dump | envi | ruok | isro\n"
    "\t\t(four-letter words, sent to the chosen server)";

const char* zk_state_name(sim::ClientState state) {
  switch (state) {
    case sim::ClientState::kNotConnected: return "NOT_CONNECTED";
    case sim::ClientState::kConnecting: return "CONNECTING";
    case sim::ClientState::kConnected: return "CONNECTED";
    case sim::ClientState::kExpired: return "CLOSED";
    case sim::ClientState::kClosed: return "CLOSED";
    case sim::ClientState::kCrashed: return "CLOSED";
  }
  return "CLOSED";
}

// The Watcher.Event.KeeperState a session change is reported with.
const char* keeper_state_name(sim::ClientState state) {
  switch (state) {
    case sim::ClientState::kConnected: return "SyncConnected";
    case sim::ClientState::kExpired: return "Expired";
    case sim::ClientState::kClosed:
    case sim::ClientState::kCrashed: return "Closed";
    case sim::ClientState::kNotConnected:
    case sim::ClientState::kConnecting: return "Disconnected";
  }
  return "Disconnected";
}

// Splits "first rest" and strips a parser error's "FILE:LINE: " and the scenario's NAME.
std::string clean_parse_error(const std::string& error) {
  std::string message = error;
  const size_t prefix = message.find(": ");
  if (prefix != std::string::npos) message = message.substr(prefix + 2);
  for (size_t at = message.find("NAME "); at != std::string::npos; at = message.find("NAME ")) message.erase(at, 5);
  return message;
}

}  // namespace

void ConsoleSession::print(ConsoleLineKind kind, const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      if (start < text.size() || start == 0) lines_.push_back(ConsoleLine{kind, text.substr(start)});
      break;
    }
    lines_.push_back(ConsoleLine{kind, text.substr(start, end - start)});
    start = end + 1;
  }
  while (lines_.size() > kMaxLines) lines_.pop_front();
}

std::string ConsoleSession::prompt(const sim::World* world) const {
  const sim::SimClient* client = (world && !client_.empty()) ? world->client(client_) : nullptr;
  const char* state = client ? zk_state_name(client->state()) : "NOT_CONNECTED";
  const int server = client && client->server() > 0 ? static_cast<int>(client->server()) : server_;
  return fmt::format("[zk: S{}({}) {}] ", server, state, commands_);
}

void ConsoleSession::forget_client() {
  client_.clear();
  pending_.clear();
  events_seen_ = 0;
  last_state_.reset();
}

void ConsoleSession::connect(int server, const std::vector<int>& host_order, sim::RecordedRun& simulation) {
  const sim::World* world = simulation.world();
  if (!client_.empty() && world->client(client_) != nullptr) {
    const sim::ClientState state = world->client(client_)->state();
    if (state != sim::ClientState::kClosed && state != sim::ClientState::kExpired) {
      simulation.apply(sim::ClientClose{.client = client_});
    }
  }
  forget_client();
  server_ = server;
  const std::string name = fmt::format("console{}", ++connections_);
  const std::string error = simulation.apply(sim::ClientConnect{.client = name,
                                                                .server = sim::ServerRef{.is_leader = false, .id = server},
                                                                .timeout_us = kSessionTimeoutUs,
                                                                .host_order = host_order,
                                                                .shuffled = false});
  if (!error.empty()) {
    print(ConsoleLineKind::kError, error);
    return;
  }
  client_ = name;
  print(ConsoleLineKind::kOutput, fmt::format("Connecting to S{} as session '{}'", server, name));
  say_if_paused(simulation);
}

void ConsoleSession::say_if_paused(const sim::RecordedRun& simulation) {
  if (simulation.playing) return;
  print(ConsoleLineKind::kEvent, kPausedHint);
}

void ConsoleSession::submit(const std::string& raw_line, sim::RecordedRun& simulation) {
  const sim::World* world = simulation.world();
  const size_t first = raw_line.find_first_not_of(" \t");
  if (first == std::string::npos) return;
  const std::string line = raw_line.substr(first, raw_line.find_last_not_of(" \t") - first + 1);
  if (history_.empty() || history_.back() != line) history_.push_back(line);
  if (history_.size() > kMaxHistory) history_.erase(history_.begin());
  print(ConsoleLineKind::kEcho, prompt(world) + line);
  ++commands_;
  if (world == nullptr) {
    print(ConsoleLineKind::kError, "No cluster: start one first.");
    return;
  }
  const sim::LexedLine lexed = sim::lex_line(line);
  if (!lexed.ok()) {
    print(ConsoleLineKind::kError, lexed.error);
    return;
  }
  if (lexed.words.empty()) return;
  std::vector<sim::Word> words = lexed.words;
  const std::string command = words[0].text;
  if (command == "help") {
    print(ConsoleLineKind::kOutput, kHelp);
    return;
  }
  // `stat` with an argument is zkCli's stat; alone it is the four-letter word.
  if (is_four_letter_word(command) && words.size() == 1) {
    const QuorumPeer* peer = world->peer(server_);
    if (peer == nullptr || world->slot(server_).paused) {
      print(ConsoleLineKind::kError, fmt::format("S{}: connection refused or timed out (the server is {})", server_,
                                                 peer == nullptr ? "down" : "paused"));
      return;
    }
    print(ConsoleLineKind::kOutput, *four_letter_word(command, *peer, world->now_us() / 1000));
    return;
  }
  if (command == "connect") {
    int server = server_;
    if (words.size() > 2) {
      print(ConsoleLineKind::kError, "usage: connect [server id | id,id,...]");
      return;
    }
    if (words.size() == 2 && words[1].text.find(',') != std::string::npos) {
      // The scenario parser checks the list (ids in range, none twice).
      const sim::ParseResult parsed = sim::parse_scenario(
          fmt::format("cluster {}\nclient c connect {}\n", world->server_count(), sim::word_for_scenario(words[1].text)),
          "console");
      if (!parsed.ok()) {
        print(ConsoleLineKind::kError, clean_parse_error(parsed.error));
        return;
      }
      const auto& order = std::get<sim::ClientConnect>(parsed.scenario.steps.back().command).host_order;
      connect(order.front(), order, simulation);
      return;
    }
    if (words.size() == 2) {
      const std::optional<int64_t> id = sim::parse_decimal_i64(words[1].text);
      if (!id || !world->valid_server(static_cast<ServerId>(*id))) {
        print(ConsoleLineKind::kError,
              fmt::format("no server '{}' (servers are 1..{})", sim::word_for_message(words[1].text), world->server_count()));
        return;
      }
      server = static_cast<int>(*id);
    }
    connect(server, {}, simulation);
    return;
  }
  static const std::pair<const char*, OpKind> kOps[] = {
      {"create", OpKind::kCreate}, {"get", OpKind::kGet},       {"set", OpKind::kSet},   {"ls", OpKind::kLs},
      {"stat", OpKind::kStat},     {"delete", OpKind::kDelete}, {"sync", OpKind::kSync}, {"close", OpKind::kClose},
      {"multi", OpKind::kMulti},   {"addauth", OpKind::kAddAuth}, {"getAcl", OpKind::kGetAcl},
      {"setAcl", OpKind::kSetAcl}};
  std::optional<OpKind> kind;
  for (const auto& [name, op] : kOps) {
    if (command == name) kind = op;
  }
  if (!kind) {
    print(ConsoleLineKind::kError, fmt::format("Command not found: {} (type help)", sim::word_for_message(command)));
    return;
  }
  // zkCli's -s (print the Stat after the result) on get, ls and set; create keeps -s (sequential).
  bool print_stat = false;
  if (*kind == OpKind::kGet || *kind == OpKind::kLs || *kind == OpKind::kSet || *kind == OpKind::kGetAcl ||
      *kind == OpKind::kSetAcl) {
    std::vector<sim::Word> kept;
    for (sim::Word& word : words) {
      if (!word.quoted && word.text == "-s") {
        print_stat = true;
      } else {
        kept.push_back(std::move(word));
      }
    }
    words = std::move(kept);
  }
  std::string path;
  for (size_t i = 1; i < words.size(); ++i) {
    if (!words[i].quoted && !words[i].text.empty() && words[i].text[0] == '/') {
      path = words[i].text;
      break;
    }
  }
  std::string rewritten;
  // Unquoted words go back as typed (flags such as -v must stay flags); quoted ones re-quoted.
  for (const sim::Word& word : words) rewritten += " " + (word.quoted ? sim::word_for_scenario(word.text) : word.text);
  run_client_command(rewritten, *kind, path, print_stat, simulation);
}

void ConsoleSession::run_client_command(const std::string& rewritten, OpKind kind, const std::string& path,
                                        bool print_stat, sim::RecordedRun& simulation) {
  const sim::World* world = simulation.world();
  if (client_.empty() || world->client(client_) == nullptr) {
    print(ConsoleLineKind::kError, "Not connected: type connect (or connect ID) first.");
    return;
  }
  // The scenario parser checks the words: a one-line scenario with our client connected.
  const std::string text = fmt::format("cluster {}\nclient {} connect 1\n{}{}\n", world->server_count(), client_,
                                       client_, rewritten);
  const sim::ParseResult parsed = sim::parse_scenario(text, "console");
  if (!parsed.ok()) {
    print(ConsoleLineKind::kError, clean_parse_error(parsed.error));
    return;
  }
  const sim::Command& command = parsed.scenario.steps.back().command;
  const sim::SimClient* before = world->client(client_);
  const int32_t last_cxid = before->ops().empty() ? 0 : before->ops().back().cxid;
  const std::string error = simulation.apply(command);
  if (!error.empty()) {
    print(ConsoleLineKind::kError, error);
    return;
  }
  const sim::SimClient* after = simulation.world()->client(client_);
  if (after == nullptr || after->ops().empty() || after->ops().back().cxid == last_cxid) return;
  say_if_paused(simulation);
  if (pending_.size() >= kMaxPending) pending_.pop_front();
  pending_.push_back(Pending{after->ops().back().cxid, kind, path, print_stat});
}

void ConsoleSession::render_reply(const Pending& pending, const sim::ClientOpResult& result) {
  if (pending.kind == OpKind::kMulti && !result.body.multi_results.empty()) {
    // zkCli has no multi; the per-op results are printed as `expect NAME results` spells them.
    std::string codes;
    for (const OpResult& op : result.body.multi_results) codes += std::string(codes.empty() ? "" : " ") + error_name(op.err);
    print(result.err == ErrorCode::kOk ? ConsoleLineKind::kOutput : ConsoleLineKind::kError, "multi: " + codes);
    return;
  }
  if (result.err != ErrorCode::kOk) {
    print(ConsoleLineKind::kError, format_error(result.err, pending.path));
    return;
  }
  const ReplyBody& body = result.body;
  switch (pending.kind) {
    case OpKind::kCreate: print(ConsoleLineKind::kOutput, "Created " + body.path); return;
    case OpKind::kGet: print(ConsoleLineKind::kOutput, body.data); break;
    case OpKind::kLs: print(ConsoleLineKind::kOutput, format_children(body.children)); break;
    case OpKind::kStat:
      if (body.stat) print(ConsoleLineKind::kOutput, format_stat(*body.stat));
      return;
    case OpKind::kSync: print(ConsoleLineKind::kOutput, "Sync is OK"); return;
    case OpKind::kGetAcl:
      // GetAclCommand: the jute Id's toString ('scheme,'id), then ": " and the perms.
      for (const Acl& acl : body.acl) {
        print(ConsoleLineKind::kOutput, "'" + acl.id.scheme + ",'" + acl.id.id);
        print(ConsoleLineKind::kOutput, ": " + perms_text(acl.perms));
      }
      break;
    case OpKind::kAddAuth:
    case OpKind::kSetAcl:
    case OpKind::kSet:
    case OpKind::kDelete:
    case OpKind::kClose:
    case OpKind::kMulti: break;
  }
  if (pending.print_stat && body.stat) print(ConsoleLineKind::kOutput, format_stat(*body.stat));
}

void ConsoleSession::poll(const sim::World& world) {
  if (client_.empty()) return;
  const sim::SimClient* client = world.client(client_);
  if (client == nullptr) {  // a new cluster: the session is gone
    print(ConsoleLineKind::kEvent, fmt::format("(session '{}' no longer exists: new cluster)", client_));
    forget_client();
    return;
  }
  while (!pending_.empty()) {
    const sim::ClientOpResult* result = client->op(pending_.front().cxid);
    if (result == nullptr) {
      pending_.pop_front();
      continue;
    }
    if (!result->done) break;
    render_reply(pending_.front(), *result);
    pending_.pop_front();
  }
  const auto& events = client->events();
  if (events.size() < events_seen_) events_seen_ = 0;
  for (size_t i = events_seen_; i < events.size(); ++i) {
    print(ConsoleLineKind::kEvent, "WATCHER::");
    print(ConsoleLineKind::kEvent, format_watch_event(events[i].type, events[i].path));
  }
  events_seen_ = events.size();
  if (!last_state_ || *last_state_ != client->state()) {
    const bool announce = client->state() != sim::ClientState::kConnecting &&
                          client->state() != sim::ClientState::kNotConnected;
    if (announce || last_state_) {
      print(ConsoleLineKind::kEvent, "WATCHER::");
      print(ConsoleLineKind::kEvent,
            fmt::format("WatchedEvent state:{} type:None path:null", keeper_state_name(client->state())));
    }
    last_state_ = client->state();
  }
}

}  // namespace zk::ui
