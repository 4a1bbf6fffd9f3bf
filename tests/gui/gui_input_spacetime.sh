#!/usr/bin/env bash
# Real-window test (xdotool on Xvfb, see gui_input_lib.sh) of the space-time diagram: on
# an opened lesson run to its end, the timeline's Messages box draws the run's messages as
# arrows between server and client lanes and says how many it draws; zooming the timeline
# in narrows it to fewer; clicking an arrow (the probe names one between servers that no
# other arrow comes near) selects that message, moves the playhead to its sending and
# shows its fields. The messages dropped in the lesson (on their way to the killed S3 and S5)
# end in crosses: clicking one selects it and names why it was dropped. The plain arrows'
# shafts are counted as drawn by OpenGL's lines, the dropped and selected ones by ImGui.
# Also at 1024x700.
set -euo pipefail
zksim=$1
png_check=$2
lesson=$3
out_dir=$4
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

# seconds_to_us 4.193557s: the microseconds of a time the diagram printed.
seconds_to_us() { awk -v t="${1%s}" 'BEGIN { printf "%d\n", t * 1000000 + 0.5 }'; }

gui_start "$out_dir" "$lesson"
wait_for "note scenario.status Scenario finished: .*"
grep -q '^note spacetime.count' "$probe" && fail "the diagram is drawn before Messages is ticked"
click timeline.messages
wait_for "note spacetime.count shown [0-9]+ crossing [0-9]+"
read -r _ shown _ crossing < <(field "note spacetime.count")
[ "$shown" -gt 20 ] || fail "only $shown arrows drawn for the whole lesson"
[ "$shown" -le 1500 ] && [ "$shown" -le "$crossing" ] || fail "drawn $shown of $crossing (at most 1500)"
screenshot "$out_dir/spacetime-whole.png"
dropped=$(field "note spacetime.dropped")
[ "$dropped" -gt 0 ] || fail "no dropped message drawn for the whole lesson (S3 and S5 are killed)"
# The plain arrows' shafts are drawn by OpenGL itself (GL_LINES from a draw-list callback,
# ui/gl_lines.h); the dropped ones (outlined, with a cross) by ImGui. The callback reports
# the lines it drew in the frame before.
read -r segments _ gl_shafts _ imgui_shafts < <(field "note spacetime.shafts")
[ "$gl_shafts" -gt 20 ] && [ "$imgui_shafts" -eq "$dropped" ] && [ $((gl_shafts + imgui_shafts)) -eq "$segments" ] ||
  fail "shafts: $segments arrows, $gl_shafts through GL, $imgui_shafts through ImGui ($dropped dropped)"
wait_for "note spacetime.gl_lines drawn $gl_shafts of $gl_shafts"

# Click a dropped message's cross: it is selected and the line says why it was dropped.
wait_for "widget spacetime.drop_pick [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+"
drop_pick=$(field "note spacetime.drop_pick")
[[ "$drop_pick" =~ \ dropped\ [0-9.]+s:\ (receiver\ down|sender\ crashed.*|its\ connection\ was\ broken|partition.*)$ ]] ||
  fail "the dropped arrow's text does not say why: $drop_pick"
click spacetime.drop_pick
wait_for "note spacetime.selected Selected: $(printf '%s' "$drop_pick" | sed 's/[.()]/\\&/g') - .+"
drop_selected=$(field "note spacetime.selected")
screenshot "$out_dir/spacetime-dropped.png"
click timeline.fit

# Zoom in around the middle of the lanes: fewer messages cross the narrower window.
read -r x0 y0 x1 y1 < <(field "widget timeline.lanes")
xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
sleep 0.2
for _ in 1 2 3 4 5 6 7 8; do xdotool click 4; sleep 0.05; done
wait_for "note timeline.view .* fit 0"
sleep 0.5
read -r _ zoomed_shown _ zoomed_crossing < <(field "note spacetime.count")
[ "$zoomed_crossing" -lt "$crossing" ] || fail "zooming in did not narrow the diagram ($zoomed_crossing of $crossing)"
screenshot "$out_dir/spacetime-zoomed.png"

# Click an arrow: it is selected, the playhead moves to its sending, its fields are shown.
wait_for "widget spacetime.pick [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+"
pick=$(field "note spacetime.pick")
[ -n "$pick" ] || fail "no arrow named by the probe"
click spacetime.pick
wait_for "note spacetime.selected Selected: $(printf '%s' "$pick" | sed 's/[.()]/\\&/g') - .+"
selected=$(field "note spacetime.selected")
case "$selected" in
  *"fields are not known"* | *"no fields"*) fail "no fields for a message between servers: $selected" ;;
esac
sent=$(printf '%s\n' "$pick" | sed -n 's/.* sent \([0-9.]*s\) .*/\1/p')
# The selected arrow (delivered, outlined) leaves the GL lines for ImGui's, on top of them.
zoomed_dropped=$(field "note spacetime.dropped")
read -r segments _ gl_shafts _ imgui_shafts < <(field "note spacetime.shafts")
[ "$imgui_shafts" -eq $((zoomed_dropped + 1)) ] && [ $((gl_shafts + imgui_shafts)) -eq "$segments" ] ||
  fail "shafts with one selected: $segments arrows, $gl_shafts through GL, $imgui_shafts through ImGui ($zoomed_dropped dropped)"
wait_for "note spacetime.gl_lines drawn $gl_shafts of $gl_shafts"
wait_for "time_us $(seconds_to_us "$sent")"
echo "selected: $selected"
screenshot "$out_dir/spacetime-selected.png"
no_clashes
gui_stop

gui_start "$out_dir" "$lesson" --size 1024x700
click timeline.messages
wait_for "note spacetime.count shown [0-9]+ crossing [0-9]+"
screenshot "$out_dir/spacetime-1024.png" 1024 700
gui_stop
echo "space-time diagram: $shown of $crossing arrows ($dropped dropped), selected $selected; zoomed: $zoomed_shown of $zoomed_crossing; dropped: $drop_selected"
