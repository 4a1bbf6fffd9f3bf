#!/usr/bin/env bash
# Live-mode wire test: starts `zksim serve` on PORT (one server, as the real ZooKeeper the
# expected output came from was standalone), runs tools/live/wire_probe.py SEQUENCE against it, and compares its output
# with tests/live/wire_SEQUENCE.expected, which is what a real ZooKeeper 3.8.0 sent for the
# same bytes (captured with the same probe; see README "Live mode"). Stops the server it
# started by its pid. SERVE_ARGS go to serve (the acl sequence's real server ran with a
# super digest, so serve gets the same). WIRE_EXPECTED names another expected file
# (wire_$WIRE_EXPECTED.expected) for the same sequence against a differently configured
# server. Usage: check_wire.sh ZKSIM PORT SEQUENCE [SERVE_ARGS...]
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 port=$2 sequence=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
start_serve "$out" /dev/null --servers 1 --port "$port" --max-seconds 60 "$@"
/usr/bin/python3 "$here/../../tools/live/wire_probe.py" "127.0.0.1:$port" "$sequence" >"$out/got.txt" 2>&1 || true
expected="wire_${WIRE_EXPECTED:-$sequence}.expected"
if ! diff -u "$here/$expected" "$out/got.txt"; then
  echo "--- zksim serve's log:"; cat "$out/serve.err"
  exit 1
fi
echo "${expected%.expected}: the same as real ZooKeeper 3.8.0"
