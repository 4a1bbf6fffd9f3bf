// Every class of scenario error comes back as the exact "FILE:LINE: message".
#include <doctest/doctest.h>

#include "scenario_test_util.h"

using namespace zk::sim;
using zk::sim::test::error_of;
using zk::sim::test::line_error;
using zk::sim::test::memory_reader;

TEST_CASE("errors: unknown command, option, flag") {
  CHECK(line_error("frobnicate 1") == "t.zks:3: unknown command 'frobnicate'");
  CHECK(line_error("x create /a") == "t.zks:3: unknown client 'x' (connect it first with: client x connect ID)");
  CHECK(error_of("cluster 3 ticks=2s") ==
        "t.zks:1: unknown option 'ticks=2s' (usage: cluster N [tick=2000ms] [init=10] [sync=5] [observers=ID,...] "
        "[latency=1ms..5ms] [leader-bind=20ms] [seed=S] [bugs=NAME,...] [container-check=60s] "
        "[container-max-per-minute=10000] [container-max-never-used=0ms] [extended-types=off] [host-uptime=DUR] [super-digest=USER:BASE64] [skip-acl=yes] [snap-count=100000])");
  CHECK(line_error("kill 1 force=yes") == "t.zks:3: unknown option 'force=yes' (usage: kill ID)");
  CHECK(line_error("run until leader timeout=") ==
        "t.zks:3: missing value in option 'timeout=' (usage: run DUR | run until leader [timeout=DUR] | "
        "run until converged [timeout=DUR])");
  CHECK(line_error("start 1 every=1s every=2s") == "t.zks:3: option 'every' given twice");
  CHECK(line_error("c create -x /a") == "t.zks:3: unknown option '-x' (usage: NAME create [-e] [-s] [-c] [-t TTL] PATH [DATA [ACL]])");
  // zkCli's own refusals (CreateCommand.exec), in its order.
  CHECK(line_error("c create -c -e /a") ==
        "t.zks:3: -c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
  CHECK(line_error("c create -s -c /a") ==
        "t.zks:3: -c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
  CHECK(line_error("c create -t 5s /a") == "t.zks:3: -t argument must be a long value (saw '5s')");
  CHECK(line_error("c create -e -t 5 /a") == "t.zks:3: TTLs cannot be used with Ephemeral znodes");
  CHECK(line_error("c create -c -t 5 /a") == "t.zks:3: TTLs cannot be used with Container znodes");
  CHECK(line_error("c create -t 0 /a") ==
        "t.zks:3: ttl must be positive and cannot be larger than: 1099511627775 (saw 0)");
  CHECK(line_error("c create -t 1099511627776 /a") ==
        "t.zks:3: ttl must be positive and cannot be larger than: 1099511627775 (saw 1099511627776)");
  CHECK(line_error("c create -t") == "t.zks:3: missing value after '-t' (usage: NAME create [-e] [-s] [-c] [-t TTL] PATH [DATA [ACL]])");
  CHECK(line_error("c multi create -c -e /a") ==
        "t.zks:3: multi op 1: -c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
  CHECK(line_error("c get -e /a") == "t.zks:3: unknown option '-e' (usage: NAME get [-w] PATH)");
  CHECK(line_error("c get -w -w /a") == "t.zks:3: option '-w' given twice");
  CHECK(line_error("c set /a b -v") == "t.zks:3: missing value after '-v' (usage: NAME set PATH DATA [-v VERSION])");
  CHECK(line_error("network jitter=5%") ==
        "t.zks:3: unknown option 'jitter=5%' (usage: network [loss=P] [duplicate=P] [reorder=P])");
}

TEST_CASE("errors: missing and extra arguments") {
  CHECK(line_error("kill") == "t.zks:3: missing server id (usage: kill ID)");
  CHECK(line_error("kill 1 2") == "t.zks:3: extra argument '2' (usage: kill ID)");
  CHECK(line_error("start") == "t.zks:3: missing server id (usage: start ID [ID ...] [every=DUR])");
  CHECK(line_error("run") ==
        "t.zks:3: missing DUR (usage: run DUR | run until leader [timeout=DUR] | run until converged [timeout=DUR])");
  CHECK(line_error("run until") ==
        "t.zks:3: missing leader or converged (usage: run DUR | run until leader [timeout=DUR] | "
        "run until converged [timeout=DUR])");
  CHECK(line_error("run until dawn") == "t.zks:3: unknown condition 'dawn' after 'run until' (leader or converged)");
  CHECK(line_error("heal now") == "t.zks:3: extra argument 'now' (usage: heal)");
  CHECK(line_error("c set /a") == "t.zks:3: missing DATA (usage: NAME set PATH DATA [-v VERSION])");
  CHECK(line_error("c get /a /b") == "t.zks:3: extra argument '/b' (usage: NAME get [-w] PATH)");
  CHECK(line_error("c close now") == "t.zks:3: extra argument 'now' (usage: NAME close)");
  CHECK(line_error("c") ==
        "t.zks:3: missing operation for client 'c' (create, get, set, ls, stat, delete, sync, multi, addauth, setAcl, getAcl or close)");
  // ACL text as zkCli's AclParser splits it; the scheme and id are the server's business.
  CHECK(line_error("c create /a x world:anyone") ==
        "t.zks:3: ACL 'world:anyone' does not have the form scheme:id:perm");
  CHECK(line_error("c setAcl /a world:anyone:rwx") == "t.zks:3: ACL 'world:anyone:rwx': unknown perm 'x' (perms are of cdrwa)");
  CHECK(line_error("c setAcl /a") == "t.zks:3: missing ACL (usage: NAME setAcl [-v VERSION] PATH ACL (ACL: scheme:id:perms[,...]))");
  CHECK(line_error("expect c acl ,") == "t.zks:3: ACL '' does not have the form scheme:id:perm");
  CHECK(line_error("c addauth digest") ==
        "t.zks:3: missing AUTH (usage: NAME addauth SCHEME AUTH (e.g. addauth digest user:password))");
  CHECK(error_of("cluster 3 super-digest=nocolon") ==
        "t.zks:1: bad super-digest 'nocolon' (expected USER:BASE64 as DigestAuthenticationProvider prints it, "
        "e.g. super:g9oN2HttPfn8MMWJZ2r45Np/LIA=)");
  CHECK(line_error("c rm /a") ==
        "t.zks:3: unknown operation 'rm' for client 'c' (create, get, set, ls, stat, delete, sync, multi, addauth, setAcl, getAcl or close)");
  CHECK(line_error("expect") ==
        "t.zks:3: missing what to expect (e.g. expect leader 1, expect state 2 FOLLOWING, expect NAME ok)");
  CHECK(line_error("expect c") ==
        "t.zks:3: missing what to expect of client 'c' (ok, error, data, created, children, stat, event, no-event, results, state, server, timeout or acl)");
  CHECK(line_error("expect c fine") == "t.zks:3: unknown expectation 'fine' for client 'c' (ok, error, data, "
                                       "created, children, stat, event, no-event, results, state, server, timeout or acl)");
  CHECK(line_error("expect lead 1") ==
        "t.zks:3: unknown expectation 'lead' (leader, state, converged, epoch, zxid, node, violation, srvr, stat, mntr, "
        "conf, envi, or a client name)");
  CHECK(line_error("expect srvr 1 Mode") == "t.zks:3: missing value (usage: expect srvr ID FIELD VALUE)");
  CHECK(line_error("expect mntr 9 zk_znode_count 5").find("t.zks:3: ") == 0);
  CHECK(line_error("expect mntr 1 a b c") == "t.zks:3: extra argument 'c' (usage: expect mntr ID KEY VALUE)");
  CHECK(line_error("expect c data") == "t.zks:3: missing TEXT (usage: expect NAME data \"TEXT\")");
  CHECK(line_error("expect c ok now") == "t.zks:3: extra argument 'now' (usage: expect NAME ok)");
  CHECK(line_error("expect state 1") ==
        "t.zks:3: missing state (usage: expect state ID LOOKING|FOLLOWING|LEADING|OBSERVING|DOWN)");
  CHECK(line_error("network") ==
        "t.zks:3: network needs at least one option (usage: network [loss=P] [duplicate=P] [reorder=P])");
}

TEST_CASE("errors: numbers, units, server ids") {
  CHECK(line_error("run 200") == "t.zks:3: missing unit in duration '200' (use us, ms, s or m)");
  CHECK(line_error("start 1 every=2") == "t.zks:3: missing unit in duration '2' (use us, ms, s or m)");
  CHECK(line_error("kill 4") == "t.zks:3: server id 4 is out of range 1..3");
  CHECK(line_error("kill 0") == "t.zks:3: server id 0 is out of range 1..3");
  CHECK(line_error("kill -1") == "t.zks:3: server id -1 is out of range 1..3");
  CHECK(line_error("kill 999999999999999999999") == "t.zks:3: server id 999999999999999999999 is out of range 1..3");
  CHECK(line_error("start 1 2 1") == "t.zks:3: '1' is listed twice in start");
  CHECK(line_error("kill one") == "t.zks:3: bad server id 'one' (expected 1..3 or leader)");
  CHECK(line_error("client d connect 7") == "t.zks:3: server id 7 is out of range 1..3");
  CHECK(error_of("cluster 0") == "t.zks:1: bad server count '0' (expected 1..255)");
  CHECK(error_of("cluster 256") == "t.zks:1: bad server count '256' (expected 1..255)");
  CHECK(error_of("cluster 3 tick=1500us") == "t.zks:1: bad tick '1500us' (a whole number of milliseconds, 1ms..3600s)");
  CHECK(error_of("cluster 3 init=0") == "t.zks:1: bad init '0' (expected 1..1000 ticks)");
  CHECK(error_of("cluster 3 latency=5ms..1ms") == "t.zks:1: range '5ms..1ms' has its minimum above its maximum");
  CHECK(error_of("cluster 3 leader-bind=11s") == "t.zks:1: bad leader-bind '11s' (expected 0ms..10s)");
  CHECK(error_of("cluster 3 seed=-1") == "t.zks:1: bad seed '-1' (expected a number from 0 to 18446744073709551615)");
  CHECK(line_error("run until leader timeout=0s") == "t.zks:3: timeout must be above zero");
  CHECK(line_error("c set /a b -v x") == "t.zks:3: bad version 'x' (expected -1..2147483647)");
  CHECK(line_error("c delete /a -v 2147483648") == "t.zks:3: bad version '2147483648' (expected -1..2147483647)");
  CHECK(line_error("network loss=150%") == "t.zks:3: bad probability '150%' for loss (use a percentage like 5% or "
                                           "a fraction like 0.05, at most 100%)");
  CHECK(line_error("network loss=0.0000001") == "t.zks:3: bad probability '0.0000001' for loss (use a percentage "
                                                "like 5% or a fraction like 0.05, at most 100%)");
  CHECK(line_error("expect epoch 1 -1") == "t.zks:3: bad epoch '-1' (expected 0..4294967295)");
}

TEST_CASE("errors: lexing carries the line") {
  CHECK(line_error("c set /a \"abc") == "t.zks:3: unterminated quote in '\"abc'");
  CHECK(line_error("c set /a \"a\\qb\"") == "t.zks:3: bad escape '\\q' in quoted word (use \\\", \\\\ or \\n)");
}

TEST_CASE("errors: cluster first and once") {
  CHECK(error_of("start 1\ncluster 3\n") ==
        "t.zks:1: 'start' before cluster (the first command must be: cluster N or cluster config PATH)");
  CHECK(error_of("cluster 3\nstart 1\ncluster 3\n") == "t.zks:3: cluster is already set up at line 1");
  CHECK(error_of("") == "t.zks:1: no cluster command (the first command must be: cluster N or cluster config PATH)");
  CHECK(error_of("# nothing\n\n") ==
        "t.zks:2: no cluster command (the first command must be: cluster N or cluster config PATH)");
  CHECK(error_of("cluster") ==
        "t.zks:1: missing server count N (usage: cluster N [tick=2000ms] [init=10] [sync=5] [observers=ID,...] "
        "[latency=1ms..5ms] [leader-bind=20ms] [seed=S] [bugs=NAME,...] [container-check=60s] "
        "[container-max-per-minute=10000] [container-max-never-used=0ms] [extended-types=off] [host-uptime=DUR] [super-digest=USER:BASE64] [skip-acl=yes] [snap-count=100000])");
}

TEST_CASE("errors: cluster host-uptime=") {
  CHECK(error_of("cluster 3 host-uptime=5") == "t.zks:1: missing unit in duration '5' (use us, ms, s or m)");
  CHECK(error_of("cluster 3 host-uptime=1500us") ==
        "t.zks:1: bad host-uptime '1500us' (a whole number of milliseconds, 0ms..1000000s)");
  CHECK(error_of("cluster 3 host-uptime=1000001s") == "t.zks:1: duration '1000001s' is too large (at most 1000000s)");
}

TEST_CASE("errors: cluster snap-count=") {
  CHECK(error_of("cluster 3 snap-count=1") == "t.zks:1: bad snap-count '1' (expected 2..2147483647)");
  CHECK(error_of("cluster 3 snap-count=many") == "t.zks:1: bad snap-count 'many' (expected 2..2147483647)");
  CHECK(error_of("cluster 3 snap-count=2147483648") == "t.zks:1: bad snap-count '2147483648' (expected 2..2147483647)");
}

TEST_CASE("errors: cluster observers=") {
  CHECK(error_of("cluster 3 observers=4") ==
        "t.zks:1: bad observers '4' (expected server ids of 1..3, comma-separated)");
  CHECK(error_of("cluster 3 observers=2,x") ==
        "t.zks:1: bad observers '2,x' (expected server ids of 1..3, comma-separated)");
  CHECK(error_of("cluster 3 observers=2,") ==
        "t.zks:1: bad observers '2,' (expected server ids of 1..3, comma-separated)");
  CHECK(error_of("cluster 3 observers=3,3") == "t.zks:1: bad observers '3,3' (server 3 named twice)");
  CHECK(error_of("cluster 2 observers=2,1") ==
        "t.zks:1: bad observers '2,1' (every server is an observer; at least one must vote)");
  CHECK(error_of("cluster 4 observers=4,2\nkill 5\n") == "t.zks:2: server id 5 is out of range 1..4");
}

TEST_CASE("errors: clients") {
  CHECK(line_error("expect bob ok") == "t.zks:3: unknown client 'bob' (connect it first with: client bob connect ID)");
  CHECK(line_error("bob get /a") == "t.zks:3: unknown client 'bob' (connect it first with: client bob connect ID)");
  CHECK(line_error("partition 1 | bob") ==
        "t.zks:3: unknown client 'bob' (connect it first with: client bob connect ID)");
  CHECK(line_error("client c connect 2") ==
        "t.zks:3: client 'c' is already connected at line 2 (close it first or use another name)");
  CHECK(line_error("client 7 connect 1") ==
        "t.zks:3: bad client name '7' (a letter, then letters, digits, '_' or '-'; at most 64)");
  CHECK(line_error("client kill connect 1") == "t.zks:3: client name 'kill' is a reserved word");
  CHECK(line_error("client leader connect 1") == "t.zks:3: client name 'leader' is a reserved word");
  CHECK(line_error("client d join 1") ==
        "t.zks:3: expected 'connect' after 'client d', got 'join' (usage: client NAME connect [ID | ID,ID,...] [timeout=DUR])");
  CHECK(line_error("c get a") == "t.zks:3: bad path 'a' (a path starts with '/', e.g. /app)");
  CHECK(line_error("c get /a/") == "t.zks:3: bad path '/a/' (it ends with '/')");
  CHECK(line_error("c create /a//b") == "t.zks:3: bad path '/a//b' (empty node name)");
  CHECK(line_error("c create -s //") == "t.zks:3: bad path '//' (empty node name)");
  CHECK(line_error("c delete /a/../b") == "t.zks:3: bad path '/a/../b' ('.' and '..' are not node names)");
}

TEST_CASE("errors: partitions") {
  CHECK(line_error("partition 1 2") ==
        "t.zks:3: partition needs two or more groups separated by '|' (usage: partition A B ... | C D ...)");
  CHECK(line_error("partition 1 | | 2") == "t.zks:3: empty group in partition (usage: partition A B ... | C D ...)");
  CHECK(line_error("partition 1 |") == "t.zks:3: empty group in partition (usage: partition A B ... | C D ...)");
  CHECK(line_error("partition 1 | 1") == "t.zks:3: server 1 is listed twice in partition");
  CHECK(line_error("partition c | 1 c") == "t.zks:3: client c is listed twice in partition");
  CHECK(line_error("partition 1 | 4") == "t.zks:3: server id 4 is out of range 1..3");
  CHECK(line_error("partition 1 | %%") == "t.zks:3: bad partition member '%%' (a server id, leader, or a client name)");
}

TEST_CASE("errors: expectation vocabularies") {
  CHECK(line_error("expect c error NOSUCHTHING") ==
        "t.zks:3: unknown error code 'NOSUCHTHING' (a ZooKeeper error name such as NONODE, NODEEXISTS, BADVERSION)");
  CHECK(line_error("expect c error nonode") ==
        "t.zks:3: unknown error code 'nonode' (a ZooKeeper error name such as NONODE, NODEEXISTS, BADVERSION)");
  CHECK(line_error("expect c stat size 1") ==
        "t.zks:3: unknown stat field 'size' (one of: czxid mzxid pzxid ctime mtime version cversion aclVersion "
        "ephemeralOwner dataLength numChildren)");
  CHECK(line_error("expect c stat czxid 100000003") ==
        "t.zks:3: bad zxid '100000003' for czxid (use hex as zkCli prints it, e.g. 0x100000003)");
  CHECK(line_error("expect c stat mzxid 0xg") ==
        "t.zks:3: bad zxid '0xg' for mzxid (use hex as zkCli prints it, e.g. 0x100000003)");
  CHECK(line_error("expect c stat pzxid 0x12345678901234567") ==
        "t.zks:3: bad zxid '0x12345678901234567' for pzxid (use hex as zkCli prints it, e.g. 0x100000003)");
  CHECK(line_error("expect c stat ephemeralOwner 0") ==
        "t.zks:3: bad session id '0' for ephemeralOwner (use hex as zkCli prints it, e.g. 0x100000003)");
  CHECK(line_error("expect c stat version 0x1") == "t.zks:3: bad number '0x1' for version (expected -2147483648..2147483647)");
  CHECK(line_error("expect c stat numChildren -1") == "t.zks:3: bad number '-1' for numChildren (expected 0..2147483647)");
  CHECK(line_error("expect zxid 1 12") == "t.zks:3: bad zxid '12' (use hex as zkCli prints it, e.g. 0x100000003)");
  CHECK(line_error("expect state 1 RUNNING") ==
        "t.zks:3: unknown server state 'RUNNING' (LOOKING, FOLLOWING, LEADING, OBSERVING or DOWN)");
  CHECK(line_error("expect c event NodeChanged /a") ==
        "t.zks:3: unknown event type 'NodeChanged' (NodeCreated, NodeDeleted, NodeDataChanged or NodeChildrenChanged)");
  CHECK(line_error("expect c children a/b") == "t.zks:3: bad child name 'a/b' (a node name, without '/')");
}

TEST_CASE("errors: cluster config") {
  CHECK(error_of("cluster config zoo.cfg") == "t.zks:1: zoo.cfg 'zoo.cfg' cannot be read");
  CHECK(error_of("cluster config missing.cfg", memory_reader({})) == "t.zks:1: zoo.cfg 'missing.cfg' cannot be read");
  // An error inside the zoo.cfg carries the zoo.cfg's own location.
  CHECK(error_of("cluster config zoo.cfg", memory_reader({{"zoo.cfg", "tickTime=fast\nserver.1=a:1:2\n"}})) ==
        "zoo.cfg:1: bad number 'fast' for tickTime (expected 1..3600000)");
  CHECK(error_of("cluster config zoo.cfg\nkill 3\n",
                 memory_reader({{"zoo.cfg", "initLimit=5\nsyncLimit=2\nserver.1=a:1:2\nserver.3=c:1:2\n"}})) ==
        "t.zks:1: zoo.cfg 'zoo.cfg' has server ids 1, 3; zksim needs ids 1..2");
  // A zoo.cfg observer runs as one; a zoo.cfg of observers only is refused at its last line.
  const Scenario with_observer = zk::sim::test::parse_ok(
      "cluster config zoo.cfg\n", memory_reader({{"zoo.cfg", "initLimit=5\nsyncLimit=2\nserver.1=a:1:2\n"
                                                             "server.2=b:1:2\nserver.3=c:1:2:observer\n"}}));
  CHECK(zk::sim::effective_cluster(with_observer.setup).observers == std::vector<int>{3});
  CHECK(error_of("cluster config zoo.cfg", memory_reader({{"zoo.cfg", "server.1=a:1:2:observer\n"}})) ==
        "zoo.cfg:1: every server is an observer (at least one must be a participant)");
  CHECK(error_of("cluster config zoo.cfg\nkill 3\n", memory_reader({{"zoo.cfg", "server.1=a:1:2\n"}})) ==
        "t.zks:2: server id 3 is out of range 1..1");
  CHECK(error_of("cluster config") == "t.zks:1: missing PATH (usage: cluster config PATH [latency=1ms..5ms] [leader-bind=20ms] [seed=S] "
        "[bugs=NAME,...] "
        "[container-check=60s] [container-max-per-minute=10000] [container-max-never-used=0ms] [extended-types=off] [host-uptime=DUR] [super-digest=USER:BASE64] [skip-acl=yes] [snap-count=100000])");
  CHECK(error_of("cluster config a b") ==
        "t.zks:1: extra argument 'b' (usage: cluster config PATH [latency=1ms..5ms] [leader-bind=20ms] [seed=S] [bugs=NAME,...] "
        "[container-check=60s] [container-max-per-minute=10000] [container-max-never-used=0ms] [extended-types=off] [host-uptime=DUR] [super-digest=USER:BASE64] [skip-acl=yes] [snap-count=100000])");
  CHECK(error_of("cluster config a tick=2s") ==
        "t.zks:1: unknown option 'tick=2s' (usage: cluster config PATH [latency=1ms..5ms] [leader-bind=20ms] [seed=S] [bugs=NAME,...] "
        "[container-check=60s] [container-max-per-minute=10000] [container-max-never-used=0ms] [extended-types=off] [host-uptime=DUR] [super-digest=USER:BASE64] [skip-acl=yes] [snap-count=100000])");
}

TEST_CASE("errors: messages escape control bytes and cut long words") {
  CHECK(line_error("\"a\\nb\" 1") == "t.zks:3: unknown command 'a\\nb'");
  const std::string long_word(100, 'z');
  CHECK(line_error(long_word) == "t.zks:3: unknown command '" + std::string(64, 'z') + "...'");
  CHECK(error_of(std::string(kScenarioBytesMax + 1, '\n')) ==
        "t.zks:1: file is too large (4194305 bytes; at most 4194304)");
}

TEST_CASE("hold, drop and release need two different servers") {
  CHECK(error_of("cluster 3\nhold 1") == "t.zks:2: missing TO server id (usage: hold FROM TO)");
  CHECK(error_of("cluster 3\ndrop 2 2") == "t.zks:2: drop needs two different servers (usage: drop FROM TO)");
  CHECK(error_of("cluster 3\nrelease 1 4") == "t.zks:2: server id 4 is out of range 1..3");
}

TEST_CASE("errors: recorded live sessions (wire lines)") {
  CHECK(line_error("wire") ==
        "t.zks:3: missing what the wire line says (usage: wire gateway [4lw=LIST] [maxbuffer=N] | wire NAME open ID "
        "from ADDR | wire NAME send HEX | wire NAME eof|unread|forget | wire collect)");
  CHECK(line_error("wire c1 send 00") ==
        "t.zks:3: wire connection 'c1' was not opened (wire c1 open ID from ADDR comes first)");
  CHECK(line_error("wire c1 open 4 from 127.0.0.1:1") == "t.zks:3: server id 4 is out of range 1..3");
  CHECK(line_error("wire c1 open 1 127.0.0.1:1") == "t.zks:3: usage: wire c1 open ID from ADDR");
  CHECK(error_of("cluster 3\nwire c1 open 1 from a\nwire c1 open 2 from b\n") ==
        "t.zks:3: wire connection 'c1' is already opened at line 2");
  CHECK(error_of("cluster 3\nwire c1 open 1 from a\nwire c1 send 0g\n") == "t.zks:3: bad hex digit at character 2 of the bytes");
  CHECK(error_of("cluster 3\nwire c1 open 1 from a\nwire c1 send 123\n") ==
        "t.zks:3: '123' is not hex bytes (two hex digits a byte)");
  CHECK(error_of("cluster 3\nwire c1 open 1 from a\nwire c1 shout\n") ==
        "t.zks:3: unknown wire action 'shout' (open, send, eof, unread, forget)");
  CHECK(error_of("cluster 3\nwire c1 open 1 from a\nexpect wire c1 got 0 crc32=00000000\n") ==
        "t.zks:3: expect wire: N must be a positive whole number of bytes, saw '0'");
  CHECK(error_of("cluster 3\nwire c1 open 1 from a\nexpect wire c1 got 4 crc32=abc\n") ==
        "t.zks:3: crc32 needs 8 hex digits, saw 'abc'");
  CHECK(error_of("cluster 3\nexpect wire c2 got 4 crc32=0000abcd\n") ==
        "t.zks:2: wire connection 'c2' was not opened (wire c2 open ID from ADDR comes first)");
  CHECK(line_error("wire gateway maxbuffer=-1") == "t.zks:3: maxbuffer needs a positive whole number of bytes, saw '-1'");
  CHECK(error_of("cluster 3 skip-acl=maybe\n") == "t.zks:1: bad skip-acl 'maybe' (yes or no)");
}
