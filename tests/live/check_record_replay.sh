#!/usr/bin/env bash
# Record and replay: `zksim serve --record` while Debian's python3-kazoo runs its recipes
# (tests/live/kazoo_recipes.py, with the leader killed through serve's stdin while a lock is
# held), then `zksim run` on the recording: every byte each real client was sent must come
# out of the replay again (every `expect wire` line passes), two replays give the same trace
# byte for byte, and a recording with one byte of a client's request changed fails.
# Stops the server it started by its pid. Usage: check_record_replay.sh ZKSIM PORT
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 port=$2
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d /tmp/zk-live-record.XXXXXX)
mkfifo "$out/control"
exec 3<>"$out/control"
start_serve "$out" "$out/control" --servers 3 --port "$port" --max-seconds 120 --record "$out/session.zks"
hosts="127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2))"
if ! timeout 100 /usr/bin/python3 "$here/kazoo_recipes.py" "$hosts" --kill-leader-fifo "$out/control" >"$out/kazoo.out"; then
  cat "$out/kazoo.out"; echo "--- zksim serve's output:"; cat "$out/serve.out" "$out/serve.err"
  exit 1
fi
kill -TERM "$serve_pid"
wait "$serve_pid" || { echo "serve exited with $?"; cat "$out/serve.err"; exit 1; }
grep -q '^kill ' "$out/session.zks" || { echo "the recording has no kill line"; exit 1; }
sends=$(grep -c '^wire c[0-9]* send ' "$out/session.zks")
checks=$(grep -c '^expect wire ' "$out/session.zks")
echo "recorded: $sends sends, $checks byte checks, $(wc -c <"$out/session.zks") bytes"
[ "$checks" -ge 100 ] || { echo "too few byte checks recorded"; exit 1; }

# The replay gives every client the bytes it got live.
if ! "$zksim" run "$out/session.zks" --trace "$out/trace1.jsonl" >"$out/replay1.out" 2>&1; then
  grep -m5 FAILED "$out/replay1.out" || tail -5 "$out/replay1.out"; exit 1
fi
tail -1 "$out/replay1.out" | grep -qx "$checks passed, 0 failed" || { tail -3 "$out/replay1.out"; exit 1; }
"$zksim" run "$out/session.zks" --trace "$out/trace2.jsonl" >/dev/null 2>&1
cmp "$out/trace1.jsonl" "$out/trace2.jsonl" || { echo "two replays differ"; exit 1; }
echo "replayed: $checks passed, two replays' traces identical ($(wc -l <"$out/trace1.jsonl") lines)"

# One path changed in one request (/lock -> /locl): the replay no longer matches.
line=$(grep -n '^wire c[0-9]* send .*2f6c6f636b' "$out/session.zks" | grep 'create /lock' | head -1 | cut -d: -f1)
[ -n "$line" ] || { echo "no create /lock request in the recording"; exit 1; }
sed "${line}s/2f6c6f636b/2f6c6f636c/" "$out/session.zks" >"$out/tampered.zks"
if "$zksim" run "$out/tampered.zks" >"$out/tampered.out" 2>&1; then
  echo "the tampered recording replayed without a failure"; exit 1
fi
grep -m1 'expect wire.*FAILED' "$out/tampered.out"
