#!/usr/bin/env bash
# 1,000 concurrent real client connections to one `zksim serve` server all get a session.
# Usage: check_many.sh ZKSIM PORT N
set -euo pipefail
zksim=$1 port=$2 n=$3
here=$(cd "$(dirname "$0")" && pwd)
ulimit -n 4096 2>/dev/null || true
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
"$zksim" serve --servers 1 --port "$port" --max-seconds 60 >"$out/serve.out" 2>"$out/serve.err" </dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 100); do
  grep -q "clients on" "$out/serve.out" 2>/dev/null && break
  sleep 0.1
done
grep -q "clients on" "$out/serve.out" || { echo "zksim serve did not start:"; cat "$out/serve.err"; exit 1; }
timeout 50 /usr/bin/python3 "$here/many_connections.py" "$port" "$n" || { cat "$out/serve.err"; exit 1; }
