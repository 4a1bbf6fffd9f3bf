// Virtual links: latency, FIFO, faults and cuts.
#include "sim/world/network.h"

#include <algorithm>
#include "core/invariant.h"

namespace zk::sim {

Network::Network(int64_t latency_min_us, int64_t latency_max_us)
    : latency_range_(Prng::range(latency_min_us, latency_max_us)) {
  ZK_INVARIANT(0 <= latency_min_us && latency_min_us <= latency_max_us);
}

void Network::set_latency(int64_t min_us, int64_t max_us) {
  ZK_INVARIANT(0 <= min_us && min_us <= max_us);
  latency_range_ = Prng::range(min_us, max_us);
}

int64_t Network::draw_latency_us(Prng& prng) const { return prng.uniform(latency_range_); }

namespace {

size_t dense_index(EndpointId endpoint) {
  ZK_INVARIANT(endpoint >= 0);
  return endpoint < kFirstClientEndpoint ? static_cast<size_t>(endpoint)
                                         : 256 + static_cast<size_t>(endpoint - kFirstClientEndpoint);
}

}  // namespace

int64_t& Network::last_delivery_us(EndpointId from, EndpointId to) {
  const size_t f = dense_index(from);
  const size_t t = dense_index(to);
  if (f >= last_delivery_us_.size()) last_delivery_us_.resize(f + 1);
  std::vector<int64_t>& row = last_delivery_us_[f];
  if (t >= row.size()) row.resize(t + 1, 0);
  return row[t];
}

Network::Delivery Network::schedule(EndpointId from, EndpointId to, int64_t now_us, Prng& prng) {
  ++messages_sent_;
  const Link link{from, to};
  if (!cut_.empty() && cut_.count(link)) {
    ++messages_lost_;
    Delivery cut;
    cut.cut = true;
    return cut;
  }
  if (!drop_next_.empty() && drop_next_.erase(link)) {
    ++messages_lost_;
    return {};
  }
  if (!hold_next_.empty() && hold_next_.erase(link)) {
    Delivery held;
    held.held = true;
    return held;
  }
  if (faults_.loss > 0 && prng.chance(faults_.loss)) {
    ++messages_lost_;
    Delivery lost;
    lost.lost = true;
    int64_t& last = last_delivery_us(from, to);
    lost.lost_at_us = std::max(now_us + draw_latency_us(prng), last);
    last = lost.lost_at_us;
    return lost;
  }
  const int copies = faults_.duplicate > 0 && prng.chance(faults_.duplicate) ? 2 : 1;
  Delivery delivery;
  int64_t& last = last_delivery_us(from, to);
  for (int copy = 0; copy < copies; ++copy) {
    int64_t at_us = now_us + draw_latency_us(prng);
    const bool reordered = faults_.reorder > 0 && prng.chance(faults_.reorder);
    if (!reordered) at_us = std::max(at_us, last);
    last = std::max(last, at_us);
    delivery.times_us[delivery.count++] = at_us;
  }
  return delivery;
}

Network::Handshake Network::handshake(EndpointId from, EndpointId to, Prng& prng) {
  if (!connected(from, to) || !connected(to, from)) return {};
  for (int segment = 0; segment < 2; ++segment) {
    if (faults_.loss > 0 && prng.chance(faults_.loss)) return {};
  }
  const int64_t syn_us = draw_latency_us(prng);
  return {true, syn_us + draw_latency_us(prng)};
}

void Network::partition(const std::vector<std::vector<EndpointId>>& groups) {
  for (size_t a = 0; a < groups.size(); ++a) {
    for (size_t b = 0; b < groups.size(); ++b) {
      if (a == b) continue;
      for (EndpointId x : groups[a]) {
        for (EndpointId y : groups[b]) {
          if (x != y) cut_.insert({x, y});
        }
      }
    }
  }
}

std::vector<Network::Link> Network::heal() {
  std::vector<Link> healed(cut_.begin(), cut_.end());
  cut_.clear();
  return healed;
}

}  // namespace zk::sim
