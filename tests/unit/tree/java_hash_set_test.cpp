// JavaStringHashSet against java.util.HashSet<String>: hash codes computed by hand, orders
// and table lengths observed with OpenJDK 17 through tools/java_hash_set_order (the same
// add/remove/clone sequences).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/java_hash_set.h"

namespace zk {
namespace {

using Paths = std::vector<std::string>;

JavaStringHashSet set_of(const Paths& adds) {
  JavaStringHashSet set;
  for (const std::string& path : adds) CHECK(set.add(path));
  return set;
}

Paths letters(const std::string& prefix, std::string_view chars) {
  Paths paths;
  for (char c : chars) paths.push_back(prefix + c);
  return paths;
}

// "/e/" + 4 blocks of "Aa" or "BB": all 16 share one String.hashCode ("Aa" and "BB" do).
Paths colliding_paths() {
  Paths paths;
  for (int bits = 0; bits < 16; ++bits) {
    std::string path = "/e/";
    for (int block = 3; block >= 0; --block) path += (bits >> block & 1) != 0 ? "BB" : "Aa";
    paths.push_back(path);
  }
  return paths;
}

}  // namespace

TEST_CASE("String.hashCode over UTF-16 code units") {
  CHECK(java_string_hash_code("") == 0);
  CHECK(java_string_hash_code("abc") == 96354);  // 97*31*31 + 98*31 + 99
  CHECK(java_string_hash_code("Aa") == java_string_hash_code("BB"));
  CHECK(java_string_hash_code("/e/a") == 1498792);
  CHECK(java_string_hash_code("\xc3\xa9") == 233);  // é is one unit, U+00E9
  // U+1F600 is the surrogate pair D83D DE00: 0xD83D * 31 + 0xDE00.
  CHECK(java_utf16_units("\xf0\x9f\x98\x80") == std::vector<char16_t>{0xD83D, 0xDE00});
  CHECK(java_string_hash_code("\xf0\x9f\x98\x80") == 1772899);
  // Malformed input decodes to U+FFFD as in Java: one per broken-off sequence, one per
  // encoded surrogate, one per stray byte.
  CHECK(java_string_hash_code("\xff") == 0xFFFD);
  CHECK(java_utf16_units("a\xc3") == std::vector<char16_t>{u'a', 0xFFFD});
  CHECK(java_utf16_units("\xe2\x82" "A") == std::vector<char16_t>{0xFFFD, u'A'});
  CHECK(java_utf16_units("\xf0\x9f\x98" "A") == std::vector<char16_t>{0xFFFD, u'A'});
  CHECK(java_utf16_units("\xed\xa0\x80") == std::vector<char16_t>{0xFFFD});
  CHECK(java_utf16_units("\xc0\x80") == std::vector<char16_t>{0xFFFD, 0xFFFD});
  CHECK(java_utf16_units("\xe0\x80" "A") == std::vector<char16_t>{0xFFFD, 0xFFFD, u'A'});
  CHECK(java_utf16_units("\xf4\x90\x80\x80") == std::vector<char16_t>{0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD});
  // Wrap-around is Java int arithmetic: "/e/AaAaAaAa" overflows into the sign bit.
  CHECK(java_string_hash_code("/e/AaAaAaAa") == static_cast<int32_t>(3478164697U));
}

TEST_CASE("a default HashSet iterates by bucket, not by name") {
  const JavaStringHashSet set = set_of(letters("/e/", "abcdefghijklmnopqrstuvwxyz"));
  CHECK(set.table_length() == 64);  // 16 -> 32 at the 13th add -> 64 at the 25th
  CHECK(set.iteration_order() == Paths{"/e/y", "/e/z", "/e/o", "/e/p", "/e/m", "/e/n", "/e/k", "/e/l", "/e/i",
                                       "/e/j", "/e/w", "/e/x", "/e/u", "/e/v", "/e/s", "/e/t", "/e/q", "/e/r",
                                       "/e/g", "/e/h", "/e/e", "/e/f", "/e/c", "/e/d", "/e/a", "/e/b"});
  CHECK(set.order_exact());
  CHECK(set.clone().iteration_order() == set.iteration_order());
  CHECK(set.clone().table_length() == 64);  // (int)(26 / 0.75f + 1) = 35 -> 64
}

TEST_CASE("removals keep the grown table, a clone is sized for what is left") {
  JavaStringHashSet set = set_of(letters("/e/", "abcdefghijklm"));
  CHECK(set.table_length() == 32);
  CHECK(set.iteration_order() == Paths{"/e/m", "/e/k", "/e/l", "/e/i", "/e/j", "/e/g", "/e/h", "/e/e", "/e/f",
                                       "/e/c", "/e/d", "/e/a", "/e/b"});
  for (const std::string& path : letters("/e/", "abcdefghij")) CHECK(set.remove(path));
  CHECK_FALSE(set.remove("/e/a"));
  CHECK(set.size() == 3);
  CHECK(set.table_length() == 32);
  CHECK(set.iteration_order() == Paths{"/e/m", "/e/k", "/e/l"});
  const JavaStringHashSet copy = set.clone();
  CHECK(copy.table_length() == 8);  // (int)(3 / 0.75f + 1) = 5 -> 8
  CHECK(copy.iteration_order() == Paths{"/e/m", "/e/k", "/e/l"});
  CHECK(copy.same_keys(set));
}

TEST_CASE("the clone can iterate in another order than its source") {
  JavaStringHashSet set = set_of(letters("/e/", "abcdefghijkly"));
  CHECK(set.iteration_order() == Paths{"/e/k", "/e/l", "/e/i", "/e/j", "/e/y", "/e/g", "/e/h", "/e/e", "/e/f",
                                       "/e/c", "/e/d", "/e/a", "/e/b"});
  for (const std::string& path : letters("/e/", "abdefghijkl")) CHECK(set.remove(path));
  CHECK(set.iteration_order() == Paths{"/e/y", "/e/c"});
  JavaStringHashSet copy = set.clone();
  CHECK(copy.table_length() == 4);
  CHECK(copy.iteration_order() == Paths{"/e/c", "/e/y"});
  CHECK(copy.add("/e/q"));  // same bin as /e/y in 4 bins: appended behind it
  CHECK_FALSE(copy.add("/e/q"));
  CHECK(copy.iteration_order() == Paths{"/e/c", "/e/y", "/e/q"});
  CHECK(set.iteration_order() == Paths{"/e/y", "/e/c"});  // the source is untouched
}

TEST_CASE("clone table lengths follow HashMap.putMapEntries") {
  CHECK(JavaStringHashSet().clone().table_length() == 0);
  CHECK(set_of({"/x"}).clone().table_length() == 2);
  CHECK(set_of({"/a", "/b"}).clone().table_length() == 4);
  CHECK(set_of(letters("/e/", "abcdefghijkl")).clone().table_length() == 32);  // 12 / 0.75 + 1 = 17
  CHECK(set_of(letters("/e/", "abcdefghijk")).clone().table_length() == 16);   // 11 / 0.75 + 1 = 15.67
  JavaStringHashSet empty;
  CHECK(empty.add("/x"));
  CHECK(empty.table_length() == 16);
}

TEST_CASE("a long bin in a small table doubles it, in a table of 64 it would treeify") {
  const Paths paths = colliding_paths();
  JavaStringHashSet set;
  for (size_t i = 0; i < 8; ++i) CHECK(set.add(paths[i]));
  CHECK(set.table_length() == 16);
  CHECK(set.add(paths[8]));  // the bin held 8: treeifyBin resizes a table below 64
  CHECK(set.table_length() == 32);
  CHECK(set.add(paths[9]));
  CHECK(set.table_length() == 64);
  CHECK(set.order_exact());
  // Insertion order within the one bin.
  CHECK(set.iteration_order() == Paths(paths.begin(), paths.begin() + 10));
  // /e/x lands after the bin in 64 bins; removing keeps the rest in order.
  CHECK(set.add("/e/x"));
  CHECK(set.remove(paths[3]));
  Paths expected(paths.begin(), paths.begin() + 10);
  expected.erase(expected.begin() + 3);
  expected.push_back("/e/x");
  CHECK(set.iteration_order() == expected);
  // The clone (10 keys, 16 bins) doubles twice: at the 9th colliding key and when /e/x joins
  // their bin in 32 bins.
  const JavaStringHashSet copy = set.clone();
  CHECK(copy.table_length() == 64);
  CHECK(copy.iteration_order() == expected);
  // An 11th key in that bin: Java now makes it a tree; the model says its order is unsure.
  JavaStringHashSet tree = set;
  CHECK(tree.add(paths[10]));
  CHECK(tree.add(paths[11]));
  CHECK_FALSE(tree.order_exact());
  CHECK(tree.clone().order_exact() == false);
}

}  // namespace zk
