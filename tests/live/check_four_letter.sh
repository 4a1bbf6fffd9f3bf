#!/usr/bin/env bash
# Four-letter words on a `zksim serve` client port, over a real socket, as `echo WORD | nc`
# gets them from ZooKeeper 3.8: a whitelisted word is answered and the connection closes; any
# other known word gets the refusal line 3.8.0 sends.
# Usage: check_four_letter.sh ZKSIM PORT
set -euo pipefail
source "$(dirname "$0")/serve_lib.sh"
zksim=$1 port=$2
out=$(mktemp -d /tmp/zk-live-test.XXXXXX)
start_serve "$out" /dev/null --servers 1 --port "$port" --max-seconds 50 --4lw-whitelist srvr,mntr
ask() {  # the whole answer to one word, until the server closes
  /usr/bin/python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(sys.argv[2].encode())
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode())' "$port" "$1"
}
fail() { echo "FAILED: $*"; cat "$out/serve.err"; exit 1; }
srvr=$(ask srvr)
[[ $srvr == "Zookeeper version: "* ]] || fail "srvr answered: $srvr"
grep -q "^Connections: 1$" <<<"$srvr" || fail "srvr does not count its own connection: $srvr"
mntr=$(ask mntr)
grep -q "^zk_server_state	" <<<"$mntr" || fail "mntr answered: $mntr"
[[ $(ask stat) == "stat is not executed because it is not in the whitelist." ]] || fail "stat was not refused"
[[ $(ask ruok) == "ruok is not executed because it is not in the whitelist." ]] || fail "ruok was not refused"
echo "four-letter words on port $port: srvr and mntr answered, stat and ruok refused"
