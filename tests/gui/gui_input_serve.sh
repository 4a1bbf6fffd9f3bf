#!/usr/bin/env bash
# Real-window test of live mode in the GUI (`zksim gui --serve`, xdotool under Xvfb): a real
# client (Debian's python3-kazoo) connects to server 1's port and appears in the cluster view
# with its session id and last request; Kill leader is clicked while it is connected and the
# client's next write and read succeed after it reconnects; [ moves the playhead back (the
# real clients are frozen, the menu bar says so) and End returns; File → Save as scenario
# writes the session, which `zksim run` replays with every byte each client was sent
# checked (`expect wire` lines). Then `gui --serve SCENARIO` (ports PORT+3..PORT+5): the
# scenario's steps run as a fault schedule while a client works, and its saved session replays
# with the schedule's actions in it. Usage: gui_input_serve.sh ZKSIM PNG_CHECK OUT_DIR PORT
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
port=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out_dir"
# shellcheck source=gui_input_lib.sh
source "$here/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"
client_pid=
stop_all() {
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null || true
  gui_stop
}
trap stop_all EXIT

gui_start "$out_dir" --serve --servers 3 --port "$port"
wait_for "leader [1-3]" 30
# A follower serves clients only after the leader's UPTODATE (before, it closes a connection
# at once and kazoo moves on to the next host): wait until both followers are synced.
wait_for "trace_kind synced [2-9][0-9]*" 30
wait_for "note live.status LIVE 127.0.0.1:$port-$((port + 2)), 0 real clients"
hosts="127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2))"
/usr/bin/python3 "$here/../live/gui_serve_client.py" "$hosts" "$out_dir/go" >"$out_dir/client.out" 2>"$out_dir/client.err" &
client_pid=$!
for _ in $(seq 1 200); do grep -q '^created ' "$out_dir/client.out" && break; sleep 0.1; done
grep -q '^created ' "$out_dir/client.out" || fail "the kazoo client did not create /gui-serve: $(cat "$out_dir/client.err")"
session=$(sed -n 's/^created //p' "$out_dir/client.out")
# The client is drawn beside server 1 with the session the server gave it.
wait_for "note real_client [0-9]+ 127\.0\.0\.1:[0-9]+ -> S1, session $session, last: .*" 10
wait_for "note live.status LIVE 127.0.0.1:$port-$((port + 2)), 1 real client"
screenshot "$out_dir/serve-client.png"

# Kill the leader from the GUI while the client is connected; the client carries on.
leader=$(field leader)
click controls.kill_leader
wait_for "server $leader DOWN"
touch "$out_dir/go"
for _ in $(seq 1 600); do grep -q '^done' "$out_dir/client.out" && break; sleep 0.1; done
grep -qx 'data two version 1' "$out_dir/client.out" ||
  fail "the client's write after the leader was killed did not read back: $(cat "$out_dir/client.out" "$out_dir/client.err")"
wait "$client_pid" || fail "the kazoo client failed: $(cat "$out_dir/client.err")"
client_pid=
wait_for "note live.status LIVE 127.0.0.1:$port-$((port + 2)), 0 real clients" 20

# Looking back freezes the ensemble for real clients; End returns to now.
click tile.cluster
press space
wait_for "playing 0"
press bracketleft
wait_for "note live.status .*frozen while you look back.*"
press End
wait_for "note live.status LIVE 127.0.0.1:$port-$((port + 2)), 0 real clients \(paused: real clients wait\)"

