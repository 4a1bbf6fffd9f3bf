// The scenario AST's computed views: the setup as a plain Cluster, a create's mode.
#include "sim/scenario/scenario.h"

#include "core/invariant.h"

namespace zk::sim {

Cluster effective_cluster(const ClusterSetup& setup) {
  if (const Cluster* cluster = std::get_if<Cluster>(&setup)) return *cluster;
  const ClusterConfig& config = std::get<ClusterConfig>(setup);
  ZK_INVARIANT(!config.cfg.servers.empty());
  Cluster cluster;
  cluster.server_count = static_cast<int>(config.cfg.servers.size());
  cluster.tick_ms = config.cfg.tick_ms;
  cluster.init_limit = config.cfg.init_limit.value_or(10);
  cluster.sync_limit = config.cfg.sync_limit.value_or(5);
  cluster.latency_min_us = config.latency_min_us;
  cluster.latency_max_us = config.latency_max_us;
  cluster.leader_bind_us = config.leader_bind_us;
  cluster.seed = config.seed;
  cluster.upstream_bugs = config.upstream_bugs;
  cluster.containers = config.containers;
  cluster.host_uptime_ms = config.host_uptime_ms;
  // super-digest= on the command line wins over the zoo.cfg's.
  cluster.super_digest = config.super_digest.empty() ? config.cfg.super_digest : config.super_digest;
  cluster.skip_acl = config.cfg.skip_acl || config.skip_acl;
  cluster.snap_count = config.snap_count.value_or(config.cfg.snap_count.value_or(kDefaultSnapCount));
  for (const ZooCfgServer& server : config.cfg.servers) {
    if (server.role == ServerRole::kObserver) cluster.observers.push_back(server.id);
  }
  return cluster;
}

CreateMode zkcli_create_mode(bool ephemeral, bool sequential, bool container, bool ttl) {
  if (ephemeral) return sequential ? CreateMode::kEphemeralSequential : CreateMode::kEphemeral;
  if (sequential) return ttl ? CreateMode::kPersistentSequentialWithTtl : CreateMode::kPersistentSequential;
  if (container) return CreateMode::kContainer;
  return ttl ? CreateMode::kPersistentWithTtl : CreateMode::kPersistent;
}

}  // namespace zk::sim
