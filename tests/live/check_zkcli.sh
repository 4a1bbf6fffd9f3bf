#!/usr/bin/env bash
# zkCli (Debian's `zookeeper` package) against `zksim serve`: the commands of
# tests/live/zkcli_commands.txt piped into one zkCli session; its output must equal
# tests/live/zkcli.expected, which is what the same session printed against a real
# ZooKeeper 3.8.0. Skipped (exit 77) without zkCli. Usage: check_zkcli.sh ZKSIM PORT
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 port=$2
here=$(cd "$(dirname "$0")" && pwd)
cli=/usr/share/zookeeper/bin/zkCli.sh
[ -x "$cli" ] || { echo "zkCli not installed (Debian package zookeeper)"; exit 77; }
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
start_serve "$out" /dev/null --servers 3 --port "$port" --max-seconds 60
timeout 50 "$cli" -server "127.0.0.1:$port" <"$here/zkcli_commands.txt" 2>&1 | grep -v '^SLF4J\|^$' | sed "s/127.0.0.1:$port/HOST/" >"$out/got.txt" || true
# zkCli's quit races its own event thread: the closing "WatchedEvent state:Closed" is printed
# only when that thread wins before System.exit, against either server (and it may be cut
# after its "WATCHER::" line). Compare without it.
drop_closed() { /usr/bin/python3 -c '
import sys
lines = open(sys.argv[1]).read().splitlines()
if lines[-2:] == ["WATCHER::", "WatchedEvent state:Closed type:None path:null"]:
    lines = lines[:-2]
elif lines[-1:] == ["WATCHER::"]:
    lines = lines[:-1]
print("\n".join(lines))' "$1"; }
if ! diff -u <(drop_closed "$here/zkcli.expected") <(drop_closed "$out/got.txt"); then
  echo "--- zksim serve's log:"; cat "$out/serve.err"
  exit 1
fi
