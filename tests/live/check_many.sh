#!/usr/bin/env bash
# 1,000 concurrent real client connections to one `zksim serve` server all get a session.
# Usage: check_many.sh ZKSIM PORT N
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 port=$2 n=$3
here=$(cd "$(dirname "$0")" && pwd)
ulimit -n 4096 2>/dev/null || true
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
start_serve "$out" /dev/null --servers 1 --port "$port" --max-seconds 60
timeout 50 /usr/bin/python3 "$here/many_connections.py" "$port" "$n" || { cat "$out/serve.err"; exit 1; }
