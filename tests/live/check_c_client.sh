#!/usr/bin/env bash
# Runs the C client test program (tests/live/c_client_test.cpp) against a fresh
# `zksim serve` on PORT..PORT+2, with serve's stdin a FIFO the program writes `kill N` to
# (its own server, to see its session move), and stops the server by its pid. Usage: check_c_client.sh ZKSIM TEST PORT
set -euo pipefail
zksim=$1 test=$2 port=$3
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
mkfifo "$out/control"
exec 3<>"$out/control"
"$zksim" serve --servers 3 --port "$port" --max-seconds 60 >"$out/serve.out" 2>"$out/serve.err" <&3 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 100); do
  grep -q "clients on" "$out/serve.out" 2>/dev/null && break
  sleep 0.1
done
grep -q "clients on" "$out/serve.out" || { echo "zksim serve did not start:"; cat "$out/serve.err"; exit 1; }
if ! timeout 50 "$test" "127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2))" "$out/control"; then
  echo "--- zksim serve's output:"; cat "$out/serve.out" "$out/serve.err"
  exit 1
fi
cat "$out/serve.out"
