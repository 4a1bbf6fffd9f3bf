#!/usr/bin/env bash
# Real-window test of branches (xdotool under Xvfb): Start, Kill leader, play on, go back in
# time before the kill with [ and kill the leader there instead (a fork), then choose the old
# future in the Branches menu: the run is back at the old end with the same trace, and the
# run it left is kept as a branch in turn.
# Usage: gui_input_branches.sh ZKSIM PNG_CHECK OUT_DIR
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
rm -rf "$out_dir"
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir" --speed 1
click controls.start_down
wait_for "leader [1-3]" 30
sleep 1
click tile.cluster
press space
wait_for "playing 0"
wait_for "note branches.count 0"
leader=$(field leader)
click controls.kill_leader
wait_for "server $leader DOWN"
kill_us=$(field time_us)
press space
sleep 2
press space
wait_for "playing 0"
end_us=$(field time_us)
end_trace=$(field trace)
[ "$end_us" -gt "$kill_us" ] || fail "the run did not go on after the kill ($end_us <= $kill_us)"
# Back before the kill, one traced moment at a time.
for _ in $(seq 1 200); do
  [ "$(field time_us)" -lt "$kill_us" ] && break
  press bracketleft
done
[ "$(field time_us)" -lt "$kill_us" ] || fail "[ did not go back before the kill at $kill_us"
wait_for "server $leader (LEADING|FOLLOWING|LOOKING)"
fork_leader=$(field leader)
click controls.kill_leader
wait_for "server $fork_leader DOWN"
wait_for "note branches.count 1"
click menu.branches
wait_for "widget branch.1 [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+" 10
screenshot "$out_dir/branches-menu.png"
click branch.1
wait_for "note branches.last switched"
wait_for "time_us $end_us" 20
wait_for "trace $end_trace"
wait_for "note branches.count 1"
screenshot "$out_dir/branches-switched.png"
gui_stop
echo "branches: the old future came back at $end_us us with its $end_trace trace events"
