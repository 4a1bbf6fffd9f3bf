// The scenario runner: a small interpreter over the Scenario AST. Runner holds the World
// and, per client, what its last operations returned (the last Stat, the last get's data,
// the last create's path, the last ls's names) so that `expect` lines can check them.
// Each command kind has its own exec() overload; a non-empty return is a step error.
#include "sim/scenario/scenario_runner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "core/error_code.h"
#include "core/four_letter_words.h"
#include "core/invariant.h"
#include "core/zkcli_format.h"
#include "sim/gateway/wire_replay.h"
#include "sim/scenario/node_check.h"
#include "sim/scenario/scenario_action.h"
#include "sim/text/duration.h"
#include "sim/check/history.h"
#include "sim/check/linearizability.h"
#include "sim/scenario/scenario_format.h"
#include "sim/scenario/scenario_names.h"
#include "sim/text/text_words.h"
#include "sim/world/world.h"

namespace zk::sim {

int RunReport::passed() const {
  int n = 0;
  for (const auto& e : expectations) n += e.passed ? 1 : 0;
  return n;
}
int RunReport::failed() const { return static_cast<int>(expectations.size()) - passed(); }

WorldConfig world_config(const Cluster& c, uint64_t seed, InjectedBug bug) {
  WorldConfig config;
  config.injected_bug = bug;
  config.upstream_bugs = c.upstream_bugs;
  config.server_count = c.server_count;
  config.observers.assign(c.observers.begin(), c.observers.end());
  config.tick_us = c.tick_ms * 1000;
  config.init_limit = c.init_limit;
  config.sync_limit = c.sync_limit;
  config.latency_min_us = c.latency_min_us;
  config.latency_max_us = c.latency_max_us;
  config.leader_bind_us = c.leader_bind_us;
  config.containers = c.containers;
  config.host_uptime_ms = c.host_uptime_ms;
  config.super_digest = c.super_digest;
  config.skip_acl = c.skip_acl;
  config.snap_count = c.snap_count;
  config.seed = seed;
  return config;
}

namespace {

constexpr int64_t kOpTimeoutUs = 30'000'000;

struct ClientMemory {
  bool has_op = false;
  ErrorCode last_err = ErrorCode::kOk;
  std::string last_op;  // "create /a", for messages
  std::optional<Stat> stat;
  std::optional<std::string> data;
  std::optional<std::string> created;
  std::optional<std::vector<std::string>> children;
  std::optional<std::vector<ErrorCode>> results;  // the last multi's per-op results (kept when it failed too)
  std::optional<AclList> acl;                     // the last successful getAcl's list
};

std::string quote_list(const std::vector<std::string>& names) {
  return names.empty() ? std::string("(none)") : fmt::format("{}", fmt::join(names, " "));
}

std::string describe_divergence(const World& w) {
  if (!w.leader_serving()) return "no serving leader";
  std::vector<std::string> parts;
  for (ServerId id = 1; id <= w.server_count(); ++id) {
    const QuorumPeer* p = w.peer(id);
    if (!p) continue;
    parts.push_back(fmt::format("S{} {} zxid 0x{:x}{}", id, peer_state_name(p->state()),
                                static_cast<uint64_t>(p->last_processed_zxid()), p->serving() ? "" : " (not serving)"));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

WatchEventType to_scenario_event(EventType t, bool* known) {
  *known = true;
  switch (t) {
    case EventType::kNodeCreated: return WatchEventType::kNodeCreated;
    case EventType::kNodeDeleted: return WatchEventType::kNodeDeleted;
    case EventType::kNodeDataChanged: return WatchEventType::kNodeDataChanged;
    case EventType::kNodeChildrenChanged: return WatchEventType::kNodeChildrenChanged;
    case EventType::kNone: break;
  }
  *known = false;
  return WatchEventType::kNodeCreated;
}

}  // namespace

class ScenarioStepper::Impl {
 public:
  Impl(const Scenario& scenario, uint64_t seed, RunOptions options)
      : scenario_(scenario), world_(world_config(effective_cluster(scenario.setup), seed, options.injected_bug)),
        options_(options) {
    report_.file_name = scenario.file_name;
    report_.seed = seed;
    world_.set_record_messages(options_.record_messages);
    world_.set_checking(options_.invariant_checking);
    world_.set_trace_window(options_.trace_window, options_.on_trace);
    world_.set_history_window(options_.history_fold_ops);
    if (options_.zxid_prune_every > 0) world_.mutable_invariant_checker().set_prune_every_applied(options_.zxid_prune_every);
  }

  // Runs the next step; false when none is left or the run stopped on an error.
  bool step() {
    if (done()) return false;
    const Step& step = scenario_.steps[next_];
    ++next_;
    line_ = step.line;
    step_ = &step;
    if (options_.max_virtual_time_us > 0 && world_.now_us() >= options_.max_virtual_time_us) {
      report_.error = fmt::format("{}:{}: virtual time budget of {} used up", scenario_.file_name, step.line,
                                  format_duration(options_.max_virtual_time_us));
      return true;
    }
    if (options_.echo_steps) echo_line(step.line, format_step(step.command));
    std::string error;
    try {
      error = std::visit([&](const auto& c) { return exec(c); }, step.command);
    } catch (const InvariantFailure& failure) {
      // A check of the simulator itself (not of a server, which the world reports as a
      // violation): the run cannot go on.
      report_.error = fmt::format("{}:{}: simulator {}", scenario_.file_name, step.line, failure.what());
      return true;
    }
    if (const auto& violation = world_.violation()) {
      // The checker stopped the world: a failed check at this step, unless a later
      // `expect violation` line says the scenario expects it (it then passes or fails there).
      ExpectationResult r;
      r.line = step.line;
      r.text = "invariant " + violation->invariant;
      r.detail = escape_for_message(describe_violation(*violation));
      for (size_t i = next_; i < scenario_.steps.size(); ++i) {
        const auto* expected = std::get_if<ExpectViolation>(&scenario_.steps[i].command);
        if (!expected) continue;
        next_ = i + 1;
        r.line = scenario_.steps[i].line;
        r.text = format_step(scenario_.steps[i].command);
        r.passed = expected->invariant == violation->invariant;
        if (!r.passed) r.detail = fmt::format("expected {} violated, saw {}", expected->invariant, r.detail);
        if (options_.echo_steps) echo_line(r.line, r.text);
        break;
      }
      push_expectation(std::move(r));
      report_.violation = violation;
      return true;
    }
    if (!error.empty()) {
      report_.error = fmt::format("{}:{}: {}", scenario_.file_name, step.line, escape_for_message(error));
    }
    return true;
  }
  bool done() const { return !report_.error.empty() || report_.violation || next_ >= scenario_.steps.size(); }
  size_t next_step() const { return next_; }
  const World& world() const { return world_; }
  const RunReport& report() const { return report_; }

  RunReport finish() {
    if (options_.check_consistency && !report_.violation && report_.error.empty()) check_history();
    if (options_.keep_trace) {
      report_.trace = world_.trace();
      report_.trace_dropped = world_.trace_dropped();
    }
    if (options_.keep_history) report_.history = collect_history(world_);
    report_.events = world_.events_processed();
    if (options_.inspect_world) options_.inspect_world(world_);
    report_.messages.assign(world_.messages().begin(), world_.messages().end());
    report_.end_time_us = world_.now_us();
    return std::move(report_);
  }

  std::vector<ExpectWire> unchecked_wire_output() const {
    return wire_ ? wire_->unchecked_output() : std::vector<ExpectWire>{};
  }

 private:
  // The client histories against ZooKeeper's consistency guarantees; a violation is reported
  // like an invariant violation, at the last step.
  void check_history() {
    const ConsistencyReport consistency = world_.consistency_checker().finish(collect_history(world_));
    if (consistency.ok) return;
    InvariantViolation violation{consistency.property, {}, consistency.detail};
    world_.note("CONSISTENCY VIOLATED: " + describe_violation(violation));
    ExpectationResult r;
    r.line = scenario_.steps.empty() ? scenario_.setup_line : scenario_.steps.back().line;
    r.text = "consistency " + consistency.property;
    r.detail = escape_for_message(describe_violation(violation));
    push_expectation(std::move(r));
    report_.violation = violation;
  }

  // Every expectation result goes through here (RunOptions::on_expectation sees it at once).
  void push_expectation(ExpectationResult&& r) {
    r.time_us = world_.now_us();
    r.trace_index = world_.trace_recorded();
    report_.expectations.push_back(std::move(r));
    if (options_.on_expectation) options_.on_expectation(report_.expectations.back());
  }

  // ---- helpers ----
  // Every instant action goes through here (reported to RunOptions::on_action first).
  ActionOutcome act(const Command& command) {
    if (options_.on_action) options_.on_action(world_.now_us(), world_.events_processed(), command);
    return apply_action(world_, command);
  }
  std::string resolve(const ServerRef& ref, ServerId* id) { return resolve_server(world_, ref, id); }
  // The scenario's echo of a line it runs ("line 7: kill leader").
  void echo_line(int line, std::string text) {
    world_.trace(TraceEvent{.kind = TraceKind::kScenarioStep, .line = line, .text = std::move(text)});
  }

  void expectation(bool passed, std::string detail) {
    ExpectationResult r;
    r.line = line_;
    r.text = format_step(current_command());
    r.passed = passed;
    r.detail = escape_for_message(detail);  // znode data may hold a newline: one line still
    push_expectation(std::move(r));
  }

  const Command& current_command() const { return step_->command; }

  // The slot of the latest client of that name, resolved once per step: a step's predicate
  // runs after every event, and looking the name up there was a fifth of the instructions
  // of 10,000 clients connecting. No step adds a client while it waits, so the slot holds.
  size_t client_index(const std::string& name) const {
    const std::optional<EndpointId> endpoint = world_.client_endpoint(name);
    ZK_INVARIANT(endpoint.has_value());
    return static_cast<size_t>(*endpoint - kFirstClientEndpoint);
  }

  std::string client_op(const std::string& name, const Command& command, const std::string& label) {
    const ActionOutcome sent = act(command);
    if (!sent.error.empty()) return sent.error;
    if (!sent.cxid) return {};  // close of a client that is not connected: nothing was sent
    const int32_t cxid = *sent.cxid;
    const Request request = *client_request(command);
    if (!wait_for_replies_) return {};  // `clients async`: the reply arrives while time runs
    const size_t index = client_index(name);
    world_.run_until(
        [&](const World& w) {
          const ClientOpResult* op = w.clients()[index].client.op(cxid);
          return op && op->done;
        },
        kOpTimeoutUs);
    const ClientOpResult* op = world_.client(name)->op(cxid);
    ClientMemory& mem = clients_[name];
    mem.has_op = true;
    mem.last_op = label;
    if (!op || !op->done) {
      mem.last_err = ErrorCode::kConnectionLoss;
      world_.trace(TraceEvent{.kind = TraceKind::kClientNoReply, .client = name, .text = label});
      return {};
    }
    mem.last_err = op->err;
    if (std::holds_alternative<MultiRequest>(request) && !op->body.multi_results.empty()) {
      std::vector<ErrorCode> results;
      for (const OpResult& result : op->body.multi_results) results.push_back(result.err);
      mem.results = std::move(results);
    }
    if (op->err == ErrorCode::kOk) {
      if (op->body.stat) mem.stat = op->body.stat;
      if (std::holds_alternative<GetDataRequest>(request)) mem.data = op->body.data;
      if (std::holds_alternative<CreateRequest>(request)) mem.created = op->body.path;
      if (std::holds_alternative<GetChildrenRequest>(request)) mem.children = op->body.children;
      if (std::holds_alternative<GetAclRequest>(request)) mem.acl = op->body.acl;
    }
    return {};
  }

  // ---- acting (instant actions go through apply_action, shared with the GUI) ----
  std::string exec(const Cluster&) { return "cluster must be the first command"; }
  std::string exec(const ClusterConfig&) { return "cluster must be the first command"; }

  std::string exec(const Start& c) {
    bool first = true;
    for (const ServerRef& ref : c.servers) {
      if (!first && c.every_us) world_.run_for(*c.every_us);
      first = false;
      if (auto e = act(Start{.servers = {ref}, .every_us = std::nullopt}).error; !e.empty()) return e;
    }
    return {};
  }
  template <typename T>
    requires(std::is_same_v<T, Kill> || std::is_same_v<T, Restart> || std::is_same_v<T, Pause> ||
             std::is_same_v<T, Resume> || std::is_same_v<T, Partition> || std::is_same_v<T, Heal> ||
             std::is_same_v<T, SetNetwork> || std::is_same_v<T, HoldNext> || std::is_same_v<T, DropNext> ||
             std::is_same_v<T, ReleaseHeld> || std::is_same_v<T, LoadDisk> || std::is_same_v<T, ClientCrash>)
  std::string exec(const T& c) {
    std::string error = act(c).error;
    if constexpr (std::is_same_v<T, Kill> || std::is_same_v<T, Pause> || std::is_same_v<T, Resume>) {
      ServerId id = 0;
      if (!error.empty() && options_.skip_faults_on_exited_servers && resolve(c.server, &id).empty() &&
          world_.slot(id).exited) {
        echo_line(line_, fmt::format("skipped: S{} has exited by itself", id));
        return {};
      }
    }
    return error;
  }
  std::string exec(const Run& c) {
    world_.run_for(budgeted(c.duration_us));
    return {};
  }
  // A duration cut so that it does not run past options_.max_virtual_time_us.
  int64_t budgeted(int64_t duration_us) const {
    if (options_.max_virtual_time_us <= 0) return duration_us;
    return std::max<int64_t>(0, std::min(duration_us, options_.max_virtual_time_us - world_.now_us()));
  }
  std::string exec(const RunUntilLeader& c) {
    if (world_.run_until([](const World& w) { return w.leader_serving(); }, budgeted(c.timeout_us))) return {};
    return fmt::format("no serving leader after {}", format_duration(c.timeout_us));
  }
  std::string exec(const RunUntilConverged& c) {
    if (world_.run_until([](const World& w) { return converged(w, ConvergenceScope::kEveryLiveServer); }, budgeted(c.timeout_us))) return {};
    return fmt::format("not converged after {}: {}", format_duration(c.timeout_us), describe_divergence(world_));
  }

  std::string exec(const SetClients& c) {
    wait_for_replies_ = !c.async;
    return {};
  }
  std::string exec(const SetDisk& c) {
    world_.set_fsync_latency(c.fsync_min_us, c.fsync_max_us);
    return {};
  }

  // ---- clients ----
  std::string exec(const ClientConnect& c) {
    if (auto e = act(c).error; !e.empty()) return e;
    const size_t index = client_index(c.client);
    world_.run_until([&](const World& w) { return w.clients()[index].client.connect_settled(); }, kOpTimeoutUs);
    clients_[c.client] = ClientMemory{};
    return {};
  }
  std::string exec(const ClientCreate& c) { return client_op(c.client, c, "create " + c.path); }
  std::string exec(const ClientGet& c) { return client_op(c.client, c, "get " + c.path); }
  std::string exec(const ClientSet& c) { return client_op(c.client, c, "set " + c.path); }
  std::string exec(const ClientLs& c) { return client_op(c.client, c, "ls " + c.path); }
  std::string exec(const ClientStat& c) { return client_op(c.client, c, "stat " + c.path); }
  std::string exec(const ClientDelete& c) { return client_op(c.client, c, "delete " + c.path); }
  std::string exec(const ClientSync& c) { return client_op(c.client, c, "sync " + c.path); }
  std::string exec(const ClientClose& c) { return client_op(c.client, c, "close"); }
  std::string exec(const ClientMulti& c) { return client_op(c.client, c, fmt::format("multi of {} ops", c.ops.size())); }
  std::string exec(const ClientSetAcl& c) { return client_op(c.client, c, "setAcl " + c.path); }
  std::string exec(const ClientGetAcl& c) { return client_op(c.client, c, "getAcl " + c.path); }
  // addAuthInfo: the answer comes back as the header alone (OK, or AUTHFAILED and the close).
  std::string exec(const ClientAddAuth& c) {
    const SimClient* before = world_.client(c.client);
    if (!before) return fmt::format("unknown client '{}'", c.client);
    const size_t index = before->auth_results().size();
    if (auto e = act(c).error; !e.empty()) return e;
    if (!wait_for_replies_) return {};
    const size_t slot = client_index(c.client);
    const auto answered = [&](const World& w) { return w.clients()[slot].client.auth_results()[index].done; };
    world_.run_until(answered, kOpTimeoutUs);
    ClientMemory& mem = clients_[c.client];
    mem.has_op = true;
    mem.last_op = "addauth " + c.scheme;
    const SimClient::AuthResult result = world_.client(c.client)->auth_results()[index];
    // Unanswered (no connection): the client sends it again with its next connection.
    mem.last_err = result.done ? result.err : ErrorCode::kConnectionLoss;
    return {};
  }

  // ---- expecting ----
  std::string exec(const ExpectLeader& c) {
    auto leader = world_.leader();
    if (c.server.is_leader) {
      expectation(leader.has_value(), leader ? "" : "no server is LEADING");
      return {};
    }
    if (leader && *leader == c.server.id) {
      expectation(true, "");
    } else {
      expectation(false, fmt::format("expected S{} LEADING, saw {}", c.server.id, states()));
    }
    return {};
  }
  std::string exec(const ExpectState& c) {
    ServerId id = 0;
    if (auto e = resolve(c.server, &id); !e.empty()) return e;
    std::string seen = state_of(id);
    std::string want{server_state_name(c.state)};
    expectation(seen == want, fmt::format("expected S{} {}, saw {}", id, want, seen));
    return {};
  }
  std::string exec(const ExpectOk& c) {
    const ClientMemory& m = clients_[c.client];
    if (!m.has_op) {
      expectation(false, "client has run no operation");
    } else {
      expectation(m.last_err == ErrorCode::kOk, fmt::format("{} failed with {}", m.last_op, error_name(m.last_err)));
    }
    return {};
  }
  std::string exec(const ExpectError& c) {
    const ClientMemory& m = clients_[c.client];
    if (!m.has_op) {
      expectation(false, "client has run no operation");
    } else {
      std::string seen = m.last_err == ErrorCode::kOk ? std::string("ok") : error_name(m.last_err);
      expectation(static_cast<int>(m.last_err) == c.code,
                  fmt::format("expected {} from {}, saw {}", c.code_name, m.last_op, seen));
    }
    return {};
  }
  // Checks what the client's last successful operation of a kind returned; fails with
  // none_yet when it has not run one. A failure message says when the client's last
  // operation failed, since the value seen is then an older one.
  static std::string last_failed_note(const ClientMemory& memory) {
    if (!memory.has_op || memory.last_err == ErrorCode::kOk) return {};
    return fmt::format(" (the last operation, {}, failed with {})", memory.last_op, error_name(memory.last_err));
  }
  template <typename T, typename Matches, typename Describe>
  void expect_remembered(const ClientMemory& memory, const std::optional<T>& seen, const char* none_yet,
                         Matches matches, Describe describe) {
    if (!seen) {
      expectation(false, none_yet + last_failed_note(memory));
    } else {
      expectation(matches(*seen), describe(*seen) + last_failed_note(memory));
    }
  }
  template <typename T, typename Describe>
  void expect_remembered_equal(const ClientMemory& memory, const std::optional<T>& seen, const T& want,
                               const char* none_yet, Describe describe) {
    expect_remembered(memory, seen, none_yet, [&](const T& value) { return value == want; }, describe);
  }
  std::string exec(const ExpectData& c) {
    const ClientMemory& m = clients_[c.client];
    expect_remembered_equal(m, m.data, c.text, "no successful get yet", [&](const std::string& seen) {
      return fmt::format("expected \"{}\", saw \"{}\"", c.text, seen);
    });
    return {};
  }
  std::string exec(const ExpectCreated& c) {
    const ClientMemory& m = clients_[c.client];
    expect_remembered_equal(m, m.created, c.path, "no successful create yet",
                            [&](const std::string& seen) { return fmt::format("expected {}, saw {}", c.path, seen); });
    return {};
  }
  std::string exec(const ExpectChildren& c) {
    const ClientMemory& m = clients_[c.client];
    expect_remembered_equal(m, m.children, c.names, "no successful ls yet", [&](const std::vector<std::string>& seen) {
      return fmt::format("expected {}, saw {}", quote_list(c.names), quote_list(seen));
    });
    return {};
  }
  // A stat check's value: as written, or the session id of client `session_of` now (then
  // *whose says so: " (c's session)").
  std::string stat_target(const std::string& session_of, int64_t* want, std::string* whose) const {
    if (session_of.empty()) return {};
    const SimClient* other = world_.client(session_of);
    if (!other) return fmt::format("unknown client '{}'", session_of);
    *want = other->session_id();
    *whose = fmt::format(" ({}'s session)", session_of);
    return {};
  }
  std::string exec(const ExpectStat& c) {
    const ClientMemory& m = clients_[c.client];
    int64_t want = c.value;
    std::string whose;
    if (auto e = stat_target(c.session_of, &want, &whose); !e.empty()) return e;
    expect_remembered(
        m, m.stat, "no Stat returned yet", [&](const Stat& seen) { return stat_field_value(seen, c.field) == want; },
        [&](const Stat& seen) {
          return fmt::format("expected {} {}{}, saw {}", stat_field_name(c.field), stat_field_text(c.field, want), whose,
                             stat_field_text(c.field, stat_field_value(seen, c.field)));
        });
    return {};
  }
  std::string exec(const ExpectResults& c) {
    const ClientMemory& m = clients_[c.client];
    std::vector<std::string> want = c.code_names;
    const auto names = [](const std::vector<ErrorCode>& codes) {
      std::vector<std::string> out;
      for (const ErrorCode code : codes) out.push_back(error_name(code));
      return out;
    };
    expect_remembered(
        m, m.results, "no multi answered yet",
        [&](const std::vector<ErrorCode>& seen) {
          if (seen.size() != c.codes.size()) return false;
          for (size_t i = 0; i < seen.size(); ++i) {
            if (static_cast<int>(seen[i]) != c.codes[i]) return false;
          }
          return true;
        },
        [&](const std::vector<ErrorCode>& seen) {
          return fmt::format("expected {}, saw {}", fmt::join(want, " "), fmt::join(names(seen), " "));
        });
    return {};
  }
  std::string exec(const ExpectClientState& c) {
    SimClient* client = world_.mutable_client(c.client);
    if (!client) return fmt::format("unknown client '{}'", c.client);
    const std::string_view want = client_keeper_state_name(c.state);
    if (client->state_events().empty()) {
      expectation(false, fmt::format("expected {}, saw no connection-state event", want));
      return {};
    }
    const ClientStateEvent event = client->state_events().front();
    client->state_events().pop_front();
    const std::string_view seen = keeper_state_name(event.state);
    expectation(seen == want, fmt::format("expected {}, saw {} (at {})", want, seen, format_duration(event.time_us)));
    return {};
  }
  std::string exec(const ExpectClientServer& c) {
    const SimClient* client = world_.client(c.client);
    if (!client) return fmt::format("unknown client '{}'", c.client);
    ServerId id = 0;
    if (auto e = resolve(c.server, &id); !e.empty()) return e;
    const bool connected = client->state() == ClientState::kConnected;
    expectation(connected && client->server() == id,
                connected ? fmt::format("expected S{}, saw S{}", id, client->server())
                          : fmt::format("expected connected to S{}, saw {} (last server S{})", id,
                                        client_state_name(client->state()), client->server()));
    return {};
  }
  // ---- a recorded live session (`zksim serve --record`): through the gateway's own code ----
  std::string exec(const Wire& c) {
    // Reported like an instant action: the GUI replays these lines through its own gateway.
    if (options_.on_action) options_.on_action(world_.now_us(), world_.events_processed(), c);
    if (!wire_) wire_ = std::make_unique<gateway::WireReplay>(world_);
    return wire_->apply(c);
  }
  std::string exec(const ExpectWire& c) {
    std::string detail;
    const bool passed = wire_ && wire_->check(c, &detail);
    if (!wire_) detail = "no wire line before it";
    expectation(passed, detail);
    return {};
  }

  std::string exec(const ExpectAcl& c) {
    const ClientMemory& m = clients_[c.client];
    expect_remembered_equal(m, m.acl, c.acl, "no successful getAcl yet", [&](const AclList& seen) {
      return fmt::format("expected {}, saw {}", acl_list_text(c.acl), acl_list_text(seen));
    });
    return {};
  }
  std::string exec(const ExpectClientTimeout& c) {
    const SimClient* client = world_.client(c.client);
    if (!client) return fmt::format("unknown client '{}'", c.client);
    const int64_t seen_ms = client->timeout_ms();
    expectation(seen_ms * 1000 == c.timeout_us,
                seen_ms == 0 ? fmt::format("expected {}, but no session was established", format_duration(c.timeout_us))
                             : fmt::format("expected {}, saw {}ms", format_duration(c.timeout_us), seen_ms));
    return {};
  }
  std::string exec(const ExpectEvent& c) {
    SimClient* client = world_.mutable_client(c.client);
    if (!client) return fmt::format("unknown client '{}'", c.client);
    std::string want = fmt::format("{} {}", watch_event_type_name(c.type), c.path);
    if (client->events().empty()) {
      expectation(false, fmt::format("expected {}, saw no event", want));
      return {};
    }
    ClientWatchEvent event = client->events().front();
    client->events().pop_front();
    bool known = false;
    WatchEventType type = to_scenario_event(event.type, &known);
    expectation(known && type == c.type && event.path == c.path,
                fmt::format("expected {}, saw {} {}", want, event_type_name(event.type), event.path));
    return {};
  }
  std::string exec(const ExpectNoEvent& c) {
    const SimClient* client = world_.client(c.client);
    if (!client) return fmt::format("unknown client '{}'", c.client);
    if (client->events().empty()) {
      expectation(true, "");
    } else {
      const ClientWatchEvent& e = client->events().front();
      expectation(false, fmt::format("saw {} {} ({} undelivered)", event_type_name(e.type), e.path,
                                     client->events().size()));
    }
    return {};
  }
  std::string exec(const ExpectConverged&) {
    expectation(converged(world_, ConvergenceScope::kServingServers), describe_divergence(world_));
    return {};
  }
  // Resolves the expectation's server, fails it if that server is down, else checks it.
  template <typename Check>
  std::string expect_on_live_server(const ServerRef& server, Check check) {
    ServerId id = 0;
    if (auto e = resolve(server, &id); !e.empty()) return e;
    const QuorumPeer* p = world_.peer(id);
    if (!p) {
      expectation(false, fmt::format("S{} is down", id));
    } else {
      check(id, *p);
    }
    return {};
  }
  std::string exec(const ExpectViolation& c) {
    expectation(false, fmt::format("expected {} violated, but no invariant was violated", c.invariant));
    return {};
  }
  std::string exec(const ExpectEpoch& c) {
    return expect_on_live_server(c.server, [&](ServerId id, const QuorumPeer& p) {
      const Epoch seen = p.persistent().current_epoch;
      expectation(seen == c.epoch, fmt::format("expected S{} epoch {}, saw {}", id, c.epoch, seen));
    });
  }
  std::string exec(const ExpectFourLetter& c) {
    return expect_on_live_server(c.server, [&](ServerId id, const QuorumPeer& p) {
      const std::string answer = *four_letter_word(c.word, p, world_.now_us() / 1000);
      const std::optional<std::string> seen = four_letter_field(c.word, answer, c.field);
      if (!seen) {
        const std::string first_line = answer.substr(0, answer.find('\n'));
        expectation(false, fmt::format("S{} {} has no field '{}' (it answered: {})", id, c.word,
                                       escape_for_message(c.field), escape_for_message(first_line)));
        return;
      }
      expectation(*seen == c.value, fmt::format("expected S{} {} {} {}, saw {}", id, c.word, escape_for_message(c.field),
                                                escape_for_message(c.value), escape_for_message(*seen)));
    });
  }
  std::string exec(const ExpectNode& c) {
    int64_t want = c.value;
    std::string whose;
    if (auto e = stat_target(c.session_of, &want, &whose); !e.empty()) return e;
    return expect_on_live_server(c.server, [&](ServerId id, const QuorumPeer& p) {
      NodeCheckResult result = check_node(p.tree(), id, c, want, whose);
      expectation(result.passed, std::move(result.detail));
    });
  }
  std::string exec(const ExpectZxid& c) {
    return expect_on_live_server(c.server, [&](ServerId id, const QuorumPeer& p) {
      const auto seen = static_cast<uint64_t>(p.last_processed_zxid());
      expectation(seen == static_cast<uint64_t>(c.zxid),
                  fmt::format("expected S{} zxid 0x{:x}, saw 0x{:x}", id, static_cast<uint64_t>(c.zxid), seen));
    });
  }

  std::string state_of(ServerId id) const {
    const QuorumPeer* p = world_.peer(id);
    return p ? peer_state_name(p->state()) : "DOWN";
  }
  std::string states() const {
    std::vector<std::string> parts;
    for (ServerId id = 1; id <= world_.server_count(); ++id) parts.push_back(fmt::format("S{} {}", id, state_of(id)));
    return fmt::format("{}", fmt::join(parts, ", "));
  }

  const Scenario& scenario_;
  size_t next_ = 0;
  World world_;
  RunOptions options_;
  RunReport report_;
  int line_ = 0;
  const Step* step_ = nullptr;
  std::map<std::string, ClientMemory> clients_;
  bool wait_for_replies_ = true;
  std::unique_ptr<gateway::WireReplay> wire_;  // made at the first wire line
};

static uint64_t effective_seed(const Scenario& scenario, std::optional<uint64_t> seed_override) {
  return seed_override ? *seed_override : effective_cluster(scenario.setup).seed.value_or(1);
}

ScenarioStepper::ScenarioStepper(Scenario scenario, std::optional<uint64_t> seed_override, RunOptions options)
    : scenario_(std::make_unique<Scenario>(std::move(scenario))),
      impl_(std::make_unique<Impl>(*scenario_, effective_seed(*scenario_, seed_override), std::move(options))) {}
ScenarioStepper::~ScenarioStepper() = default;
bool ScenarioStepper::step() { return impl_->step(); }
void ScenarioStepper::append(Step step) { scenario_->steps.push_back(std::move(step)); }
bool ScenarioStepper::done() const { return impl_->done(); }
size_t ScenarioStepper::next_step() const { return impl_->next_step(); }
uint64_t ScenarioStepper::seed() const { return impl_->report().seed; }
const World& ScenarioStepper::world() const { return impl_->world(); }
const RunReport& ScenarioStepper::report() const { return impl_->report(); }
RunReport ScenarioStepper::finish() { return impl_->finish(); }
std::vector<ExpectWire> ScenarioStepper::unchecked_wire_output() const { return impl_->unchecked_wire_output(); }

RunReport run_scenario(const Scenario& scenario, std::optional<uint64_t> seed_override, RunOptions options) {
  ScenarioStepper stepper(scenario, seed_override, std::move(options));
  while (stepper.step()) {
  }
  return stepper.finish();
}

}  // namespace zk::sim
