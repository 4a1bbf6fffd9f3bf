#!/usr/bin/env bash
# Real-window test (xdotool on Xvfb, see gui_input_lib.sh) of the tiled layout's splitters,
# collapse and maximise: dragging the gap between Controls and Votes and the gap between the
# left and middle columns resizes the tiles on both sides by what the pointer moved (and a
# drag far beyond a limit stops at it); the sizes stay after New cluster and after File >
# Open scenario; a tile's maximise button and a double-click on its title bar fill the work
# area with it and restore the layout; its collapse button leaves its title bar and gives
# the height to its neighbours. At the minimum window size, 1024x700 (also what GLFW keeps
# the window from going below), no Controls widget is cut off at the side (through every
# section, scrolled top to bottom), and the timeline's lane labels of 9 servers and their
# clients do not overlap.
set -euo pipefail
zksim=$1
png_check=$2
scenario=$3
out_dir=$4
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

# rect NAME: "X0 Y0 X1 Y1" of a probed widget or tile.
rect() { field "widget $1"; }
height() { local x0 y0 x1 y1; read -r x0 y0 x1 y1 < <(rect "$1"); echo $((y1 - y0)); }
width() { local x0 y0 x1 y1; read -r x0 y0 x1 y1 < <(rect "$1"); echo $((x1 - x0)); }
# near A B: |A - B| <= 2 pixels.
near() { [ $(($1 - $2)) -le 2 ] && [ $(($2 - $1)) -le 2 ]; }

# drag NAME DX DY: presses in the middle of the probed area NAME, moves by DX DY in small
# steps (a frame sees each) and releases.
drag() {
  wait_for "widget $1 [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+" 10
  local x0 y0 x1 y1
  read -r x0 y0 x1 y1 < <(rect "$1")
  local x=$(((x0 + x1) / 2)) y=$(((y0 + y1) / 2))
  xdotool mousemove --window "$window" "$x" "$y"
  sleep 0.2
  xdotool mousedown 1
  sleep 0.2
  for step in 1 2 3 4 5; do
    xdotool mousemove --window "$window" $((x + $2 * step / 5)) $((y + $3 * step / 5))
    sleep 0.1
  done
  sleep 0.2
  xdotool mouseup 1
  sleep 0.4
}

gui_start "$out_dir" --lesson 1-2-3
wait_for "note layout maximised none collapsed"
controls_h=$(height tile.controls)
votes_h=$(height tile.votes)
controls_w=$(width tile.controls)
read -r cluster_x _ _ _ < <(rect tile.cluster)

# The gap between Controls and Votes: 120 px up.
drag split.controls.votes 0 -120
near "$(height tile.controls)" $((controls_h - 120)) || fail "Controls is $(height tile.controls) px high after dragging 120 px up from $controls_h"
near "$(height tile.votes)" $((votes_h + 120)) || fail "Votes is $(height tile.votes) px high after the drag (was $votes_h)"
# The gap between the left and middle columns: 80 px right.
drag split.columns.0 80 0
near "$(width tile.controls)" $((controls_w + 80)) || fail "the left column is $(width tile.controls) px wide after an 80 px drag from $controls_w"
read -r moved_x _ _ _ < <(rect tile.cluster)
near "$moved_x" $((cluster_x + 80)) || fail "the Cluster tile starts at $moved_x after the drag (was $cluster_x)"
screenshot "$out_dir/layout-dragged.png"
# Far beyond the limit: Votes keeps its 80 px minimum.
drag split.controls.votes 0 2000
[ "$(height tile.votes)" -ge 80 ] || fail "Votes shrank to $(height tile.votes) px (minimum 80)"
drag split.controls.votes 0 -2000
[ "$(height tile.controls)" -ge 80 ] || fail "Controls shrank to $(height tile.controls) px (minimum 80)"
drag split.controls.votes 0 400   # back to something usable
dragged_controls=$(rect tile.controls)
dragged_votes=$(rect tile.votes)
dragged_cluster=$(rect tile.cluster)

# New cluster keeps the sizes.
click controls.new_cluster_header
scroll_down_to controls.create controls
click controls.create
wait_for "time_us [0-9]{1,6}" 5   # the new run starts at 0 (and plays on)
[ "$(rect tile.controls)" = "$dragged_controls" ] || fail "New cluster moved Controls: $(rect tile.controls), was $dragged_controls"
[ "$(rect tile.votes)" = "$dragged_votes" ] || fail "New cluster moved Votes: $(rect tile.votes), was $dragged_votes"

# Maximise the znode tree with its button, then restore it.
tree_before=$(rect tile.tree)
click tile.tree.maximise
wait_for "note layout maximised tree collapsed"
read -r x0 y0 x1 y1 < <(rect tile.tree)
read -r _ _ _ menu_bottom < <(rect menu.file)
[ "$x0" -eq 0 ] && [ "$x1" -eq 1280 ] && [ "$y1" -eq 800 ] && [ "$y0" -le $((menu_bottom + 2)) ] ||
  fail "the maximised tree is at $x0 $y0 $x1 $y1, not the whole work area"
grep -q '^widget tile.controls ' "$probe" && fail "Controls is still drawn beside the maximised tree"
screenshot "$out_dir/layout-tree-maximised.png"
click tile.tree.maximise
wait_for "note layout maximised none collapsed"
[ "$(rect tile.tree)" = "$tree_before" ] || fail "the restored tree is at $(rect tile.tree), was $tree_before"

