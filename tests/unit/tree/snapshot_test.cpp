// Snapshots: round trips, rejection of damaged bytes, and the replica property test
// (random txn streams, one replica restored from a snapshot half way, digests and bytes
// equal after every txn).
#include "core/snapshot.h"

#include <doctest/doctest.h>

#include "tests/unit/tree/tree_harness.h"

using namespace zk;
using zk::test::kSessionA;
using zk::test::kSessionB;
using zk::test::TreeHarness;

namespace {

// splitmix64 with a fixed seed: the same stream on every run.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t state_;
};

std::string random_path(SplitMix64& rng) {
  std::string path = "/n" + std::to_string(rng.below(4));
  if (rng.below(2) == 0) path += "/c" + std::to_string(rng.below(3));
  if (rng.below(4) == 0) path += "/g" + std::to_string(rng.below(2));
  return path;
}

constexpr CreateMode kModes[] = {CreateMode::kPersistent, CreateMode::kEphemeral, CreateMode::kPersistentSequential,
                                 CreateMode::kContainer};

MultiOp random_op(SplitMix64& rng) {
  const std::string path = random_path(rng);
  const int32_t version = rng.below(3) == 0 ? static_cast<int32_t>(rng.below(3)) : -1;
  switch (rng.below(3)) {
    case 0: return CreateRequest{path, std::to_string(rng.next()), kModes[rng.below(4)], -1};
    case 1: return DeleteRequest{path, version};
    default: return SetDataRequest{path, std::string(rng.below(20), 'x'), version};
  }
}

Request random_request(SplitMix64& rng, SessionId* session) {
  constexpr SessionId kSessions[] = {0x101, 0x102, 0x103};
  *session = kSessions[rng.below(3)];
  const uint64_t kind = rng.below(20);
  if (kind == 0) return CreateSessionRequest{static_cast<int64_t>(4000 + 2000 * rng.below(5))};
  if (kind == 1) return CloseSessionRequest{};
  if (kind < 4) {
    MultiRequest multi;
    const uint64_t count = 1 + rng.below(3);
    for (uint64_t i = 0; i < count; ++i) multi.ops.push_back(random_op(rng));
    return multi;
  }
  return std::visit([](auto&& op) -> Request { return op; }, random_op(rng));
}

// A txn stream as a leader would produce it: prepare then apply, one at a time.
std::vector<Txn> random_txns(uint64_t seed, size_t count) {
  SplitMix64 rng(seed);
  TreeHarness h;
  for (const SessionId s : {0x101, 0x102, 0x103}) h.connect(s);
  std::vector<Txn> txns;
  for (size_t i = 0; i < count; ++i) {
    SessionId session = 0;
    const Request request = random_request(rng, &session);
    txns.push_back(h.write(request, session).txn);
  }
  return txns;
}

}  // namespace

TEST_CASE("snapshot round trip keeps every node, stat, counter and session") {
  TreeHarness h;
  h.connect(kSessionA, 12000);
  h.connect(kSessionB, 8000);
  h.create("/a", CreateMode::kPersistent, std::string("bin\0ary", 7));
  h.create("/a/s", CreateMode::kPersistentSequential);
  h.write(DeleteRequest{"/a/s0000000000", -1});
  h.create("/e", CreateMode::kEphemeral, "", kSessionB);
  // What a reconfig writes (clients may not: the node is world:anyone:r).
  CHECK(h.write(SetDataRequest{"/zookeeper/config", "server.1=x", -1}).result.err == ErrorCode::kNoAuth);
  h.commit(Txn{TxnHeader{kSessionA, 0, h.next_zxid++, h.time_ms, OpCode::kSetData},
               SetDataTxn{"/zookeeper/config", "server.1=x", 0}});
  const std::string bytes = serialize_snapshot(h.tree);
  std::string error;
  const std::optional<DataTree> loaded = load_snapshot(bytes, &error);
  REQUIRE(loaded.has_value());
  CHECK(error.empty());
  CHECK(*loaded == h.tree);
  CHECK(loaded->digest() == h.tree.digest());
  CHECK(serialize_snapshot(*loaded) == bytes);
  CHECK(loaded->last_processed_zxid() == h.tree.last_processed_zxid());
  CHECK(loaded->ephemerals(kSessionB) == std::vector<std::string>{"/e"});
  CHECK(loaded->session_timeout_ms(kSessionA) == 12000);
  CHECK(loaded->get_data("/a").data == std::string("bin\0ary", 7));
  CHECK(loaded->exists("/a")->cversion == 2);
  // The internal counter survives: the next sequential child is number 1.
  TreeHarness after;
  after.tree = *loaded;
  after.next_zxid = h.next_zxid;
  CHECK(after.create("/a/s", CreateMode::kPersistentSequential).result.created_path == "/a/s0000000001");
}

