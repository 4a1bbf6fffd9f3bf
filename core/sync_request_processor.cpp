// Group commit: one fsync in flight, the rest batched behind it (see the header).
#include "core/sync_request_processor.h"

#include <algorithm>
#include <utility>

#include "core/invariant.h"

namespace zk {
namespace {

// SplitMix64's output function: the k-th draw of a seed's sequence is mix(seed + k * gamma).
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

SyncRequestProcessor::SyncRequestProcessor(size_t max_batch, int64_t snap_count, uint64_t snap_roll_seed)
    : max_batch_(max_batch), snap_count_(std::max(snap_count, kMinSnapCount)), snap_roll_seed_(snap_roll_seed) {
  reset_snapshot_stats();  // SyncRequestProcessor.run starts with one
}

void SyncRequestProcessor::reset_snapshot_stats() {
  const uint64_t draw = mix64(snap_roll_seed_ + ++snap_rolls_drawn_ * 0x9e3779b97f4a7c15ULL);
  rand_roll_ = static_cast<int64_t>(draw % static_cast<uint64_t>(snap_count_ / 2));  // nextInt(snapCount / 2)
}

void SyncRequestProcessor::request(Zxid token, Outbox& out) {
  waiting_.push_back(token);
  if (in_flight_.empty()) start(out);
}

std::vector<Zxid> SyncRequestProcessor::take_completed(Zxid token) {
  ZK_INVARIANT(!in_flight_.empty() && in_flight_.back() == token);
  return std::exchange(in_flight_, {});
}

void SyncRequestProcessor::finish(std::vector<Zxid>&& batch, Outbox& out) {
  batch.clear();
  if (!in_flight_.empty()) return;  // a request while the batch was handled started one
  in_flight_ = std::move(batch);     // keeps its capacity
  if (!waiting_.empty()) start(out);
}

void SyncRequestProcessor::start(Outbox& out) {
  ZK_INVARIANT(in_flight_.empty() && !waiting_.empty());
  const size_t count = std::min(waiting_.size(), std::max<size_t>(1, max_batch_));
  in_flight_.assign(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(count));
  waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(count));
  out.push(FsyncEffect{in_flight_.back()});
}

int64_t SyncRequestProcessor::unflushed_txns() const {
  const auto txns = [](const std::vector<Zxid>& tokens) {
    return std::count_if(tokens.begin(), tokens.end(), [](Zxid z) { return !is_epoch_marker(z); });
  };
  return static_cast<int64_t>(txns(in_flight_) + txns(waiting_));
}

}  // namespace zk
