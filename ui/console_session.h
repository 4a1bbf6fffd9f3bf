// ConsoleSession: the logic behind the zkCli-style Console panel, without any drawing so
// it can be tested. A line is parsed with the scenario parser (the scenario syntax is
// zkCli's, prefixed by a client name), sent through the sim::RecordedRun's command layer, and
// its reply is printed as zkCli prints it once the simulated client has it (poll()).
// Watch events and session state changes are printed as they arrive ("WATCHER::" lines).
// The four-letter words srvr, stat, mntr, conf and ruok are answered at once from the
// chosen server's state. Each `connect` opens a new session named console1, console2, ...
// (closing the previous one), so every console action is also a recordable scenario line.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "sim/clients/client.h"

namespace zk::sim {
class RecordedRun;
class World;
}

namespace zk::ui {

enum class ConsoleLineKind : uint8_t { kEcho, kOutput, kError, kEvent };

struct ConsoleLine {
  ConsoleLineKind kind = ConsoleLineKind::kOutput;
  std::string text;
};

class ConsoleSession {
 public:
  static constexpr size_t kMaxLines = 5'000;
  static constexpr size_t kMaxHistory = 500;
  static constexpr size_t kMaxPending = 1'000;
  static constexpr int64_t kSessionTimeoutUs = 30'000'000;  // zkCli's default
  // Printed after a command that waits for virtual time while the simulation is paused:
  // its reply comes only once time runs.
  static constexpr const char* kPausedHint = "paused — press Play for the reply";

  // Runs one console line now: a zkCli command, a four-letter word, connect, help.
  void submit(const std::string& line, sim::RecordedRun& simulation);
  // Prints replies, watch events and session changes that have arrived since last time.
  void poll(const sim::World& world);

  int server() const { return server_; }
  void set_server(int server) { server_ = server; }
  const std::string& client_name() const { return client_; }  // "" before the first connect
  const std::deque<ConsoleLine>& lines() const { return lines_; }
  const std::vector<std::string>& history() const { return history_; }
  // zkCli's prompt: "[zk: S2(CONNECTED) 3] ".
  std::string prompt(const sim::World* world) const;
  void clear() { lines_.clear(); }

 private:
  enum class OpKind : uint8_t { kCreate, kGet, kSet, kLs, kStat, kDelete, kSync, kClose, kMulti, kAddAuth, kGetAcl, kSetAcl };
  struct Pending {
    int32_t cxid = 0;
    OpKind kind = OpKind::kGet;
    std::string path;
    bool print_stat = false;
  };
  void print(ConsoleLineKind kind, const std::string& text);
  // Opens a new session whose host list starts at `server` (the rest shuffled, as the
  // Java client does), or is exactly `host_order` when that is not empty.
  void connect(int server, const std::vector<int>& host_order, sim::RecordedRun& simulation);
  void run_client_command(const std::string& rewritten, OpKind kind, const std::string& path, bool print_stat,
                          sim::RecordedRun& simulation);
  void say_if_paused(const sim::RecordedRun& simulation);
  void render_reply(const Pending& pending, const sim::ClientOpResult& result);
  void forget_client();

  int server_ = 1;
  std::string client_;
  int connections_ = 0;
  int commands_ = 0;
  std::deque<ConsoleLine> lines_;
  std::vector<std::string> history_;
  std::deque<Pending> pending_;
  size_t events_seen_ = 0;
  std::optional<sim::ClientState> last_state_;
};

}  // namespace zk::ui
