// The instant scenario actions applied to a World (see scenario_action.h).
#include "sim/scenario/scenario_action.h"

#include <fmt/format.h>

#include <filesystem>
#include <type_traits>

#include "sim/datadir/restore.h"
#include "sim/datadir/server_dir.h"

namespace zk::sim {
namespace {

template <typename T, typename... Ts>
constexpr bool is_one_of = (std::is_same_v<T, Ts> || ...);

template <typename T>
constexpr bool kIsClientOp = is_one_of<T, ClientCreate, ClientGet, ClientSet, ClientLs, ClientStat, ClientDelete,
                                       ClientSync, ClientClose, ClientMulti, ClientSetAcl, ClientGetAcl>;

struct RequestOf {
  std::optional<Request> operator()(const ClientCreate& c) const {
    return CreateRequest{c.path, c.data, c.mode(), c.ttl_ms.value_or(-1), c.acl.value_or(open_acl_unsafe())};
  }
  std::optional<Request> operator()(const ClientSetAcl& c) const {
    return SetAclRequest{c.path, c.acl, c.version.value_or(-1)};
  }
  std::optional<Request> operator()(const ClientGetAcl& c) const { return GetAclRequest{c.path}; }
  std::optional<Request> operator()(const ClientGet& c) const { return GetDataRequest{c.path, c.watch}; }
  std::optional<Request> operator()(const ClientSet& c) const {
    return SetDataRequest{c.path, c.data, c.version.value_or(-1)};
  }
  std::optional<Request> operator()(const ClientLs& c) const { return GetChildrenRequest{c.path, c.watch}; }
  std::optional<Request> operator()(const ClientStat& c) const { return ExistsRequest{c.path, c.watch}; }
  std::optional<Request> operator()(const ClientDelete& c) const {
    return DeleteRequest{c.path, c.version.value_or(-1)};
  }
  std::optional<Request> operator()(const ClientSync& c) const { return SyncRequest{c.path}; }
  std::optional<Request> operator()(const ClientClose&) const { return CloseSessionRequest{}; }
  std::optional<Request> operator()(const ClientMulti& c) const { return MultiRequest{c.ops}; }
  template <typename T>
  std::optional<Request> operator()(const T&) const { return std::nullopt; }
};

class Applier {
 public:
  explicit Applier(World& world) : world_(world) {}

  ActionOutcome operator()(const Start& c) {
    if (c.every_us && c.servers.size() > 1) return fail("start ... every= takes time; start one server at a time");
    for (const ServerRef& ref : c.servers) {
      ServerId id = 0;
      if (auto e = resolve_server(world_, ref, &id); !e.empty()) return fail(e);
      if (Status status = world_.start(id); !status.ok()) return fail(status);
    }
    return {};
  }
  ActionOutcome operator()(const Kill& c) { return on_server(c.server, &World::kill); }
  ActionOutcome operator()(const Restart& c) { return on_server(c.server, &World::restart); }
  ActionOutcome operator()(const Pause& c) { return on_server(c.server, &World::pause); }
  ActionOutcome operator()(const Resume& c) { return on_server(c.server, &World::resume); }
  ActionOutcome operator()(const Partition& c) {
    std::vector<std::vector<EndpointId>> groups;
    for (const auto& group : c.groups) {
      auto& out = groups.emplace_back();
      for (const PartitionMember& member : group) {
        if (member.is_client) {
          const auto endpoint = world_.client_endpoint(member.client);
          if (!endpoint) return fail(fmt::format("unknown client '{}'", member.client));
          out.push_back(*endpoint);
        } else {
          ServerId id = 0;
          if (auto e = resolve_server(world_, member.server, &id); !e.empty()) return fail(e);
          out.push_back(id);
        }
      }
    }
    return fail(world_.partition(groups));
  }
  ActionOutcome operator()(const Heal&) { return fail(world_.heal()); }
  ActionOutcome operator()(const LoadDisk& c) {
    // Errors about a directory a zoo.cfg named start with that zoo.cfg's line.
    const datadir::DirOrigins origins{c.resolved_path, c.data_dir_origin, c.resolved_data_log_path,
                                      c.data_log_dir_origin};
    auto listed = datadir::list_server_dir(c.resolved_path, c.resolved_data_log_path);
    if (auto* e = std::get_if<datadir::DataDirError>(&listed)) return fail(located_line(*e, origins));
    const datadir::ServerDir& dir = std::get<datadir::ServerDir>(listed);
    const std::string in_data_dir = c.data_dir_origin.empty() ? "" : c.data_dir_origin + ": ";
    if (!dir.myid) return fail(fmt::format("{}{}: myid file is missing", in_data_dir, c.resolved_path));
    if (*dir.myid != c.server.id) {
      return fail(fmt::format("{}{}/myid says server {}, not server {}", in_data_dir, c.resolved_path, *dir.myid,
                              c.server.id));
    }
    auto restored = datadir::restore_server(dir);
    if (auto* e = std::get_if<datadir::DataDirError>(&restored)) return fail(located_line(*e, origins));
    datadir::RestoredServer& r = std::get<datadir::RestoredServer>(restored);
    const std::string description =
        fmt::format("{} ({} + {} txns, last zxid {:#x}, currentEpoch {}, acceptedEpoch {})",
                    c.source == DiskSource::kDir ? c.path : c.resolved_path,
                    r.snapshot_file.empty() ? std::string("no snapshot")
                                            : std::filesystem::path(r.snapshot_file).filename().string(),
                    r.state.log.size(), r.last_processed_zxid, r.state.current_epoch, r.state.accepted_epoch);
    for (const std::string& note : r.notes) world_.note(fmt::format("server {}'s disk: {}", c.server.id, note));
    return fail(world_.load_disk(c.server.id, std::move(r.state), description));
  }
  ActionOutcome operator()(const SetNetwork& c) {
    NetworkFaults faults = world_.network().faults();
    if (c.loss_ppm) faults.loss = static_cast<double>(*c.loss_ppm) / 1e6;
    if (c.duplicate_ppm) faults.duplicate = static_cast<double>(*c.duplicate_ppm) / 1e6;
    if (c.reorder_ppm) faults.reorder = static_cast<double>(*c.reorder_ppm) / 1e6;
    world_.mutable_network().set_faults(faults);
    return {};
  }
  ActionOutcome operator()(const HoldNext& c) { return on_link(c.from, c.to, &World::hold_next); }
  ActionOutcome operator()(const DropNext& c) { return on_link(c.from, c.to, &World::drop_next); }
  ActionOutcome operator()(const ReleaseHeld& c) { return on_link(c.from, c.to, &World::release_held); }
  ActionOutcome operator()(const ClientConnect& c) {
    const int64_t timeout_ms = c.timeout_us / 1000;
    if (!c.host_order.empty()) {
      return fail(world_.client_connect(c.client, std::vector<ServerId>(c.host_order.begin(), c.host_order.end()),
                                        timeout_ms));
    }
    ServerId id = 0;
    if (!c.shuffled) {
      if (auto e = resolve_server(world_, c.server, &id); !e.empty()) return fail(e);
    }
    return fail(world_.client_connect(c.client, id, timeout_ms));
  }
  ActionOutcome operator()(const ClientCrash& c) { return fail(world_.client_crash(c.client)); }
  ActionOutcome operator()(const ClientAddAuth& c) {
    size_t index = 0;
    return fail(world_.client_add_auth(c.client, c.scheme, c.auth, &index));
  }
  template <typename T>
    requires kIsClientOp<T>
  ActionOutcome operator()(const T& c) {
    ActionOutcome outcome;
    if constexpr (std::is_same_v<T, ClientClose>) {
      // A cxid only when a closeSession went out (a disconnected client just stops).
      outcome.error = world_.client_close(c.client, &outcome.cxid).message();
    } else {
      int32_t cxid = 0;
      outcome.error = world_.client_submit(c.client, *client_request(Command(c)), &cxid).message();
      if (outcome.error.empty()) outcome.cxid = cxid;
    }
    return outcome;
  }
  template <typename T>
  ActionOutcome operator()(const T&) {
    return fail("not an instant action");
  }

