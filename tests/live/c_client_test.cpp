// The ZooKeeper C client (Debian libzookeeper-mt, Apache's own code) against `zksim serve`:
// a client nobody here wrote. Synchronous and asynchronous operations, a data watch, a
// multi with a failing op, closing. check_c_client.sh starts serve and passes the hosts.
// With a second argument (serve's stdin FIFO), the server the client is connected to is
// killed and the session must move to another server with its ephemeral node intact.
// Usage: live_c_client_test HOSTS [CONTROL_FIFO]  (exit 0: every check held; one line per check)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <zookeeper/zookeeper.h>

#include "c_client_checks.h"

#include <atomic>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

namespace {

using live::check;
using live::g_failures;
using live::wait_for;

std::atomic<int> g_connected{0};
std::atomic<int> g_data_events{0};
std::atomic<int> g_async_rc{1};


void global_watcher(zhandle_t*, int type, int state, const char*, void*) {
  if (type == ZOO_SESSION_EVENT && state == ZOO_CONNECTED_STATE) g_connected = 1;
}

void data_watcher(zhandle_t*, int type, int, const char* path, void*) {
  if (type == ZOO_CHANGED_EVENT && std::strcmp(path, "/c-watch") == 0) ++g_data_events;
}

void string_completion(int rc, const char*, const void*) { g_async_rc = rc; }


}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s HOSTS [CONTROL_FIFO]\n", argv[0]);
    return 2;
  }
  zoo_set_debug_level(ZOO_LOG_LEVEL_ERROR);
  zhandle_t* zh = zookeeper_init(argv[1], global_watcher, 10000, nullptr, nullptr, 0);
  check(zh != nullptr && wait_for([] { return g_connected.load() == 1; }, 10000), "connects and gets a session");
  if (!zh || !g_connected) return 1;
  check(zoo_recv_timeout(zh) == 10000, "negotiated timeout 10000 ms");

  char path[256];
  check(zoo_create(zh, "/c-node", "v1", 2, &ZOO_OPEN_ACL_UNSAFE, 0, path, sizeof path) == ZOK &&
            std::string(path) == "/c-node",
        "zoo_create /c-node");
  check(zoo_create(zh, "/c-node", "v1", 2, &ZOO_OPEN_ACL_UNSAFE, 0, path, sizeof path) == ZNODEEXISTS,
        "a second create is ZNODEEXISTS");
  check(zoo_create(zh, "/c-node/seq-", "", 0, &ZOO_OPEN_ACL_UNSAFE, ZOO_SEQUENCE | ZOO_EPHEMERAL, path,
                   sizeof path) == ZOK &&
            std::string(path) == "/c-node/seq-0000000000",
        "an ephemeral sequential child is seq-0000000000");
  char buffer[64];
  int length = sizeof buffer;
  Stat stat{};
  check(zoo_get(zh, "/c-node", 0, buffer, &length, &stat) == ZOK && length == 2 && std::memcmp(buffer, "v1", 2) == 0 &&
            stat.version == 0 && stat.numChildren == 1 && stat.cversion == 1,
        "zoo_get data v1, version 0, one child, cversion 1");
  check(zoo_set(zh, "/c-node", "v2", 2, 0) == ZOK, "zoo_set with version 0");
  check(zoo_set(zh, "/c-node", "v3", 2, 0) == ZBADVERSION, "zoo_set with a stale version is ZBADVERSION");
  check(zoo_exists(zh, "/c-missing", 0, &stat) == ZNONODE, "zoo_exists on a missing node is ZNONODE");
  String_vector children{};
  check(zoo_get_children(zh, "/c-node", 0, &children) == ZOK && children.count == 1 &&
            std::string(children.data[0]) == "seq-0000000000",
        "zoo_get_children lists the child");
  deallocate_String_vector(&children);

  // A data watch fires once on a change.
  check(zoo_create(zh, "/c-watch", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, path, sizeof path) == ZOK, "create /c-watch");
  length = sizeof buffer;
  check(zoo_wget(zh, "/c-watch", data_watcher, nullptr, buffer, &length, &stat) == ZOK, "zoo_wget sets a watch");
  check(zoo_set(zh, "/c-watch", "x", 1, -1) == ZOK, "zoo_set /c-watch");
  check(wait_for([] { return g_data_events.load() == 1; }, 5000), "the data watch fires");
  check(zoo_set(zh, "/c-watch", "y", 1, -1) == ZOK && !wait_for([] { return g_data_events.load() > 1; }, 300),
        "and only once");

  // Asynchronous create.
  check(zoo_acreate(zh, "/c-async", "a", 1, &ZOO_OPEN_ACL_UNSAFE, 0, string_completion, nullptr) == ZOK &&
            wait_for([] { return g_async_rc.load() == ZOK; }, 5000),
        "zoo_acreate completes with ZOK");

  // multi: all or nothing, per-op results.
  zoo_op_t ops[2];
  zoo_op_result_t results[2];
  char created[64];
  zoo_create_op_init(&ops[0], "/c-multi", "m", 1, &ZOO_OPEN_ACL_UNSAFE, 0, created, sizeof created);
  zoo_check_op_init(&ops[1], "/c-node", 7);
  const int failed = zoo_multi(zh, 2, ops, results);
  check(failed == ZBADVERSION && results[1].err == ZBADVERSION && zoo_exists(zh, "/c-multi", 0, &stat) == ZNONODE,
        "a multi with a failing check is ZBADVERSION and creates nothing");
  zoo_check_op_init(&ops[1], "/c-node", 1);
  check(zoo_multi(zh, 2, ops, results) == ZOK && results[0].err == ZOK && zoo_exists(zh, "/c-multi", 0, &stat) == ZOK,
        "the same multi with the right version creates /c-multi");

  check(zoo_delete(zh, "/c-node", -1) == ZNOTEMPTY, "deleting a node with children is ZNOTEMPTY");

  if (argc == 3) {
    // Kill the server this client is on (its port - the first port + 1 is its id).
    sockaddr_in6 addr{};
    socklen_t len = sizeof addr;
    check(zookeeper_get_connected_host(zh, reinterpret_cast<sockaddr*>(&addr), &len) != nullptr, "knows its server");
    const int port = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    const int first_port = std::atoi(std::strchr(argv[1], ':') + 1);
    const int64_t session = zoo_client_id(zh)->client_id;
    if (std::FILE* control = std::fopen(argv[2], "w")) {
      std::fprintf(control, "kill %d\n", port - first_port + 1);
      std::fclose(control);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    check(wait_for([&] { return zoo_state(zh) == ZOO_CONNECTED_STATE && zoo_exists(zh, "/c-node", 0, &stat) == ZOK; }, 15000),
          "after its server is killed the client reconnects elsewhere");
    check(zoo_client_id(zh)->client_id == session, "with the same session");
    check(zoo_exists(zh, "/c-node/seq-0000000000", 0, &stat) == ZOK && stat.ephemeralOwner == session,
          "and its ephemeral node is still there");
  }
  check(zookeeper_close(zh) == ZOK, "zookeeper_close");
  std::printf("%d failure(s)\n", g_failures);
  return g_failures == 0 ? 0 : 1;
}
