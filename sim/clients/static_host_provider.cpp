// The Java client's host list walk (see static_host_provider.h).
#include "sim/clients/static_host_provider.h"

#include <utility>

#include "core/invariant.h"

namespace zk::sim {

StaticHostProvider::StaticHostProvider(std::vector<ServerId> hosts) : hosts_(std::move(hosts)) {
  ZK_INVARIANT(!hosts_.empty());
}

StaticHostProvider::Next StaticHostProvider::next() {
  ZK_INVARIANT(!hosts_.empty());
  ++current_index_;
  if (current_index_ == size()) current_index_ = 0;
  Next result{hosts_[static_cast<size_t>(current_index_)], current_index_ == last_index_};
  if (last_index_ == -1) last_index_ = 0;  // no sleep on the first ever connect attempt
  return result;
}

void shuffle_hosts(std::vector<ServerId>& hosts, Prng& prng) {
  for (size_t i = hosts.size(); i > 1; --i) {
    const auto j = static_cast<size_t>(prng.uniform_int(0, static_cast<int64_t>(i - 1)));
    std::swap(hosts[i - 1], hosts[j]);
  }
}

}  // namespace zk::sim
