// JavaStringHashSet: java.util.HashMap's put/remove/resize/clone arithmetic on a table of
// bins kept as vectors (a bin's vector order is its linked-list order).
#include "core/java_hash_set.h"

#include <algorithm>

#include "core/invariant.h"

namespace zk {
namespace {

constexpr size_t kDefaultTableLength = 16;    // HashMap.DEFAULT_INITIAL_CAPACITY
constexpr float kLoadFactor = 0.75F;          // HashMap.DEFAULT_LOAD_FACTOR
constexpr size_t kTreeifyBinLength = 8;       // HashMap.TREEIFY_THRESHOLD
constexpr size_t kMinTreeifyTableLength = 64; // HashMap.MIN_TREEIFY_CAPACITY
constexpr int64_t kMaxTableLength = int64_t{1} << 30;  // HashMap.MAXIMUM_CAPACITY
constexpr char16_t kReplacement = 0xFFFD;

// HashMap.tableSizeFor: the least power of two >= wanted (1 for wanted <= 1).
int64_t table_size_for(int64_t wanted) {
  int64_t length = 1;
  while (length < wanted && length < kMaxTableLength) length <<= 1;
  return length;
}

// The length of the UTF-8 sequence a lead byte starts, and the least code point it may
// encode (shorter forms are overlong); 0 for a byte that cannot start one.
struct Utf8Lead {
  size_t length = 0;
  uint32_t min_code_point = 0;
  uint32_t bits = 0;
};
Utf8Lead utf8_lead(uint8_t byte) {
  if (byte < 0x80) return {1, 0, byte};
  if ((byte & 0xE0) == 0xC0) return {2, 0x80, byte & 0x1FU};
  if ((byte & 0xF0) == 0xE0) return {3, 0x800, byte & 0x0FU};
  if ((byte & 0xF8) == 0xF0) return {4, 0x10000, byte & 0x07U};
  return {};
}

}  // namespace

std::vector<char16_t> java_utf16_units(std::string_view utf8) {
  std::vector<char16_t> units;
  units.reserve(utf8.size());
  size_t i = 0;
  while (i < utf8.size()) {
    const Utf8Lead lead = utf8_lead(static_cast<uint8_t>(utf8[i]));
    bool valid = lead.length > 0 && i + lead.length <= utf8.size();
    uint32_t code_point = lead.bits;
    for (size_t k = 1; valid && k < lead.length; ++k) {
      const auto byte = static_cast<uint8_t>(utf8[i + k]);
      valid = (byte & 0xC0) == 0x80;
      code_point = (code_point << 6) | (byte & 0x3FU);
    }
    valid = valid && code_point >= lead.min_code_point && code_point <= 0x10FFFF &&
            (code_point < 0xD800 || code_point > 0xDFFF);
    if (!valid) {
      units.push_back(kReplacement);
      ++i;
      continue;
    }
    if (code_point >= 0x10000) {
      const uint32_t offset = code_point - 0x10000;
      units.push_back(static_cast<char16_t>(0xD800 + (offset >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + (offset & 0x3FF)));
    } else {
      units.push_back(static_cast<char16_t>(code_point));
    }
    i += lead.length;
  }
  return units;
}

int32_t java_string_hash_code(std::string_view utf8) {
  uint32_t hash = 0;  // unsigned: Java's int overflow wraps
  for (char16_t unit : java_utf16_units(utf8)) hash = 31U * hash + unit;
  return static_cast<int32_t>(hash);
}

int32_t JavaStringHashSet::spread_hash(std::string_view key) {
  const auto h = static_cast<uint32_t>(java_string_hash_code(key));
  return static_cast<int32_t>(h ^ (h >> 16));
}

void JavaStringHashSet::resize() {
  const auto old_length = static_cast<int64_t>(table_.size());
  int64_t new_length = 0;
  int64_t new_threshold = 0;
  if (old_length > 0) {
    if (old_length >= kMaxTableLength) {
      threshold_ = INT32_MAX;
      return;
    }
    new_length = old_length * 2;
    if (new_length < kMaxTableLength && old_length >= static_cast<int64_t>(kDefaultTableLength)) {
      new_threshold = threshold_ * 2;
    }
  } else if (threshold_ > 0) {
    new_length = threshold_;  // a clone's (or sized constructor's) first allocation
  } else {
    new_length = static_cast<int64_t>(kDefaultTableLength);
    new_threshold = static_cast<int64_t>(static_cast<float>(kDefaultTableLength) * kLoadFactor);
  }
  if (new_threshold == 0) {
    const float threshold = static_cast<float>(new_length) * kLoadFactor;
    new_threshold = new_length < kMaxTableLength ? static_cast<int64_t>(threshold) : INT32_MAX;
  }
  threshold_ = new_threshold;
  // Each old bin splits into bins j and j + old_length keeping its order; refilling the new
  // table in the old iteration order gives exactly that.
  std::vector<std::vector<Entry>> old = std::move(table_);
  table_.assign(static_cast<size_t>(new_length), {});
  for (std::vector<Entry>& bin : old) {
    for (Entry& entry : bin) table_[bin_of(entry.hash)].push_back(std::move(entry));
  }
}

bool JavaStringHashSet::add(std::string_view key) {
  const int32_t hash = spread_hash(key);
  if (table_.empty()) resize();
  std::vector<Entry>& bin = table_[bin_of(hash)];
  for (const Entry& entry : bin) {
    if (entry.hash == hash && entry.key == key) return false;
  }
  const size_t length_before = bin.size();
  bin.push_back({hash, std::string(key)});
  // putVal's treeifyBin: appending to a bin that held 8+ entries.
  if (length_before >= kTreeifyBinLength) {
    if (table_.size() < kMinTreeifyTableLength) {
      resize();
    } else {
      order_exact_ = false;
    }
  }
  ++size_;
  if (static_cast<int64_t>(size_) > threshold_) resize();
  return true;
}

bool JavaStringHashSet::remove(std::string_view key) {
  if (table_.empty()) return false;
  const int32_t hash = spread_hash(key);
  std::vector<Entry>& bin = table_[bin_of(hash)];
  auto it = std::find_if(bin.begin(), bin.end(),
                         [&](const Entry& entry) { return entry.hash == hash && entry.key == key; });
  if (it == bin.end()) return false;
  bin.erase(it);
  ZK_INVARIANT(size_ > 0);
  --size_;
  return true;
}

bool JavaStringHashSet::contains(std::string_view key) const {
  if (table_.empty()) return false;
  const int32_t hash = spread_hash(key);
  for (const Entry& entry : table_[bin_of(hash)]) {
    if (entry.hash == hash && entry.key == key) return true;
  }
  return false;
}

JavaStringHashSet JavaStringHashSet::clone() const {
  JavaStringHashSet copy;
  if (size_ == 0) return copy;
  // HashMap.putMapEntries into an empty map: threshold = tableSizeFor((int)(s / 0.75f + 1)),
  // float arithmetic as Java (8 to 17) does it.
  const float wanted = static_cast<float>(size_) / kLoadFactor + 1.0F;
  const int64_t wanted_length =
      wanted < static_cast<float>(kMaxTableLength) ? static_cast<int64_t>(wanted) : kMaxTableLength;
  copy.threshold_ = table_size_for(wanted_length);
  for (const std::vector<Entry>& bin : table_) {
    for (const Entry& entry : bin) copy.add(entry.key);
  }
  copy.order_exact_ = copy.order_exact_ && order_exact_;
  return copy;
}

std::vector<std::string> JavaStringHashSet::iteration_order() const {
  std::vector<std::string> keys;
  keys.reserve(size_);
  for (const std::vector<Entry>& bin : table_) {
    for (const Entry& entry : bin) keys.push_back(entry.key);
  }
  return keys;
}

bool JavaStringHashSet::same_keys(const JavaStringHashSet& other) const {
  if (size_ != other.size_) return false;
  for (const std::vector<Entry>& bin : table_) {
    for (const Entry& entry : bin) {
      if (!other.contains(entry.key)) return false;
    }
  }
  return true;
}

}  // namespace zk
