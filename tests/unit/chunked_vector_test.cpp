// ChunkedVector: a copy shares full chunks but never sees the other side's changes;
// truncate / drop_front / push_back agree with a std::vector doing the same.
#include "core/chunked_vector.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace zk {
namespace {

using Small = ChunkedVector<std::string, 2>;  // chunks of 4: every path crosses chunk edges

std::vector<std::string> as_vector(const Small& v) { return std::vector<std::string>(v.begin(), v.end()); }

Small filled(int count) {
  Small v;
  for (int i = 0; i < count; ++i) v.push_back(std::to_string(i));
  return v;
}

TEST_CASE("chunked vector: push_back, index and iterate across chunks") {
  const Small v = filled(11);
  REQUIRE(v.size() == 11);
  CHECK(v.front() == "0");
  CHECK(v.back() == "10");
  CHECK(v[4] == "4");
  CHECK(v[7] == "7");
  CHECK(as_vector(v) == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"});
  CHECK(std::vector<std::string>(v.rbegin(), v.rend()).front() == "10");
  CHECK(v.end() - v.begin() == 11);
  const auto it = std::partition_point(v.begin(), v.end(), [](const std::string& s) { return std::stoi(s) < 6; });
  CHECK(it.index() == 6);
}

TEST_CASE("chunked vector: a copy is independent of the original") {
  Small original = filled(9);
  Small copy = original;
  CHECK(copy == original);
  copy.mutable_at(1) = "changed";  // inside a shared chunk: copied first
  copy.push_back("new");
  original.mutable_at(8) = "tail";  // in the original's own tail
  CHECK(original[1] == "1");
  CHECK(original.size() == 9);
  CHECK(copy[1] == "changed");
  CHECK(copy[8] == "8");
  CHECK(copy.back() == "new");
  CHECK_FALSE(copy == original);
}

TEST_CASE("chunked vector: truncate and drop_front agree with a vector") {
  for (int length = 0; length <= 13; ++length) {
    for (int cut = 0; cut <= length; ++cut) {
      Small v = filled(length);
      const Small before = v;
      std::vector<std::string> expected = as_vector(v);
      v.truncate(static_cast<size_t>(cut));
      expected.resize(static_cast<size_t>(cut));
      CHECK(as_vector(v) == expected);
      v.push_back("x");
      expected.push_back("x");
      CHECK(as_vector(v) == expected);
      CHECK(before.size() == static_cast<size_t>(length));  // the copy kept everything

      Small w = filled(length);
      std::vector<std::string> kept = as_vector(w);
      w.drop_front(static_cast<size_t>(cut));
      kept.erase(kept.begin(), kept.begin() + cut);
      CHECK(as_vector(w) == kept);
      for (int extra = 0; extra < 5; ++extra) {
        w.push_back("y" + std::to_string(extra));
        kept.push_back("y" + std::to_string(extra));
      }
      CHECK(as_vector(w) == kept);
      w.truncate(kept.size() / 2);
      kept.resize(kept.size() / 2);
      CHECK(as_vector(w) == kept);
    }
  }
}

TEST_CASE("chunked vector: equality compares elements, not sharing") {
  Small a = filled(10);
  Small b = filled(10);
  CHECK(a == b);
  b.mutable_at(9) = "other";
  CHECK_FALSE(a == b);
  Small c = filled(12);
  c.drop_front(2);
  Small d;
  for (int i = 2; i < 12; ++i) d.push_back(std::to_string(i));
  CHECK(c == d);
}

}  // namespace
}  // namespace zk
