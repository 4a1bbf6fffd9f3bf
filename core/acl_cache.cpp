// ReferenceCountedACLCache's bookkeeping: see acl_cache.h.
#include "core/acl_cache.h"

namespace zk {

int64_t AclCache::convert_acls(const AclList& acl) {
  auto it = by_list_.find(acl);
  int64_t key = 0;
  if (it == by_list_.end()) {
    key = ++last_key_;
    by_key_.emplace(key, acl);
    by_list_.emplace(acl, key);
  } else {
    key = it->second;
  }
  add_usage(key);
  return key;
}

const AclList* AclCache::convert_long(int64_t key) const {
  static const AclList kOpen = open_acl_unsafe();
  if (key == kOpenUnsafeKey) return &kOpen;
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &it->second;
}

void AclCache::add_usage(int64_t key) {
  if (key == kOpenUnsafeKey || !by_key_.contains(key)) return;
  ++usage_[key];
}

void AclCache::remove_usage(int64_t key) {
  if (key == kOpenUnsafeKey || !by_key_.contains(key)) return;
  if (--usage_[key] > 0) return;
  usage_.erase(key);
  by_list_.erase(by_key_.at(key));
  by_key_.erase(key);
}

void AclCache::restore(int64_t key, AclList acl) {
  if (key > last_key_) last_key_ = key;
  // A later entry with the same key or list replaces the earlier one, as the Java maps do.
  if (auto old = by_key_.find(key); old != by_key_.end()) by_list_.erase(old->second);
  by_list_.insert_or_assign(acl, key);
  by_key_.insert_or_assign(key, std::move(acl));
  usage_[key] = 0;
}

void AclCache::purge_unused() {
  for (auto it = usage_.begin(); it != usage_.end();) {
    if (it->second > 0) {
      ++it;
      continue;
    }
    if (auto entry = by_key_.find(it->first); entry != by_key_.end()) {
      by_list_.erase(entry->second);
      by_key_.erase(entry);
    }
    it = usage_.erase(it);
  }
}

int64_t AclCache::usage(int64_t key) const {
  auto it = usage_.find(key);
  return it == usage_.end() ? 0 : it->second;
}

}  // namespace zk
