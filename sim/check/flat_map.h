// FlatMap / FlatSet: sorted vectors with the few map/set operations the invariant checker
// needs. Its tables are keyed by zxid and filled almost always in increasing order, so an
// insert is an append, and a copy (every GUI checkpoint copies the checker) is one block
// copy instead of one allocation per node as with std::map.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

namespace zk::sim {

// lower_bound over a sorted vector, galloping from the back: the keys these tables look up
// are almost always among the newest (another server applying the zxid the first one
// recorded, a reply a moment out of order), so this costs O(log distance from the end).
template <typename Element, typename Key, typename Less>
typename std::vector<Element>::const_iterator gallop_lower_bound(const std::vector<Element>& sorted, const Key& key,
                                                                 Less less) {
  size_t hi = sorted.size();
  size_t step = 1;
  while (hi >= step && !less(sorted[hi - step], key)) {
    hi -= step;
    step *= 2;
  }
  const size_t lo = hi >= step ? hi - step : 0;
  return std::lower_bound(sorted.begin() + static_cast<std::ptrdiff_t>(lo),
                          sorted.begin() + static_cast<std::ptrdiff_t>(hi), key, less);
}

// The tables' keys are zxids: within an epoch they are consecutive integers, so the entry
// for a key d below the newest is usually d places from the end. That slot is tried first
// (one comparison); anything else gallops.
template <typename Element, typename Key, typename KeyOf, typename Less>
typename std::vector<Element>::const_iterator dense_lower_bound(const std::vector<Element>& sorted, const Key& key,
                                                                KeyOf key_of, Less less) {
  static_assert(std::is_integral_v<Key>);
  if (!sorted.empty()) {
    using Unsigned = std::make_unsigned_t<Key>;
    const Key newest = key_of(sorted.back());
    const Unsigned distance = static_cast<Unsigned>(newest) - static_cast<Unsigned>(key);  // no overflow
    if (key <= newest && distance < sorted.size()) {
      const auto guess = sorted.end() - 1 - static_cast<std::ptrdiff_t>(distance);
      if (key_of(*guess) == key) return guess;
    }
  }
  return gallop_lower_bound(sorted, key, less);
}

template <typename Key, typename Value>
class FlatMap {
 public:
  using Entry = std::pair<Key, Value>;
  using iterator = typename std::vector<Entry>::iterator;
  using const_iterator = typename std::vector<Entry>::const_iterator;

  // Inserts (key, value) unless key is present; returns the entry and whether it was new.
  std::pair<iterator, bool> try_emplace(const Key& key, Value value) {
    if (entries_.empty() || entries_.back().first < key) {
      entries_.emplace_back(key, std::move(value));
      return {std::prev(entries_.end()), true};
    }
    auto it = lower(key);
    if (it != entries_.end() && it->first == key) return {it, false};
    return {entries_.insert(it, Entry(key, std::move(value))), true};
  }
  bool contains(const Key& key) const {
    const auto it = search(key);
    return it != entries_.end() && it->first == key;
  }
  // Drops every entry whose key is below `key` (the checker forgets what no server can
  // apply again).
  void erase_below(const Key& key) { entries_.erase(entries_.begin(), lower(key)); }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  size_t size() const { return entries_.size(); }

 private:
  const_iterator search(const Key& key) const {
    return dense_lower_bound(
        entries_, key, [](const Entry& e) { return e.first; }, [](const Entry& e, const Key& k) { return e.first < k; });
  }
  iterator lower(const Key& key) { return entries_.begin() + (search(key) - entries_.cbegin()); }
  std::vector<Entry> entries_;
};

template <typename Key>
class FlatSet {
 public:
  using const_iterator = typename std::vector<Key>::const_iterator;
  void insert(const Key& key) {
    if (keys_.empty() || keys_.back() < key) {
      keys_.push_back(key);
      return;
    }
    const auto it = search(key);
    if (it == keys_.end() || *it != key) keys_.insert(it, key);
  }
  bool contains(const Key& key) const {
    const auto it = search(key);
    return it != keys_.end() && *it == key;
  }
  void erase_below(const Key& key) { keys_.erase(keys_.begin(), search(key)); }
  const_iterator begin() const { return keys_.begin(); }
  const_iterator end() const { return keys_.end(); }
  auto rbegin() const { return keys_.rbegin(); }
  auto rend() const { return keys_.rend(); }
  size_t size() const { return keys_.size(); }

 private:
  const_iterator search(const Key& key) const {
    return dense_lower_bound(keys_, key, [](const Key& k) { return k; }, std::less<Key>{});
  }
  std::vector<Key> keys_;  // ascending, unique
};

}  // namespace zk::sim