# A double-click on the console's title bar maximises it; another restores.
read -r x0 y0 x1 _ < <(rect tile.console)
xdotool mousemove --window "$window" $((x0 + 40)) $((y0 + 8))
sleep 0.2
xdotool click --repeat 2 --delay 80 1
wait_for "note layout maximised console collapsed"
read -r x0 _ x1 _ < <(rect tile.console)
[ "$x0" -eq 0 ] && [ "$x1" -eq 1280 ] || fail "the console is not maximised after a double-click on its title: $x0..$x1"
xdotool mousemove --window "$window" 40 $((menu_bottom + 8))
sleep 0.2
xdotool click --repeat 2 --delay 80 1
wait_for "note layout maximised none collapsed"

# Collapse the Why panel: its title bar stays, the tree and the console below grow.
tree_h=$(height tile.tree)
click tile.why.collapse
wait_for "note layout maximised none collapsed why"
[ "$(height tile.why)" -le 40 ] || fail "the collapsed Why tile is $(height tile.why) px high"
[ "$(height tile.tree)" -gt "$tree_h" ] || fail "the tree did not grow when Why collapsed ($(height tile.tree) <= $tree_h)"
screenshot "$out_dir/layout-why-collapsed.png"
click tile.why.collapse
wait_for "note layout maximised none collapsed"

# File > Open scenario: the columns keep their widths, the middle its split; Controls and
# Votes keep their ratio while the scenario window takes its share below them.
click menu.file
click menu.open_scenario
wait_for "note dialog open"
click dialog.path
press ctrl+a BackSpace
type_line "$scenario"
wait_for "widget scenario.window [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+"
sleep 0.5
[ "$(rect tile.cluster)" = "$dragged_cluster" ] || fail "opening a scenario moved the Cluster tile: $(rect tile.cluster), was $dragged_cluster"
[ "$(width tile.controls)" -eq $((controls_w + 80)) ] || near "$(width tile.controls)" $((controls_w + 80)) ||
  fail "opening a scenario changed the left column's width to $(width tile.controls)"
read -r _ c0 _ c1 <<<"$dragged_controls"
read -r _ v0 _ v1 <<<"$dragged_votes"
ratio_before=$(((c1 - c0) * 100 / (v1 - v0)))
ratio_after=$(($(height tile.controls) * 100 / $(height tile.votes)))
[ $((ratio_before - ratio_after)) -le 3 ] && [ $((ratio_after - ratio_before)) -le 3 ] ||
  fail "Controls:Votes went from ${ratio_before}% to ${ratio_after}% when the scenario opened"
screenshot "$out_dir/layout-scenario.png"
no_clashes
gui_stop

# The minimum size: 1024x700, 9 servers under load (client lanes), every section open.
gui_start "$out_dir" --lesson all --servers 9 --load 50 --size 1024x700
wait_for "leader [1-9]"
read -r _ _ x1 y1 < <(rect tile.console)
[ "$x1" -eq 1024 ] && [ "$y1" -eq 700 ] || fail "the layout does not end at 1024x700 ($x1 $y1)"
# Smaller is refused: GLFW's size limits put the window back to 1024x700.
xdotool windowsize "$window" 800 600
sleep 1
xdotool mousemove --window "$window" 500 300
sleep 0.5
read -r _ _ x1 y1 < <(rect tile.console)
[ "$x1" -ge 1024 ] && [ "$y1" -ge 700 ] || fail "the window shrank below 1024x700 (layout ends at $x1 $y1)"
for header in step_header partition_header link_header new_cluster_header; do
  scroll_down_to "controls.$header" controls
  click "controls.$header"
done
scroll_top controls
# clipped NAME X0 Y0 X1 Y1 in CX0 CY0 CX1 CY1: a widget inside its window's height but not
# wholly inside its width is cut off at the side.
check_no_side_clipping() {
  awk '$1 == "clipped" && $2 ~ /^controls\./ && $4 >= $9 && $6 <= $11 { print; bad = 1 } END { exit bad }' "$probe" ||
    fail "Controls widgets cut off at the side at 1024x700: $(awk '$1 == "clipped" && $2 ~ /^controls\./' "$probe" | tr '\n' ';')"
}
seen=""
for _ in $(seq 1 12); do   # top to bottom, a wheel notch at a time
  check_no_side_clipping
  seen="$seen $(sed -n 's/^widget \(controls\.[a-z_]*\) .*/\1/p' "$probe" | tr '\n' ' ')"
  read -r x0 y0 x1 y1 < <(rect tile.controls)
  xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
  xdotool click 5
  sleep 0.3
done
for name in controls.play controls.step_one controls.kill_leader controls.heal controls.partition controls.drop_next controls.create; do
  case " $seen " in *" $name "*) ;; *) fail "$name was never wholly in view at 1024x700 (seen:$seen)" ;; esac
done
screenshot "$out_dir/layout-1024-controls.png" 1024 700
# The timeline with its space-time diagram: 9 server lanes and the client lanes.
click timeline.messages
wait_for "note spacetime.count shown [0-9]+ crossing [0-9]+"
sleep 0.5
labels=$(grep -c '^widget timeline.label\.' "$probe")
[ "$labels" -ge 5 ] || fail "only $labels lane labels drawn"
# No two labels overlap (sorted by top: each starts below the previous one's bottom).
grep '^widget timeline.label\.' "$probe" | sort -k4,4n |
  awk '{ if (NR > 1 && $4 < bottom) { print "overlap: " prev " / " $2; bad = 1 } bottom = $6; prev = $2 } END { exit bad }' ||
  fail "timeline lane labels overlap at 1024x700"
screenshot "$out_dir/layout-1024-timeline.png" 1024 700
no_clashes
gui_stop
echo "layout: drag, limits, New cluster, Open scenario, maximise, double-click, collapse, 1024x700 ($labels lane labels)"
