// A built-in corpus of realistic scenarios for the robustness tests, so that they always
// have work even when assets/scenarios and tests/scenarios hold no files yet. Each uses
// a different part of the language; the last reads "zoo.cfg" (see kCorpusZooCfg).
#pragma once

#include <array>
#include <string_view>

namespace zk::sim::test {

inline constexpr std::string_view kCorpusZooCfg =
    "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/tmp/zk\nclientPort=2181\n"
    "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890\n";

inline constexpr std::array<std::string_view, 10> kCorpus{
    // 1. Fresh election: the highest id wins when all start together.
    R"(# three servers, started together
cluster 3
start 1 2 3
run until leader
expect leader 3
expect state 1 FOLLOWING
expect state 2 FOLLOWING
expect converged
)",
    // 2. Staggered start of five: server 3 completes a quorum first.
    R"(cluster 5 tick=2000ms init=10 sync=5 latency=1ms..5ms seed=7
start 1 2 3 every=1s
run until leader timeout=30s
expect leader 3
start 4 5
run 5s
expect state 4 FOLLOWING
expect state 5 FOLLOWING
expect epoch 3 1
)",
    // 3. Leader crash and re-election, then recovery of the old leader.
    R"(cluster 3
start 1 2 3
run until leader
client c connect 1
c create /a "one"
expect c ok
kill leader
run until leader
expect leader 2
c get /a
expect c data "one"
restart 3
run until converged
expect state 3 FOLLOWING
)",
    // 4. Ephemeral and sequential nodes, session close.
    R"(cluster 3 seed=11
start 1 2 3
run until leader
client a connect 1 timeout=4s
client b connect 2
a create /locks ""
a create -e -s /locks/lock- "a"
expect a created /locks/lock-0000000000
b ls -w /locks
expect b children lock-0000000000
a close
run 1s
expect b event NodeChildrenChanged /locks
b ls /locks
expect b children
)",
    // 5. Versions and errors.
    R"(cluster 3
start 1 2 3
run until leader
client c connect 3
c create /cfg v1
c set /cfg v2 -v 0
expect c ok
c set /cfg v3 -v 0
expect c error BADVERSION
c delete /nope
expect c error NONODE
c create /cfg again
expect c error NODEEXISTS
c stat /cfg
expect c stat version 1
expect c stat dataLength 2
expect c stat numChildren 0
expect c stat czxid 0x100000002
)",
    // 6. Partition: the minority side loses its leader.
    R"(cluster 5 latency=2ms..2ms
start 1 2 3 4 5
run until leader
client w connect 1
partition 1 2 w | 3 4 5
run 30s
expect state 1 LOOKING
w create /x
expect w error CONNECTIONLOSS
heal
run until converged timeout=2m
expect converged
)",
    // 7. Watches and sync.
    R"(cluster 3
start 1 2 3
run until leader
client r connect 1
client w connect 2
r stat -w /flag
expect r stat mzxid 0x0
w create /flag up
r sync /flag
expect r event NodeCreated /flag
r get -w /flag
w set /flag down
run 100ms
expect r event NodeDataChanged /flag
expect r no-event
)",
    // 8. zksim additions: pause, resume, lossy network, zxid checks.
    R"(cluster 3 seed=3
start 1 2 3
run until leader
network loss=1% duplicate=0.5% reorder=2%
pause 3
run 20s
resume 3
network loss=0%
run until converged
expect zxid leader 0x100000000
expect epoch 1 1
)",
    // 9. Client additions: host lists, multi with per-op results, connection states, crash.
    R"(cluster 3 seed=5
start 1 2 3
run until leader
client a connect 2,3,1 timeout=4s
client b connect
expect a server 2
expect a timeout 4s
a multi create /x 1 ; set /x 2 -v 0 ; check /x -v 1
expect a results OK OK OK
a multi create /y ; delete /x -v 7
expect a error BADVERSION
expect a results OK BADVERSION
a create -e /e
b stat /e
expect b stat ephemeralOwner session a
crash a
kill 2
run 10s
expect a state SyncConnected
expect b state SyncConnected
client a connect
expect a state SyncConnected
)",
    // 10. A real zoo.cfg.
    R"(cluster config zoo.cfg latency=1ms..3ms
start 3 2 1
run until leader
client c connect leader
c create /from-cfg "x"
expect c ok
)",
};

}  // namespace zk::sim::test
