// ChunkedVector: an append-mostly sequence whose copies share their full chunks. Histories
// that only grow (the trace, a client's operations, a transaction log) are copied with
// every World checkpoint the GUI keeps for time travel; with a plain vector each copy costs
// O(length), with this one O(length / kChunkSize) pointer copies plus one partial chunk.
// Elements live in fixed-size chunks held by shared_ptr; the last, partial chunk is owned
// outright. Changing an element inside a shared chunk copies that chunk first
// (copy-on-write), so copies never see each other's changes. Dropping a prefix (a snapshot
// makes old log entries unnecessary) keeps an offset into the first chunk instead of
// moving elements. References to elements do not survive push_back, truncate, drop_front or
// mutable_at (look an element up again after changing the sequence). Single-threaded like
// the World that owns it: copies may live on other threads only if neither side is changed
// concurrently.
#pragma once

#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

#include "core/invariant.h"

namespace zk {

template <typename T, size_t kChunkBits = 8>
class ChunkedVector {
 public:
  static constexpr size_t kChunkSize = size_t{1} << kChunkBits;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    const_iterator() = default;
    const_iterator(const ChunkedVector* owner, size_t index) : owner_(owner), index_(index) {}
    reference operator*() const { return (*owner_)[index_]; }
    pointer operator->() const { return &(*owner_)[index_]; }
    reference operator[](difference_type n) const { return (*owner_)[offset(n)]; }
    const_iterator& operator++() { ++index_; return *this; }
    const_iterator operator++(int) { const_iterator old = *this; ++index_; return old; }
    const_iterator& operator--() { --index_; return *this; }
    const_iterator operator--(int) { const_iterator old = *this; --index_; return old; }
    const_iterator& operator+=(difference_type n) { index_ = offset(n); return *this; }
    const_iterator& operator-=(difference_type n) { index_ = offset(-n); return *this; }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.index_ == b.index_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.index_ <=> b.index_; }
    size_t index() const { return index_; }

   private:
    size_t offset(difference_type n) const { return static_cast<size_t>(static_cast<difference_type>(index_) + n); }
    const ChunkedVector* owner_ = nullptr;
    size_t index_ = 0;
  };
  using iterator = const_iterator;  // elements change only through mutable_at()
  using value_type = T;
  using size_type = size_t;

  size_t size() const { return sealed_.size() * kChunkSize + tail_.size() - front_offset_; }
  bool empty() const { return size() == 0; }

  const T& operator[](size_t i) const {
    ZK_INVARIANT(i < size());
    const size_t raw = i + front_offset_;
    const size_t chunk = raw >> kChunkBits;
    if (chunk < sealed_.size()) return (*sealed_[chunk])[raw & (kChunkSize - 1)];
    return tail_[raw - sealed_.size() * kChunkSize];
  }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size()); }
  auto rbegin() const { return std::reverse_iterator<const_iterator>(end()); }
  auto rend() const { return std::reverse_iterator<const_iterator>(begin()); }

  // A writable element; a chunk shared with a copy is copied first.
  T& mutable_at(size_t i) {
    ZK_INVARIANT(i < size());
    const size_t raw = i + front_offset_;
    const size_t chunk = raw >> kChunkBits;
    if (chunk >= sealed_.size()) return tail_[raw - sealed_.size() * kChunkSize];
    std::shared_ptr<Chunk>& held = sealed_[chunk];
    if (held.use_count() != 1) held = std::make_shared<Chunk>(*held);
    return (*held)[raw & (kChunkSize - 1)];
  }

  void push_back(const T& value) { push_back(T(value)); }
  void push_back(T&& value) {
    if (tail_.capacity() < kChunkSize) tail_.reserve(kChunkSize);
    tail_.push_back(std::move(value));
    if (tail_.size() == kChunkSize) {
      sealed_.push_back(std::make_shared<Chunk>(std::move(tail_)));
      tail_ = Chunk();
    }
  }

  // Keeps the first `count` elements.
  void truncate(size_t count) {
    if (count >= size()) return;
    if (count == 0) {
      clear();
      return;
    }
    const size_t raw = count + front_offset_;
    const size_t chunk = raw >> kChunkBits;
    if (chunk >= sealed_.size()) {
      tail_.resize(raw - sealed_.size() * kChunkSize);
      return;
    }
    Chunk partial(sealed_[chunk]->begin(), sealed_[chunk]->begin() + static_cast<std::ptrdiff_t>(raw & (kChunkSize - 1)));
    sealed_.resize(chunk);
    tail_ = std::move(partial);
    if (sealed_.empty() && front_offset_ > 0) {
      tail_.erase(tail_.begin(), tail_.begin() + static_cast<std::ptrdiff_t>(front_offset_));
      front_offset_ = 0;
    }
  }
  void pop_back() { truncate(size() - 1); }

  // Drops the first `count` elements.
  void drop_front(size_t count) {
    if (count >= size()) {
      clear();
      return;
    }
    front_offset_ += count;
    const size_t whole_chunks = std::min(front_offset_ >> kChunkBits, sealed_.size());
    sealed_.erase(sealed_.begin(), sealed_.begin() + static_cast<std::ptrdiff_t>(whole_chunks));
    front_offset_ -= whole_chunks * kChunkSize;
    if (sealed_.empty() && front_offset_ > 0) {
      tail_.erase(tail_.begin(), tail_.begin() + static_cast<std::ptrdiff_t>(front_offset_));
      front_offset_ = 0;
    }
  }

  void clear() {
    sealed_.clear();
    tail_.clear();
    front_offset_ = 0;
  }

  friend bool operator==(const ChunkedVector& a, const ChunkedVector& b) {
    if (a.size() != b.size()) return false;
    if (a.front_offset_ == b.front_offset_ && a.sealed_ == b.sealed_) return a.tail_ == b.tail_;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }

 private:
  using Chunk = std::vector<T>;
  std::vector<std::shared_ptr<Chunk>> sealed_;  // each exactly kChunkSize elements
  Chunk tail_;                                  // fewer than kChunkSize elements
  size_t front_offset_ = 0;                     // dropped elements at the start of the first chunk
};

}  // namespace zk
