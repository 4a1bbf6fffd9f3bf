#!/usr/bin/env bash
# Live-mode client test: starts `zksim serve` (3 servers on PORT..PORT+2) and runs Debian's
# python3-kazoo recipes against all three ports (tests/live/kazoo_recipes.py). With
# --kill-leader, serve's stdin is a FIFO the script writes `kill leader` to while a lock is
# held. Stops the server it started by its pid. Usage: check_kazoo.sh ZKSIM PORT [--kill-leader]
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 port=$2 mode=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
mkfifo "$out/control"
exec 3<>"$out/control"
start_serve "$out" "$out/control" --servers 3 --port "$port" --max-seconds 120
hosts="127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2))"
args=()
[ "$mode" = "--kill-leader" ] && args=(--kill-leader-fifo "$out/control")
if ! timeout 100 /usr/bin/python3 "$here/kazoo_recipes.py" "$hosts" "${args[@]}"; then
  echo "--- zksim serve's output:"; cat "$out/serve.out" "$out/serve.err"
  exit 1
fi
cat "$out/serve.out"