# Save as scenario, then replay it headless: every byte the client was sent is checked.
click menu.file
click menu.save_scenario
wait_for "note dialog save"
click dialog.save_path
press ctrl+a BackSpace
type_line "$out_dir/session.zks"
wait_for "note dialog.message Saved: $out_dir/session.zks"
press Escape
gui_stop
grep -q "^wire c1 open 1 from 127.0.0.1:" "$out_dir/session.zks" || fail "no wire open line in the saved session"
grep -q "^kill " "$out_dir/session.zks" || fail "no kill line in the saved session"
# The connect and the create on c1; the reconnects (a LOOKING server closes at once) and the
# write after the kill on later connections.
checks=$(grep -c '^expect wire c[0-9]* got ' "$out_dir/session.zks") || true
[ "$(grep -c '^expect wire c1 got ' "$out_dir/session.zks")" -ge 2 ] || fail "c1's connect and create are not checked"
[ "$checks" -ge 4 ] || fail "only $checks expect wire lines in the saved session"
report=$("$zksim" run "$out_dir/session.zks") || fail "the saved session does not replay: $(printf '%s\n' "$report" | tail -5)"
grep -qx "$checks passed, 0 failed" <<<"$report" || fail "the replay did not pass all $checks checks: $(printf '%s\n' "$report" | tail -3)"
# One byte of the create changed (/gui-serve -> /gui-servf): the replay reports the difference.
sed -i '0,/2f6775692d7365727665/s//2f6775692d7365727666/' "$out_dir/session.zks"
if "$zksim" run "$out_dir/session.zks" >"$out_dir/tampered.out" 2>&1; then fail "a changed request byte replayed as if nothing changed"; fi
grep -q "failed" "$out_dir/tampered.out" || fail "the tampered replay does not say what failed"
echo "gui --serve: session $session, $checks byte checks replayed"

# A fault schedule against a real client: start 3 2 1, kill the leader 2 s after it serves.
port2=$((port + 3))
gui_start "$out_dir" --serve "$here/serve/fault-schedule.zks" --port "$port2"
hosts2="127.0.0.1:$port2,127.0.0.1:$((port2 + 1)),127.0.0.1:$((port2 + 2))"
rm -f "$out_dir/go" "$out_dir/client.out"
/usr/bin/python3 "$here/../live/gui_serve_client.py" "$hosts2" "$out_dir/go" >"$out_dir/client.out" 2>"$out_dir/client.err" &
client_pid=$!
wait_for "server 3 LEADING" 30
for _ in $(seq 1 200); do grep -q '^created ' "$out_dir/client.out" && break; sleep 0.1; done
grep -q '^created ' "$out_dir/client.out" || fail "the kazoo client did not create /gui-serve under the schedule"
wait_for "server 3 DOWN" 30
# The schedule's last step stays in the menu bar once it ran.
wait_for "note live.status LIVE 127.0.0.1:$port2-$((port2 + 2)), .*; schedule: .*fault-schedule.zks:11: run 1s .*" 30
touch "$out_dir/go"
for _ in $(seq 1 600); do grep -q '^done' "$out_dir/client.out" && break; sleep 0.1; done
grep -qx 'data two version 1' "$out_dir/client.out" || fail "the client under the schedule: $(cat "$out_dir/client.out" "$out_dir/client.err")"
wait "$client_pid" || fail "the kazoo client failed: $(cat "$out_dir/client.err")"
client_pid=
click menu.file
click menu.save_scenario
wait_for "note dialog save"
click dialog.save_path
press ctrl+a BackSpace
type_line "$out_dir/scheduled.zks"
wait_for "note dialog.message Saved: $out_dir/scheduled.zks"
gui_stop
grep -q "^kill 3$" "$out_dir/scheduled.zks" || fail "the schedule's kill is not in the saved session"
grep -q "^disk fsync=1ms..3ms$" "$out_dir/scheduled.zks" || fail "the schedule's disk line is not in the saved session"
checks=$(grep -c '^expect wire c[0-9]* got ' "$out_dir/scheduled.zks") || true
report=$("$zksim" run "$out_dir/scheduled.zks") || fail "the scheduled session does not replay: $(printf '%s\n' "$report" | tail -5)"
grep -qx "$checks passed, 0 failed" <<<"$report" || fail "the scheduled replay: $(printf '%s\n' "$report" | tail -3)"
echo "gui --serve SCENARIO: $checks byte checks replayed"
