// BlockVector (a data tree's node storage): elements never move as it grows, copies are
// deep and independent, and every element survives crossing block edges; ServerSet (a
// proposal's acks) counts each server once.
#include "core/block_vector.h"
#include "core/server_set.h"

#include <doctest/doctest.h>

#include <string>

namespace zk {
namespace {

using Small = BlockVector<std::string, 2>;  // blocks of 4: every test crosses block edges

TEST_CASE("block vector: elements keep their place while it grows") {
  Small v;
  v.push_back(std::string("zero"));
  const std::string* first = &v[0];
  for (int i = 1; i < 11; ++i) v.push_back(std::to_string(i));
  REQUIRE(v.size() == 11);
  CHECK(&v[0] == first);  // a std::vector would have moved it
  CHECK(v[0] == "zero");
  CHECK(v[4] == "4");
  CHECK(v[10] == "10");
  std::string& fresh = v.emplace_back();
  CHECK(fresh.empty());
  CHECK(v.size() == 12);
}

TEST_CASE("block vector: copies are deep and independent, partial last block included") {
  Small original;
  for (int i = 0; i < 6; ++i) original.push_back(std::to_string(i));
  Small copy = original;
  copy[1] = "changed";
  copy.push_back(std::string("copy only"));
  original[5] = "original only";
  CHECK(original.size() == 6);
  CHECK(copy.size() == 7);
  CHECK(original[1] == "1");
  CHECK(copy[1] == "changed");
  CHECK(copy[5] == "5");
  CHECK(copy[6] == "copy only");
  CHECK(original[5] == "original only");
  Small assigned;
  assigned.push_back(std::string("gone"));
  assigned = original;
  CHECK(assigned.size() == 6);
  CHECK(assigned[0] == "0");
}

TEST_CASE("server set: each id counts once, and membership is exact") {
  ServerSet acks;
  CHECK(acks.empty());
  CHECK(acks.insert(3));
  CHECK_FALSE(acks.insert(3));
  CHECK(acks.insert(1));
  CHECK(acks.insert(255));
  CHECK(acks.insert(64));
  CHECK(acks.size() == 4);
  CHECK(acks.contains(64));
  CHECK_FALSE(acks.contains(63));
  CHECK_FALSE(acks.contains(2));
  CHECK_FALSE(acks.contains(256));
  ServerSet same;
  for (ServerId id : {255, 64, 1, 3}) same.insert(id);
  CHECK(same == acks);
}

}  // namespace
}  // namespace zk
