#!/usr/bin/env bash
# Real-window test (xdotool on Xvfb, see gui_input_lib.sh) of a new cluster and of the
# scenario window and dialogs: with 7 servers chosen the Start buttons and the custom start
# order follow the count, an order too short for a quorum is warned about, a new run is
# shown whole on the timeline after zooming the old one; a scenario whose expectation
# fails says so in red with the reason, and its window leaves the Votes tile visible; the Open dialog keeps its buttons inside it when
# an error appears and closes on Escape.
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir"
wait_for "note controls.start_up Start 1-2-3"
wait_for "note controls.start_down Start 3-2-1"

# 7 servers: the buttons and the custom order follow.
click controls.servers7
wait_for "note controls.start_up Start 1-2-3-4-5-6-7"
wait_for "note controls.start_down Start 7-6-5-4-3-2-1"
click controls.new_cluster_header
wait_for "note controls.order 1 2 3 4 5 6 7"
grep -q '^note controls.order_warning' "$probe" && fail "a warning for a full start order"
click controls.start_up
wait_for "server 7 (DOWN|LOOKING)"
wait_for "server 1 LOOKING"

# Zoom the timeline with the wheel, then start anew: the new run is shown whole.
wait_for "note timeline.view .* fit 1"
wait_for "widget timeline.lanes .*"
read -r x0 y0 x1 y1 < <(field "widget timeline.lanes")
xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
sleep 0.2
xdotool click 4 click 4 click 4
wait_for "note timeline.view .* fit 0"
click controls.start_down
wait_for "note timeline.view .* fit 1"
wait_for "server 7 LOOKING"

# An order of 3 of the 7 servers elects nobody: said before Create.
scroll_down_to controls.order controls
click controls.order
press ctrl+a BackSpace
xdotool type --delay 30 "1 2 3"
wait_for "note controls.order_warning starts 3 of 7 servers: no quorum \(needs 4\).*"
screenshot "$out_dir/cluster-seven.png"
gui_stop

# A scenario whose expectation fails: red status with the count and the reason.
cat > "$out_dir/fails.zks" <<'EOF'
# A lesson with a wrong expectation: the leader is 3, not 1.
cluster 3
start 1 2 3
run until leader
expect leader 1
expect leader 3
EOF
gui_start "$out_dir" "$out_dir/fails.zks"
wait_for "note scenario.status Scenario finished: 1/2, 1 failed"
wait_for "note scenario.failed5 line 5: expect leader 1 - .*"
# The scenario window sits below the Votes tile instead of over it.
read -r votes_x0 _ _ votes_bottom < <(field "widget tile.votes")
read -r scenario_x0 scenario_top _ _ < <(field "widget scenario.window")
[ "$votes_x0" -eq "$scenario_x0" ] && [ "$votes_bottom" -le "$scenario_top" ] ||
  fail "the scenario window (top $scenario_top) covers the Votes tile (bottom $votes_bottom)"
screenshot "$out_dir/scenario-failed.png"

# File > Open scenario with a bad path: the message appears, the buttons stay inside the
# dialog, and Escape closes it.
click menu.file
click menu.open_scenario
wait_for "note dialog open"
click dialog.path
press ctrl+a BackSpace
type_line "/no/such/file.zks"
wait_for "note dialog.message .*"
sleep 0.5   # the dialog refits its height in the next frames
read -r _ _ _ dialog_bottom < <(field "widget dialog.window")
read -r _ _ _ open_bottom < <(field "widget dialog.open")
[ "$open_bottom" -le "$dialog_bottom" ] || fail "the Open button ($open_bottom) is below the dialog's bottom ($dialog_bottom)"
screenshot "$out_dir/dialog-message.png"
press Escape
sleep 0.5
xdotool mousemove --window "$window" 5 400   # a frame or two to close
sleep 0.5
if grep -q '^note dialog ' "$probe"; then fail "Escape did not close the Open dialog"; fi
no_clashes
gui_stop
echo "ok"
