// The (parent, name) index under load: 1,500 creates under three parents grow it
// many times from its initial 64 slots; random deletes (backward-shift deletion) and
// re-creates of the same names then run against a std::set of the paths that should
// exist. After every step exists() must agree with the reference, a duplicate create must
// answer NODEEXISTS, and the tree's own audit (index, parents, digest) must pass.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "sim/world/prng.h"
#include "tests/unit/tree/tree_harness.h"

namespace zk::test {
namespace {

TEST_CASE("the child index stays exact through growth, deletes and re-creates") {
  TreeHarness h;
  h.connect(kSessionA);
  sim::Prng prng(4242);
  const std::vector<std::string> parents = {"/a", "/b", "/c"};
  std::set<std::string> live;
  for (const std::string& parent : parents) {
    REQUIRE(h.create(parent).result.err == ErrorCode::kOk);
    live.insert(parent);
  }
  std::vector<std::string> names;
  for (int i = 0; i < 1500; ++i) {
    names.push_back(parents[static_cast<size_t>(i) % parents.size()] + "/n" + std::to_string(i));
  }
  for (const std::string& path : names) {
    REQUIRE(h.create(path).result.err == ErrorCode::kOk);
    live.insert(path);
  }
  for (int step = 0; step < 2000; ++step) {
    const std::string& path = names[static_cast<size_t>(prng.uniform_int(0, static_cast<int64_t>(names.size()) - 1))];
    if (live.contains(path)) {
      if (prng.uniform_int(0, 3) == 0) {
        REQUIRE(h.create(path).result.err == ErrorCode::kNodeExists);
      } else {
        REQUIRE(h.write(DeleteRequest{path, -1}).result.err == ErrorCode::kOk);
        live.erase(path);
      }
    } else {
      REQUIRE(h.create(path).result.err == ErrorCode::kOk);
      live.insert(path);
    }
    REQUIRE(h.tree.exists(path).has_value() == live.contains(path));
  }
  for (const std::string& path : names) REQUIRE(h.tree.exists(path).has_value() == live.contains(path));
  CHECK(h.tree.node_count() == live.size() + 4);  // plus "/", /zookeeper, its quota and config
  CHECK(h.tree.check_invariants() == std::nullopt);
}

}  // namespace
}  // namespace zk::test
