// ACLs through the ZooKeeper C client (Debian libzookeeper-mt, Apache's own code): zoo_add_auth
// with digest, zoo_create with ZOO_CREATOR_ALL_ACL (the `auth` scheme, expanded by the server),
// zoo_get_acl, zoo_set_acl with an aversion check, NOAUTH for a second handle without the
// digest, INVALIDACL for ZOO_CREATOR_ALL_ACL without one, and an unknown auth scheme answered
// AUTHFAILED. Every expectation below is what a real ZooKeeper 3.8.0 answered (it passes
// against one: check_c_client_acl.sh's comment says how). Prefix: the paths' common prefix,
// so a run against a server with older nodes does not collide.
// Usage: live_c_client_acl_test HOSTS   (exit 0: every check held; one line per check)
#include <zookeeper/zookeeper.h>

#include "c_client_checks.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

namespace {

using live::check;
using live::g_failures;
using live::wait_for;

std::atomic<int> g_auth_rc{1};


void watcher(zhandle_t*, int, int, const char*, void* connected) {
  static_cast<std::atomic<int>*>(connected)->store(1);
}

void auth_completion(int rc, const void*) { g_auth_rc = rc; }


std::atomic<int> g_sync_rc{1};
void sync_completion(int rc, const char*, const void*) { g_sync_rc = rc; }

// zoo_async (ZooKeeper's sync): the handle's server catches up with the leader. The two
// handles may sit on different servers, and ZooKeeper promises a client another client's
// write only after a sync.
bool sync_path(zhandle_t* zh, const char* path) {
  g_sync_rc = 1;
  if (zoo_async(zh, path, sync_completion, nullptr) != ZOK) return false;
  return wait_for([] { return g_sync_rc.load() != 1; }, 5000) && g_sync_rc == ZOK;
}

zhandle_t* open_handle(const char* hosts, std::atomic<int>* connected) {
  zhandle_t* zh = zookeeper_init(hosts, watcher, 10000, nullptr, connected, 0);
  if (zh == nullptr || !wait_for([&] { return zoo_state(zh) == ZOO_CONNECTED_STATE; }, 10000)) return nullptr;
  return zh;
}

bool add_auth(zhandle_t* zh, const char* scheme, const char* cert) {
  g_auth_rc = 1;
  if (zoo_add_auth(zh, scheme, cert, static_cast<int>(std::strlen(cert)), auth_completion, nullptr) != ZOK) return false;
  return wait_for([] { return g_auth_rc.load() != 1; }, 5000);
}

std::string acl_text(const ACL_vector& acl) {
  std::string out;
  for (int32_t i = 0; i < acl.count; ++i) {
    out += (i ? "," : "") + std::string(acl.data[i].id.scheme) + ":" + acl.data[i].id.id + ":" +
           std::to_string(acl.data[i].perms);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s HOSTS\n", argv[0]);
    return 2;
  }
  zoo_set_debug_level(ZOO_LOG_LEVEL_ERROR);
  std::atomic<int> connected{0};
  zhandle_t* zh = open_handle(argv[1], &connected);
  check(zh != nullptr, "connects");
  if (zh == nullptr) return 1;
  check(zoo_create(zh, "/c-acl", "x", 1, &ZOO_CREATOR_ALL_ACL, 0, nullptr, 0) == ZINVALIDACL,
        "ZOO_CREATOR_ALL_ACL without an authenticated id is ZINVALIDACL");
  check(add_auth(zh, "digest", "carol:pw") && g_auth_rc == ZOK, "zoo_add_auth digest carol:pw is ZOK");
  check(zoo_create(zh, "/c-acl", "x", 1, &ZOO_CREATOR_ALL_ACL, 0, nullptr, 0) == ZOK,
        "ZOO_CREATOR_ALL_ACL after the digest is ZOK");
  ACL_vector acl{};
  Stat stat{};
  check(zoo_get_acl(zh, "/c-acl", &acl, &stat) == ZOK, "zoo_get_acl is ZOK");
  // generateDigest("carol:pw") on ZooKeeper 3.8.0 (DigestAuthenticationProvider.main).
  const std::string carol = "digest:carol:RffyCdXXV1Js0ywLAoP5/l25yKs=:31";
  check(acl_text(acl) == carol, "the auth id expanded to the digest: " + acl_text(acl));
  check(stat.aversion == 0, "aversion 0");
  deallocate_ACL_vector(&acl);
  check(zoo_set_acl(zh, "/c-acl", 5, &ZOO_OPEN_ACL_UNSAFE) == ZBADVERSION, "zoo_set_acl with a wrong aversion is ZBADVERSION");

  std::atomic<int> connected2{0};
  zhandle_t* other = open_handle(argv[1], &connected2);
  check(other != nullptr, "a second handle connects");
  if (other == nullptr) return 1;
  char buffer[16];
  int length = sizeof(buffer);
  check(zoo_get(other, "/c-acl", 0, buffer, &length, nullptr) == ZNOAUTH, "without the digest, zoo_get is ZNOAUTH");
  check(zoo_exists(other, "/c-acl", 0, &stat) == ZOK, "zoo_exists needs no permission");
  check(zoo_set(other, "/c-acl", "y", 1, -1) == ZNOAUTH, "without the digest, zoo_set is ZNOAUTH");
  check(zoo_get_acl(other, "/c-acl", &acl, &stat) == ZNOAUTH, "without READ or ADMIN, zoo_get_acl is ZNOAUTH");

  check(zoo_set_acl(zh, "/c-acl", 0, &ZOO_READ_ACL_UNSAFE) == ZOK, "zoo_set_acl to world:anyone:r is ZOK");
  check(sync_path(other, "/c-acl"), "the second handle syncs");
  check(zoo_get_acl(other, "/c-acl", &acl, &stat) == ZOK && acl_text(acl) == "world:anyone:1" && stat.aversion == 1,
        "now anyone reads the ACL, at aversion 1");
  deallocate_ACL_vector(&acl);
  length = sizeof(buffer);
  check(zoo_get(other, "/c-acl", 0, buffer, &length, nullptr) == ZOK && length == 1, "and the data");
  check(zoo_delete(zh, "/c-acl", -1) == ZOK, "the parent / lets anyone delete it");

  check(add_auth(other, "nosuchscheme", "x") && g_auth_rc == ZAUTHFAILED, "an unknown scheme is ZAUTHFAILED");
  check(wait_for([&] { return zoo_state(other) == ZOO_AUTH_FAILED_STATE; }, 5000), "the handle is in AUTH_FAILED");
  zookeeper_close(other);
  zookeeper_close(zh);
  std::printf("%d failure(s)\n", g_failures);
  return g_failures == 0 ? 0 : 1;
}
