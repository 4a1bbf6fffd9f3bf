// BlockVector: a growable array of T in blocks of kBlockSize elements, for storage that
// grows to millions of elements (a data tree's znodes). Unlike std::vector, growing never
// moves the elements already stored: a new block is added instead, so references stay
// valid across push_back and a large tree is never copied into a fresh allocation twice
// its size (which also touched every page of it again). A block's memory is reserved, not
// initialized, so a small tree touches only what it uses. Indexing is a shift and a mask.
// It is a value: copies are deep and independent.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "core/invariant.h"

namespace zk {

template <typename T, size_t kBlockBits = 8>
class BlockVector {
 public:
  static constexpr size_t kBlockSize = size_t{1} << kBlockBits;
  static constexpr size_t kMaxBlocks = size_t{1} << 24;

  BlockVector() = default;
  BlockVector(const BlockVector& other) { copy_from(other); }
  BlockVector& operator=(const BlockVector& other) {
    if (this != &other) copy_from(other);
    return *this;
  }
  BlockVector(BlockVector&&) noexcept = default;
  BlockVector& operator=(BlockVector&&) noexcept = default;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return blocks_[i >> kBlockBits][i & (kBlockSize - 1)]; }
  const T& operator[](size_t i) const { return blocks_[i >> kBlockBits][i & (kBlockSize - 1)]; }

  // Appends a value-initialized element and returns it.
  T& emplace_back() {
    if (blocks_.empty() || blocks_.back().size() == kBlockSize) {
      ZK_INVARIANT(blocks_.size() < kMaxBlocks);
      blocks_.emplace_back().reserve(kBlockSize);  // never reallocated after this
    }
    ++size_;
    return blocks_.back().emplace_back();
  }
  void push_back(T&& value) { emplace_back() = std::move(value); }
  void push_back(const T& value) { emplace_back() = value; }

 private:
  void copy_from(const BlockVector& other) {
    blocks_.clear();
    blocks_.reserve(other.blocks_.size());
    for (const std::vector<T>& block : other.blocks_) {
      std::vector<T>& copy = blocks_.emplace_back();
      copy.reserve(kBlockSize);
      copy.insert(copy.end(), block.begin(), block.end());
    }
    size_ = other.size_;
  }

  std::vector<std::vector<T>> blocks_;  // each with capacity kBlockSize
  size_t size_ = 0;
};

}  // namespace zk
