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

bool is_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// The length of the UTF-8 sequence a lead byte starts (0: it cannot start one).
size_t utf8_length(uint8_t lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Whether `byte` may follow `lead` as the second byte (no overlong forms, nothing above
// U+10FFFF; surrogates are caught after decoding, as Java's decoder does).
bool valid_second(uint8_t lead, uint8_t byte) {
  if (!is_continuation(byte)) return false;
  if (lead == 0xE0) return byte >= 0xA0;
  if (lead == 0xF0) return byte >= 0x90;
  if (lead == 0xF4) return byte <= 0x8F;
  return true;
}

// Calls emit(unit) for each UTF-16 code unit of new String(bytes, UTF_8) in Java, allocating
// nothing. Malformed input as Java's decoder replaces it: one U+FFFD for a lead byte and the
// continuation bytes that validly followed it before the sequence broke off, one for a
// complete 3-byte sequence encoding a surrogate, one for any other stray byte (checked
// against OpenJDK 17 on random byte strings).
template <typename Emit>
void for_each_utf16_unit(std::string_view utf8, Emit&& emit) {
  size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<uint8_t>(utf8[i]);
    if (lead < 0x80) {
      emit(static_cast<char16_t>(lead));
      ++i;
      continue;
    }
    const size_t length = utf8_length(lead);
    size_t good = 0;  // continuation bytes after the lead that fit
    while (length > 0 && good + 1 < length && i + good + 1 < utf8.size()) {
      const auto byte = static_cast<uint8_t>(utf8[i + good + 1]);
      if (good == 0 ? !valid_second(lead, byte) : !is_continuation(byte)) break;
      ++good;
    }
    if (length == 0 || good + 1 < length) {
      emit(kReplacement);
      i += 1 + good;
      continue;
    }
    uint32_t code_point = lead & (0x7FU >> length);
    for (size_t k = 1; k < length; ++k) code_point = (code_point << 6) | (static_cast<uint8_t>(utf8[i + k]) & 0x3FU);
    i += length;
    if (code_point >= 0xD800 && code_point <= 0xDFFF) {
      emit(kReplacement);
    } else if (code_point >= 0x10000) {
      const uint32_t offset = code_point - 0x10000;
      emit(static_cast<char16_t>(0xD800 + (offset >> 10)));
      emit(static_cast<char16_t>(0xDC00 + (offset & 0x3FF)));
    } else {
      emit(static_cast<char16_t>(code_point));
    }
  }
}

}  // namespace

std::vector<char16_t> java_utf16_units(std::string_view utf8) {
  std::vector<char16_t> units;
  units.reserve(utf8.size());
  for_each_utf16_unit(utf8, [&units](char16_t unit) { units.push_back(unit); });
  return units;
}

int32_t java_string_hash_code(std::string_view utf8) {
  uint32_t hash = 0;  // unsigned: Java's int overflow wraps
  for_each_utf16_unit(utf8, [&hash](char16_t unit) { hash = 31U * hash + unit; });
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

JavaStringHashSet JavaStringHashSet::copy_of(const std::vector<std::string>& keys) {
  JavaStringHashSet copy;
  // HashSet(Collection): new HashMap<>(Math.max((int) (c.size() / .75f) + 1, 16)).
  const float wanted = static_cast<float>(keys.size()) / kLoadFactor;
  const int64_t capacity =
      std::max<int64_t>(wanted < static_cast<float>(kMaxTableLength) ? static_cast<int64_t>(wanted) + 1 : kMaxTableLength,
                        static_cast<int64_t>(kDefaultTableLength));
  copy.threshold_ = table_size_for(capacity);
  for (const std::string& key : keys) copy.add(key);
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
