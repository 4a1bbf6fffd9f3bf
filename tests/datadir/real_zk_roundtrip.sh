#!/usr/bin/env bash
# real_zk_roundtrip.sh ZKSIM SCENARIO WORK: the round trip of real ZooKeeper data
# directories. SCENARIO loads the snaplogs fixture (made by real ZooKeeper 3.8), runs in
# zksim and writes each server's disk with --save-disks; then a real 3-server ZooKeeper 3.8
# ensemble (Debian package `zookeeper`; 127.0.0.1, client ports 12184-12186, quorum
# 12884-12886, election 13884-13886; every server stopped by its PID) starts on the written
# directories. Checks: server 3 leads (as zksim elected), no digest mismatch (mntr's
# zk_digest_mismatches_count: ZooKeeper compares the snapshot's digest trailer and every
# TxnDigest with its own tree while loading), and zkCli reads the data and Stat zksim's
# scenario asserted.
set -euo pipefail
ZKSIM=$1 SCENARIO=$2 WORK=$3
CP="/etc/zookeeper/conf:/usr/share/java/zookeeper.jar"
rm -rf "$WORK"
mkdir -p "$WORK"
"$ZKSIM" run --quiet --save-disks "$WORK/disks" "$SCENARIO"

PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap stop_all EXIT
# Server 3 starts first and the others once its election port listens: real JVMs start at
# different moments, and FastLeaderElection elects the highest id only among the servers that
# are up within its finalize wait; zksim's scenario starts all three at one instant.
for id in 3 1 2; do
  cat > "$WORK/zoo$id.cfg" <<CFG
tickTime=200
initLimit=10
syncLimit=5
dataDir=$WORK/disks/server$id
clientPort=1218$((id + 3))
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=*
server.1=127.0.0.1:12884:13884
server.2=127.0.0.1:12885:13885
server.3=127.0.0.1:12886:13886
CFG
  java -cp "$CP" -Dzookeeper.preAllocSize=4 org.apache.zookeeper.server.quorum.QuorumPeerMain "$WORK/zoo$id.cfg" \
    > "$WORK/server$id.out" 2>&1 &
  PIDS+=($!)
  if [ "$id" = 3 ]; then
    for _ in $(seq 1 150); do
      timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/13886" 2>/dev/null && break
      sleep 0.2
    done
  fi
done

four() {  # four PORT WORD
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && echo $2 >&3 && cat <&3" 2>/dev/null || true
}
mode_of() { four "1218$(($1 + 3))" srvr | sed -n 's/^Mode: //p'; }
for id in 1 2 3; do
  for _ in $(seq 1 150); do
    grep -qE 'leader|follower' <<<"$(mode_of "$id")" && break
    sleep 0.2
  done
done
fail=0
modes="$(mode_of 1) $(mode_of 2) $(mode_of 3)"
echo "real ZooKeeper modes: $modes"
[ "$modes" = "follower follower leader" ] || { echo "FAIL: expected server 3 to lead (zksim's election)"; fail=1; }
for id in 1 2 3; do
  mism=$(four "1218$((id + 3))" mntr | sed -n 's/^zk_digest_mismatches_count\t//p')
  echo "server $id zk_digest_mismatches_count=$mism"
  [ "$mism" = "0" ] || { echo "FAIL: server $id digest mismatches: '$mism'"; fail=1; }
done
out=$(printf 'get -s /s/d\nget -s /after\nls /s\nquit\n' |
  java -cp "$CP" org.apache.zookeeper.ZooKeeperMain -server 127.0.0.1:12185 2>/dev/null | tr -d '\r')
echo "$out"
# A here-string, not a pipe: with pipefail, grep -q closing the pipe early fails the printf.
expect_line() { grep -qxF -- "$1" <<<"$out" || { echo "FAIL: zkCli output lacks '$1'"; fail=1; }; }
expect_line "44"
expect_line "mZxid = 0x10000000b"
expect_line "x"
expect_line "cZxid = 0x200000002"
expect_line "[a, c, d]"
exit $fail
