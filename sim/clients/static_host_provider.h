// StaticHostProvider: the Java client's list of servers and the order it tries them in
// (org.apache.zookeeper.client.StaticHostProvider, ZooKeeper 3.8.0). The list is shuffled
// once, when the client is created (Collections.shuffle; `shuffle_hosts` below, drawn from
// the run's PRNG); a scenario may instead give the order (`client NAME connect 1,2,3`).
// next() walks the list round-robin and reports whether ClientCnxn's call next(1000)
// sleeps its 1 s "spin delay" first: when it comes back to the server it last connected
// to (lastIndex), i.e. after a full round without a session; never on the very first
// call. on_connected() is onConnected(): the session was established on the current one.
// Reconfiguration (updateServerList's probabilistic migration) is not modelled.
#pragma once

#include <cstdint>
#include <vector>

#include "core/zxid.h"
#include "sim/world/prng.h"

namespace zk::sim {

class StaticHostProvider {
 public:
  static constexpr int64_t kSpinDelayUs = 1'000'000;  // ClientCnxn's hostProvider.next(1000)

  StaticHostProvider() = default;
  explicit StaticHostProvider(std::vector<ServerId> hosts);  // non-empty, in the order to try

  struct Next {
    ServerId server = 0;
    bool spin = false;  // next(1000) sleeps kSpinDelayUs before returning server
  };
  Next next();
  void on_connected() { last_index_ = current_index_; }

  const std::vector<ServerId>& hosts() const { return hosts_; }
  int size() const { return static_cast<int>(hosts_.size()); }

 private:
  std::vector<ServerId> hosts_;
  int current_index_ = -1;
  int last_index_ = -1;  // -1 until the first next(); then the index of the last session's server
};

// java.util.Collections.shuffle(list, rnd) for a list of this size: from the last index
// down to 1, swap with a uniform index in [0, i].
void shuffle_hosts(std::vector<ServerId>& hosts, Prng& prng);

}  // namespace zk::sim
