#!/usr/bin/env bash
# Real-window test (xdotool on Xvfb, see gui_input_lib.sh) of the Votes panel's Timers: in
# the seed lesson 6 s in, leader 3 has just died; S1 and S2 are LOOKING with a notification
# resend armed, S4 (cut off until the heal) still follows the dead leader and counts down
# syncLimit (10 s); playing for a moment brings S4's countdown closer to zero.
set -euo pipefail
zksim=$1
png_check=$2
lesson=$3
out_dir=$4
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir" "$lesson" --at 6s
scroll_down_to votes.timers votes   # the Votes tile is short while a scenario is open
wait_for "note timers.S1 election-poll [0-9]+ 0"
wait_for "note timers.S2 election-poll [0-9]+ 0"
wait_for "note timers.S4 follower-timeout [0-9]+ 10000000"
wait_for "note timers.S3 "   # down: no timers
before=$(field "note timers.S4" | awk '{ print $2 }')
[ "$before" -gt 0 ] && [ "$before" -le 10000000 ] || fail "S4's syncLimit countdown is $before us"
screenshot "$out_dir/timers-6s.png"
click controls.play
sleep 1.5
click controls.play
wait_for "playing 0"
after=$(field "note timers.S4" | awk '{ print $2 }')
[ "$after" -lt "$before" ] || fail "S4's countdown did not go down while playing ($before -> $after us)"
screenshot "$out_dir/timers-played.png"
no_clashes
gui_stop
echo "timers: S4 syncLimit countdown $before -> $after us"
