// BlockVector: a growable array of T in fixed-size blocks, for storage that grows to
// millions of elements (a data tree's znodes). Unlike std::vector, growing never moves
// the elements already stored: a new block is added instead, so references stay valid
// across push_back and a large tree is never copied into a fresh allocation twice its
// size (which also touched every page of it again). Indexing is a shift and a mask. It is
// a value: copies are deep and independent. Bounded by kMaxBlocks blocks.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
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
  T& operator[](size_t i) { return (*blocks_[i >> kBlockBits])[i & (kBlockSize - 1)]; }
  const T& operator[](size_t i) const { return (*blocks_[i >> kBlockBits])[i & (kBlockSize - 1)]; }

  // Appends a value-initialized element and returns it.
  T& emplace_back() {
    if (size_ == blocks_.size() * kBlockSize) {
      ZK_INVARIANT(blocks_.size() < kMaxBlocks);
      blocks_.push_back(std::make_unique<Block>());
    }
    T& slot = (*this)[size_];
    slot = T{};
    ++size_;
    return slot;
  }
  void push_back(T&& value) { emplace_back() = std::move(value); }
  void push_back(const T& value) { emplace_back() = value; }

 private:
  using Block = std::array<T, kBlockSize>;

  // Copies only the elements in use (a fresh tree's one block holds four znodes).
  void copy_from(const BlockVector& other) {
    blocks_.clear();
    blocks_.reserve(other.blocks_.size());
    for (size_t b = 0; b < other.blocks_.size(); ++b) {
      auto& block = *blocks_.emplace_back(std::make_unique<Block>());
      const size_t used = std::min(kBlockSize, other.size_ - b * kBlockSize);
      std::copy_n(other.blocks_[b]->begin(), used, block.begin());
    }
    size_ = other.size_;
  }

  std::vector<std::unique_ptr<Block>> blocks_;
  size_t size_ = 0;
};

}  // namespace zk
