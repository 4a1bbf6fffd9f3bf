// JavaStringHashSet: a model of java.util.HashSet<String> (a HashMap<String, Object> inside)
// that reproduces its iteration order exactly. ZooKeeper deletes a closed session's
// ephemerals in the iteration order of such a set (DataTree's per-session set, cloned in
// PrepRequestProcessor), so zksim keeps each session's set as this model, fed by the same
// adds and removes in the same order, and iterates it the way Java does.
//
// What decides Java's order, all modelled here: String.hashCode over UTF-16 code units (a
// UTF-8 path is decoded first as Java's new String(bytes, UTF_8) does, malformed input
// included, since the server decodes the wire bytes that way), HashMap.hash's spread
// h ^ (h >>> 16), the table length (16 on the first add of a default set; HashMap.clone
// sizes its table from the source's size; doubling when size exceeds 0.75 of it; a bin
// reaching 9 entries in a table shorter than 64 doubles it too; the table never shrinks),
// the bucket index hash & (length - 1), new entries appended at their bin's tail, resizes
// splitting each bin in order. Iteration walks the bins in index order, each bin front to
// back.
//
// Not modelled: a bin of 9+ entries in a table of 64+ becomes a red-black tree, whose list
// order puts the tree's root first. The model keeps plain list order then and sets
// order_exact() to false for good (it takes 9 paths whose spread hashes agree in their low 6+
// bits in one session's set). Copies are deep values; everything is deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zk {

// Java's String.hashCode of the UTF-16 form of `utf8` (s[0]*31^(n-1) + ... + s[n-1], int
// arithmetic that wraps).
int32_t java_string_hash_code(std::string_view utf8);
// The UTF-16 code units of new String(utf8 bytes, UTF_8) in Java (malformed input becomes
// U+FFFD the way Java's decoder replaces it).
std::vector<char16_t> java_utf16_units(std::string_view utf8);

class JavaStringHashSet {
 public:
  // new HashSet<String>(): no table until the first add, which allocates 16 bins.
  JavaStringHashSet() = default;
  // new HashSet<String>(collection): a table for max(size / 0.75 + 1, 16) keys, filled with
  // `keys` in the order given (the collection's iteration order).
  static JavaStringHashSet copy_of(const std::vector<std::string>& keys);

  // HashSet.add: false (and no change) when `key` is present.
  bool add(std::string_view key);
  // HashSet.remove: false when `key` is absent. Never shrinks the table.
  bool remove(std::string_view key);
  bool contains(std::string_view key) const;
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The bin count (0 before the first add); a power of two.
  size_t table_length() const { return table_.size(); }
  // HashSet.clone (HashMap.clone): a table sized for size() alone, filled in this set's
  // iteration order.
  JavaStringHashSet clone() const;
  // The keys in Java's iteration order.
  std::vector<std::string> iteration_order() const;
  // False once some bin would have been treeified (see the header): the order may differ.
  bool order_exact() const { return order_exact_; }

  // Same keys, whatever the history.
  bool same_keys(const JavaStringHashSet& other) const;

 private:
  struct Entry {
    int32_t hash = 0;  // HashMap.hash(key): the spread hashCode
    std::string key;
  };
  static int32_t spread_hash(std::string_view key);
  size_t bin_of(int32_t hash) const { return static_cast<uint32_t>(hash) & (table_.size() - 1); }
  // HashMap.resize: allocate (from threshold_ or the default) or double, splitting bins.
  void resize();

  std::vector<std::vector<Entry>> table_;
  size_t size_ = 0;
  // HashMap.threshold: the size beyond which the table doubles; before the table exists,
  // the length to allocate (0: the default 16).
  int64_t threshold_ = 0;
  bool order_exact_ = true;
};

}  // namespace zk
