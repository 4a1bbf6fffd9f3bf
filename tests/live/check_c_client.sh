#!/usr/bin/env bash
# Runs the C client test program (tests/live/c_client_test.cpp) against a fresh
# `zksim serve` on PORT..PORT+2, with serve's stdin a FIFO the program writes `kill N` to
# (its own server, to see its session move), and stops the server by its pid. Usage: check_c_client.sh ZKSIM TEST PORT
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 test=$2 port=$3
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
mkfifo "$out/control"
exec 3<>"$out/control"
start_serve "$out" "$out/control" --servers 3 --port "$port" --max-seconds 60
if ! timeout 50 "$test" "127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2))" "$out/control"; then
  echo "--- zksim serve's output:"; cat "$out/serve.out" "$out/serve.err"
  exit 1
fi
cat "$out/serve.out"
