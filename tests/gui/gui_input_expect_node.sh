#!/usr/bin/env bash
# Real-window test of "expect this here" on a znode (xdotool under Xvfb): the console
# creates /app with a child and sets its data; right-click /app in the Znode tree panel and
# pick its data, children and version checks (`expect node ID /app ...`); the console then
# sets /app again. File → Save as scenario writes the three checks before that set, and
# `zksim run` on the saved session passes them; with the data changed in the saved file the
# data check fails and says what the server had. Usage: gui_input_expect_node.sh ZKSIM PNG_CHECK OUT_DIR
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
rm -rf "$out_dir"
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

# console LINE REPLY: types LINE into the console and waits for REPLY as its last line.
console() {
  click console.input
  type_line "$1"
  wait_for "note console.last $2" 30
}

# node_menu PATH ITEM: right-clicks PATH in the Znode tree and clicks ITEM of its menu.
node_menu() {
  right_click "tree.node$1"
  [ -z "${2:-}" ] || click "$2"
}

gui_start "$out_dir" --speed 1
click controls.start_down
wait_for "leader [1-3]" 30
leader=$(field leader)
console "connect $leader" "WatchedEvent state:SyncConnected type:None path:null"
console 'create /app "one two"' "Created /app"
console "create /app/k x" "Created /app/k"
click console.input
type_line 'set /app "one two"'
console "get /app" "one two"
sleep 1
click tile.cluster
press space
wait_for "playing 0"
# The tree shows the leader's copy (its default): /app is a child of the open root.
node_menu /app node_menu.expect_data
wait_for "note tree.expect added at .*: expect node $leader /app data \"one two\""
node_menu /app node_menu.expect_children
wait_for "note tree.expect added at .*: expect node $leader /app children k"
node_menu /app
wait_for "widget node_menu.expect_version [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+" 10
wait_for "widget node_menu.expect_cversion [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+" 10
screenshot "$out_dir/expect-node-menu.png"
click node_menu.expect_version
wait_for "note tree.expect added at .*: expect node $leader /app stat version 1"
no_clashes
press space
wait_for "playing 1"
click console.input
type_line "set /app later"
console "get /app" "later"
sleep 1
save_scenario "$out_dir/checked.zks"
gui_stop
saved="$out_dir/checked.zks"
expects=$(grep -c '^expect node ' "$saved") || true
[ "$expects" = 3 ] || fail "saved $expects expect node lines, not 3: $(cat "$saved")"
grep -qx "expect node $leader /app data \"one two\"" "$saved" || fail "no data check: $(cat "$saved")"
grep -qx "expect node $leader /app children k" "$saved" || fail "no children check: $(cat "$saved")"
grep -qx "expect node $leader /app stat version 1" "$saved" || fail "no version check: $(cat "$saved")"
later=$(grep -n 'set /app later' "$saved" | head -1 | cut -d: -f1)
last_expect=$(grep -n '^expect node ' "$saved" | tail -1 | cut -d: -f1)
[ -n "$later" ] && [ "$last_expect" -lt "$later" ] || fail "a check comes after the set it preceded: $(cat "$saved")"
report=$("$zksim" run "$saved") || fail "the saved session's checks do not pass: $(printf '%s\n' "$report" | grep -i fail | head -5)"
grep -qx "3 passed, 0 failed" <<<"$report" || fail "not 3 passed: $(printf '%s\n' "$report" | tail -2)"
# The same session with other data in the check: it fails, saying what the server had.
sed "s|^expect node $leader /app data \"one two\"\$|expect node $leader /app data \"one three\"|" "$saved" > "$out_dir/changed.zks"
if report=$("$zksim" run "$out_dir/changed.zks"); then fail "the changed check passed: $report"; fi
grep -q "expect node $leader /app data \"one three\": FAILED: expected S$leader /app data \"one three\", saw \"one two\"" <<<"$report" ||
  fail "no FAILED line saying what the server had: $report"
grep -qx "2 passed, 1 failed" <<<"$report" || fail "not 2 passed, 1 failed: $(printf '%s\n' "$report" | tail -2)"
echo "expect this here on a znode: 3 checks saved and passed; a changed one fails with what S$leader had"