TEST_CASE("damaged snapshots are rejected with a reason") {
  TreeHarness h;
  h.connect(kSessionA);
  h.create("/a", CreateMode::kPersistent, "data");
  const std::string bytes = serialize_snapshot(h.tree);
  std::string error;
  std::string flipped = bytes;
  flipped[20] = static_cast<char>(flipped[20] ^ 0x40);
  CHECK_FALSE(load_snapshot(flipped, &error).has_value());
  CHECK(error == "snapshot checksum mismatch");
  CHECK_FALSE(load_snapshot(std::string_view(bytes).substr(0, bytes.size() - 1), &error).has_value());
  CHECK(error == "snapshot checksum mismatch");
  CHECK_FALSE(load_snapshot("", &error).has_value());
  CHECK(error == "snapshot truncated");
  CHECK_FALSE(load_snapshot("ZKSNAP0", nullptr).has_value());
  // Every prefix fails cleanly.
  for (size_t len = 0; len < bytes.size(); ++len) CHECK_FALSE(load_snapshot(bytes.substr(0, len), nullptr));
  CHECK(crc32("123456789") == 0xCBF43926U);
  // Eight bytes at a time, then the tail: zlib's values.
  CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339U);
  CHECK(crc32("") == 0U);
  CHECK(crc32(std::string(1000, 'a')) == 0x9A38DA03U);
}

TEST_CASE("replicas restored from a mid-stream snapshot stay byte-identical") {
  for (const uint64_t seed : {1ULL, 42ULL, 0xC0FFEEULL}) {
    const std::vector<Txn> txns = random_txns(seed, 400);
    DataTree full;
    DataTree first_half;
    const size_t half = txns.size() / 2;
    for (size_t i = 0; i < half; ++i) {
      full.apply(txns[i]);
      first_half.apply(txns[i]);
    }
    std::string error;
    std::optional<DataTree> restored = load_snapshot(serialize_snapshot(first_half), &error);
    REQUIRE(restored.has_value());
    CHECK(restored->digest() == full.digest());
    CHECK(restored->check_invariants() == std::nullopt);
    size_t mismatches = 0;
    for (size_t i = half; i < txns.size(); ++i) {
      const ApplyResult a = full.apply(txns[i]);
      const ApplyResult b = restored->apply(txns[i]);
      if (a.err != b.err || a.changes != b.changes || full.digest() != restored->digest()) ++mismatches;
      if (restored->check_invariants()) ++mismatches;
    }
    CHECK(mismatches == 0);
    CHECK(serialize_snapshot(full) == serialize_snapshot(*restored));
    CHECK(full == *restored);
    CHECK(full.node_count() > 6);  // the stream really built something
    // A different content gives a different digest.
    DataTree changed = full;
    changed.apply(
        Txn{{0x101, 0, full.last_processed_zxid() + 1, 1, OpCode::kSetData}, SetDataTxn{"/zookeeper/quota", "q", 1}});
    CHECK(changed.digest() != full.digest());
    CHECK_FALSE(changed == full);
  }
}

TEST_CASE("digest depends on content, not on history") {
  // Same final content reached by different txn sequences: equal digests.
  TreeHarness one;
  one.connect(kSessionA);
  TreeHarness two;
  two.connect(kSessionA);
  one.create("/x");
  two.create("/x");
  CHECK(one.tree.digest() == two.tree.digest());
  two.write(SetDataRequest{"/x", "", -1});  // same bytes, but version and mzxid move
  CHECK(one.tree.digest() != two.tree.digest());
}
