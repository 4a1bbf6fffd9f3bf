#!/usr/bin/env bash
# Real-window test of "expect this here" (xdotool under Xvfb): right-click a server, pick a
# check of what it shows now (leader, state, epoch, zxid); one of them is added after the
# playhead moved back in time; Kill leader follows; File → Save as scenario writes each check
# at its moment, before the kill, and `zksim run` on the saved session passes all of them.
# Usage: gui_input_expect.sh ZKSIM PNG_CHECK OUT_DIR
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
rm -rf "$out_dir"
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

# right_click_menu SERVER ITEM: opens SERVER's menu in the cluster view and clicks ITEM.
right_click_menu() {
  right_click "cluster.server$1"
  click "$2"
}

gui_start "$out_dir" --speed 1
click controls.start_down
wait_for "leader [1-3]" 30
sleep 1
click tile.cluster
press space
wait_for "playing 0"
leader=$(field leader)
follower=$(( leader == 1 ? 2 : 1 ))
right_click_menu "$leader" server_menu.expect_leader
wait_for "note cluster.expect added at .*: expect leader $leader"
right_click_menu "$follower" server_menu.expect_state
wait_for "note cluster.expect added at .*: expect state $follower FOLLOWING"
right_click_menu "$follower" server_menu.expect_zxid
wait_for "note cluster.expect added at .*: expect zxid $follower 0x[0-9a-f]+"
screenshot "$out_dir/expect-menu.png"
# Back in time: the follower was LOOKING then; the check says what was shown there.
press bracketleft bracketleft bracketleft bracketleft bracketleft bracketleft
right_click_menu "$follower" server_menu.expect_state
wait_for "note cluster.expect added at .*: expect state $follower [A-Z]+"
early=$(field "note cluster.expect" | sed 's/.*: expect/expect/')
press End
click controls.kill_leader
wait_for "server $leader DOWN"
save_scenario "$out_dir/checked.zks"
gui_stop
saved="$out_dir/checked.zks"
expects=$(grep -c '^expect ' "$saved") || true
[ "$expects" = 4 ] || fail "saved $expects expect lines, not 4: $(cat "$saved")"
kill_line=$(grep -n '^kill ' "$saved" | head -1 | cut -d: -f1)
last_expect=$(grep -n '^expect ' "$saved" | tail -1 | cut -d: -f1)
[ "$last_expect" -lt "$kill_line" ] || fail "an expectation comes after the kill it preceded: $(cat "$saved")"
first_expect=$(grep -n '^expect ' "$saved" | head -1 | cut -d: -f1)
[ "$(sed -n "${first_expect}p" "$saved")" = "$early" ] || fail "the check added back in time is not first: $(cat "$saved")"
report=$("$zksim" run "$saved") || fail "the saved session's checks do not pass: $(printf '%s\n' "$report" | grep -i fail | head -5)"
grep -qx "4 passed, 0 failed" <<<"$report" || fail "not 4 passed: $(printf '%s\n' "$report" | tail -2)"
echo "expect this here: 4 checks saved and passed"
