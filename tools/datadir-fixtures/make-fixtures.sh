#!/usr/bin/env bash
# make-fixtures.sh OUT: regenerates the data-directory fixtures (tests/fixtures/datadir/) with
# real Apache ZooKeeper 3.8 (Debian package `zookeeper`). Starts 3-server ensembles on
# 127.0.0.1 (client ports 12181-12183, quorum 12881-12883, election 13881-13883), writes with
# zkCli, stops every server by its PID, and copies each server's dataDir into OUT:
#   ensemble/server{1,2,3}    a 3-server ensemble after a few writes (default snapCount)
#   uncommitted/server{1,2,3} the leader logged a txn its (frozen) followers never acked,
#                             then was killed -9: the txn is in the leader's log only
#   torn/server1              a copy of ensemble/server1 whose last log entry is cut short
#   snaplogs/server{1,2,3}    snapCount=4: snapshots plus the logs after them
# Logs are preallocated in 4 KiB steps (zookeeper.preAllocSize=4) so they stay small.
set -euo pipefail
OUT=${1:?usage: make-fixtures.sh OUT}
WORK=$(mktemp -d /tmp/zk-datadir-fixtures.XXXXXX)
CP="/etc/zookeeper/conf:/usr/share/java/zookeeper.jar"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

start_ensemble() {  # start_ensemble NAME SNAPCOUNT
  local name=$1 snapcount=$2
  PIDS=()
  for id in 1 2 3; do
    local dir=$WORK/$name/server$id
    mkdir -p "$dir"
    echo "$id" > "$dir/myid"
    cat > "$WORK/$name/zoo$id.cfg" <<CFG
tickTime=200
initLimit=10
syncLimit=5
dataDir=$dir
clientPort=1218$id
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=*
server.1=127.0.0.1:12881:13881
server.2=127.0.0.1:12882:13882
server.3=127.0.0.1:12883:13883
CFG
    java -cp "$CP" -Dzookeeper.preAllocSize=4 -Dzookeeper.snapCount="$snapcount" \
      -Dzookeeper.log.dir="$WORK/$name" -Dlog4j.configuration=file:/dev/null \
      org.apache.zookeeper.server.quorum.QuorumPeerMain "$WORK/$name/zoo$id.cfg" \
      > "$WORK/$name/server$id.out" 2>&1 &
    PIDS+=($!)
  done
  for id in 1 2 3; do wait_mode "$id" '(leader|follower)'; done
}

mode_of() {  # the Mode line of the srvr four-letter word, over bash's /dev/tcp
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/1218$1 && echo srvr >&3 && cat <&3" 2>/dev/null |
    sed -n 's/^Mode: //p' || true
}
wait_mode() {
  for _ in $(seq 1 150); do
    if grep -qE "$2" <<<"$(mode_of "$1")"; then return 0; fi
    sleep 0.2
  done
  echo "server $1 never reached mode $2" >&2
  exit 1
}
leader_id() { for id in 1 2 3; do [ "$(mode_of $id)" = leader ] && echo "$id"; done; return 0; }

zkcli() {  # zkcli PORT < commands
  java -cp "$CP" -Dlog4j.configuration=file:/dev/null org.apache.zookeeper.ZooKeeperMain \
    -server "127.0.0.1:$1" > /dev/null 2>&1
}

stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

copy_out() {  # copy_out NAME
  mkdir -p "$OUT/$1"
  for id in 1 2 3; do
    rm -rf "$OUT/$1/server$id"
    cp -r "$WORK/$1/server$id" "$OUT/$1/server$id"
  done
}

# 1. A 3-server ensemble after a few writes.
start_ensemble ensemble 100000
zkcli 12181 <<'CMDS'
create /app hello
create /app/config v1
set /app/config v2
create -s /app/item- x
create -s /app/item- y
create -e /app/lock held
delete /app/item-0000000000
create /gone bye
delete /gone
quit
CMDS
sleep 1
stop_all
copy_out ensemble

# 2. An uncommitted txn in a killed leader's log.
start_ensemble uncommitted 100000
zkcli 12181 <<'CMDS'
create /committed yes
quit
CMDS
sleep 1
L=$(leader_id)
for id in 1 2 3; do
  [ "$id" = "$L" ] || kill -STOP "${PIDS[$((id - 1))]}"
done
# The create reaches the leader, which logs and proposes it; no follower acks.
(zkcli "1218$L" <<'CMDS'
create /uncommitted maybe
quit
CMDS
) &
CLI=$!
sleep 0.6
kill -9 "${PIDS[$((L - 1))]}"
for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; kill -CONT "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
kill "$CLI" 2>/dev/null || true
wait "$CLI" 2>/dev/null || true
PIDS=()
copy_out uncommitted
echo "$L" > "$OUT/uncommitted/LEADER"

# 3. A torn last log entry: ensemble/server1 with its newest log cut inside the last entry.
mkdir -p "$OUT/torn"
rm -rf "$OUT/torn/server1"
cp -r "$OUT/ensemble/server1" "$OUT/torn/server1"
LOG=$(ls "$OUT/torn/server1/version-2"/log.* | sort | tail -1)
python3 - "$LOG" <<'PY'
import sys
path = sys.argv[1]
data = open(path, 'rb').read()
end = len(data.rstrip(b'\0'))  # the last entry ends with its 'B' marker
assert data[end - 1:end] == b'B', 'last byte is not an end-of-record marker'
open(path, 'wb').write(data[:end - 7])  # cut inside the last entry
PY

# 4. Snapshots plus later logs (snapCount=4: a snapshot every few txns).
start_ensemble snaplogs 4
zkcli 12181 <<'CMDS'
create /s s
create /s/a 1
create /s/b 2
set /s/a 11
set /s/b 22
create /s/c 3
delete /s/b
set /s 0
create /s/d 4
set /s/d 44
create /t t
quit
CMDS
sleep 1
stop_all
copy_out snaplogs
echo "fixtures written to $OUT"
