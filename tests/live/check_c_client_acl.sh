#!/usr/bin/env bash
# Runs the C client ACL test (tests/live/c_client_acl_test.cpp) against a fresh `zksim serve`
# on PORT..PORT+2 and stops the server by its pid. The same program passed against a real
# ZooKeeper 3.8.0 (Debian zookeeper, standalone on 127.0.0.1:57181, started and stopped by
# its pid through tools/oracle/zk_ensemble.py). Usage: check_c_client_acl.sh ZKSIM TEST PORT
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 test=$2 port=$3
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
start_serve "$out" /dev/null --servers 3 --port "$port" --max-seconds 60
if ! timeout 50 "$test" "127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2))"; then
  echo "--- zksim serve's output:"; cat "$out/serve.out" "$out/serve.err"
  exit 1
fi