 private:
  static ActionOutcome fail(std::string error) { return ActionOutcome{std::move(error), std::nullopt}; }
  static ActionOutcome fail(const Status& status) { return ActionOutcome{status.message(), std::nullopt}; }

  ActionOutcome on_server(const ServerRef& ref, Status (World::*command)(ServerId)) {
    ServerId id = 0;
    if (auto e = resolve_server(world_, ref, &id); !e.empty()) return fail(e);
    return fail((world_.*command)(id));
  }
  ActionOutcome on_link(const ServerRef& from_ref, const ServerRef& to_ref,
                        Status (World::*command)(EndpointId, EndpointId)) {
    ServerId from = 0;
    ServerId to = 0;
    if (auto e = resolve_server(world_, from_ref, &from); !e.empty()) return fail(e);
    if (auto e = resolve_server(world_, to_ref, &to); !e.empty()) return fail(e);
    if (from == to) return fail(fmt::format("S{} -> S{} is not a link", from, to));
    return fail((world_.*command)(from, to));
  }

  World& world_;
};

}  // namespace

bool is_instant_action(const Command& command) {
  return std::visit(
      [](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, Start>) return !c.every_us || c.servers.size() <= 1;
        return is_one_of<T, Kill, Restart, Pause, Resume, Partition, Heal, SetNetwork, HoldNext, DropNext,
                         ReleaseHeld, ClientConnect, ClientCrash, LoadDisk, ClientAddAuth> ||
               kIsClientOp<T>;
      },
      command);
}

bool is_expectation(const Command& command) {
  return std::visit(
      [](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        return std::is_same_v<T, ExpectLeader> || std::is_same_v<T, ExpectState> || std::is_same_v<T, ExpectOk> ||
               std::is_same_v<T, ExpectError> || std::is_same_v<T, ExpectData> || std::is_same_v<T, ExpectCreated> ||
               std::is_same_v<T, ExpectChildren> || std::is_same_v<T, ExpectStat> || std::is_same_v<T, ExpectEvent> ||
               std::is_same_v<T, ExpectNoEvent> || std::is_same_v<T, ExpectConverged> ||
               std::is_same_v<T, ExpectEpoch> || std::is_same_v<T, ExpectZxid> || std::is_same_v<T, ExpectViolation> ||
               std::is_same_v<T, ExpectFourLetter> || std::is_same_v<T, ExpectNode> || std::is_same_v<T, ExpectResults> ||
               std::is_same_v<T, ExpectClientState> || std::is_same_v<T, ExpectClientServer> ||
               std::is_same_v<T, ExpectClientTimeout> || std::is_same_v<T, ExpectAcl> || std::is_same_v<T, ExpectWire>;
      },
      command);
}

ActionOutcome apply_action(World& world, const Command& command) {
  if (!is_instant_action(command)) return ActionOutcome{"not an instant action", std::nullopt};
  return std::visit(Applier(world), command);
}

std::string resolve_server(const World& world, const ServerRef& ref, ServerId* id) {
  if (!ref.is_leader) {
    *id = ref.id;
    return {};
  }
  const auto leader = world.leader();
  if (!leader) return "no server is LEADING now";
  *id = *leader;
  return {};
}

std::optional<Request> client_request(const Command& command) {
  return std::visit(RequestOf{}, command);
}

}  // namespace zk::sim
