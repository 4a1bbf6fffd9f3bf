#!/usr/bin/env bash
# `zksim serve SCENARIO`: the scenario's zoo.cfg gives the client ports (22221..22223) and its
# steps run as a fault schedule in virtual time while a real client (Debian's python3-kazoo)
# works: it connects before the servers have started, writes, and keeps reading its znode
# while the leader is killed, a partition comes and goes and the old leader comes back; the
# schedule's lines come out in file order and the expectation is listed as not checked.
# The session is recorded (--record) and `zksim run` replays it: the schedule's actions sit in
# the recording at the instants they ran, and every byte the client got comes out again.
# Usage: check_serve_schedule.sh ZKSIM
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1
here=$(cd "$(dirname "$0")" && pwd)
/usr/bin/python3 -c 'import kazoo' 2>/dev/null || { echo "python3-kazoo not installed"; exit 77; }
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
start_serve "$out" /dev/null "$here/serve_schedule/fault-schedule.zks" --max-seconds 40 --record "$out/session.zks"
fail() { echo "FAILED: $*"; echo "--- serve.out"; cat "$out/serve.out"; echo "--- serve.err"; cat "$out/serve.err"; exit 1; }
grep -q "clients on 127.0.0.1:22221,22222,22223" "$out/serve.out" || fail "ports are not the zoo.cfg's"
grep -q "fault-schedule.zks:7: expect leader 3: not checked in live mode" "$out/serve.err" || fail "expect not listed"
/usr/bin/python3 - <<'PY' || fail "the kazoo client"
import time
from kazoo.client import KazooClient
zk = KazooClient(hosts="127.0.0.1:22221,127.0.0.1:22222,127.0.0.1:22223", timeout=10)
zk.start(timeout=20)
zk.create("/schedule", b"kept")
deadline = time.time() + 12
reads = 0
while time.time() < deadline:
    try:
        data, _ = zk.get("/schedule")
        assert data == b"kept", data
        reads += 1
    except Exception:
        pass  # CONNECTIONLOSS while its server is killed or cut off
    time.sleep(0.2)
assert reads > 10, reads
zk.stop()
PY
for _ in $(seq 1 100); do
  grep -q "fault-schedule.zks:16: run until converged: reached" "$out/serve.out" && break
  sleep 0.2
done
steps=$(grep -o "fault-schedule.zks:[0-9]*: [a-z 0-9|]*" "$out/serve.out" | sed 's/ *$//' | uniq)
expected="fault-schedule.zks:5: start 3
fault-schedule.zks:5: start 2
fault-schedule.zks:5: start 1
fault-schedule.zks:6: run until leader
fault-schedule.zks:8: run 3s
fault-schedule.zks:9: kill leader
fault-schedule.zks:10: run until leader
fault-schedule.zks:11: run 1s
fault-schedule.zks:12: partition 1 | 2 3
fault-schedule.zks:13: run 1s
fault-schedule.zks:14: heal
fault-schedule.zks:15: restart 3
fault-schedule.zks:16: run until converged"
[ "$steps" == "$expected" ] || fail "steps: $(diff <(echo "$expected") <(echo "$steps"))"
kill -TERM "$serve_pid"
wait "$serve_pid" || fail "serve exited with $?"
recorded=$(grep -E '^(start|kill|partition|heal|restart)( |$)' "$out/session.zks" | tr '\n' ';')
[ "$recorded" == "start 3;start 2;start 1;kill 3;partition 1 | 2 3;heal;restart 3;" ] || fail "recorded actions: $recorded"
grep -q "^cluster config $here/serve_schedule/zoo.cfg seed=7" "$out/session.zks" || fail "cluster line: $(grep ^cluster "$out/session.zks")"
checks=$(grep -c '^expect wire ' "$out/session.zks")
"$zksim" run "$out/session.zks" >"$out/replay.out" 2>&1 || { grep -m3 FAILED "$out/replay.out"; fail "the replay"; }
tail -1 "$out/replay.out" | grep -qx "$checks passed, 0 failed" || fail "replay: $(tail -1 "$out/replay.out")"
echo "replayed the recording: $checks byte checks passed"
echo "serve SCENARIO: zoo.cfg ports, the fault schedule in order, a kazoo client kept its znode through it"
