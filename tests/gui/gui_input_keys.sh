#!/usr/bin/env bash
# Real-window test of the keyboard shortcuts (xdotool keys on the live window under Xvfb):
# Space pauses and plays, Right arrow runs one event and the Controls panel says which,
# N steps to the next vote change, ] and [ move to the next and previous traced moment, the Why
# panel's filter keeps matching sentences, Ctrl+= / Ctrl+- / Ctrl+0 set the text size, Ctrl+S opens the save dialog (Escape closes it), and keys
# typed into the console's input stay text (Space there does not pause). Usage:
# gui_input_keys.sh ZKSIM PNG_CHECK OUT_DIR
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir" --speed 1
wait_for "world none"
click controls.start_down
wait_for "playing 1"
wait_for "leader [1-3]" 30
# A click on the cluster view: the window has the keyboard, no text field does.
click tile.cluster
press space
wait_for "playing 0"
press space
wait_for "playing 1"
press space
wait_for "playing 0"

# Right arrow: one event, and the panel names it. (A timer that was cancelled since it was set
# moves the clock without counting as an event, so either may move.)
events_before=$(field events)
time_before=$(field time_us)
press Right
wait_for "note controls.step_one .+"
events_after=$(field events)
time_after=$(field time_us)
[ "$events_after" -gt "$events_before" ] || [ "$time_after" -gt "$time_before" ] ||
  fail "Right ran nothing ($events_before -> $events_after events, $time_before -> $time_after us)"

# N: the next vote change (kill the leader first so that one comes).
click controls.kill_leader
wait_for "leader 0"
click tile.cluster
press n
wait_for "note controls.step_to [0-9]+\.[0-9]{6}s: S[0-9] .*"
wait_for "playing 0"
screenshot "$out_dir/keys-step-to.png"

# ] and [: the next and previous traced moment (the clock moves forward, then back to it).
time_at=$(field time_us)
press bracketright
wait_for "time_us [0-9]+"
time_next=$(field time_us)
[ "$time_next" -gt "$time_at" ] || fail "] did not move the playhead forward ($time_at -> $time_next)"
press bracketleft
for _ in $(seq 1 50); do [ "$(field time_us)" -lt "$time_next" ] && break; sleep 0.1; done
[ "$(field time_us)" -lt "$time_next" ] || fail "[ did not move the playhead back from $time_next"

# Ctrl+S: the save dialog; Escape closes it.
press ctrl+s
wait_for "note dialog save"
screenshot "$out_dir/keys-save-dialog.png"
press Escape
for _ in $(seq 1 30); do grep -q '^note dialog ' "$probe" || break; sleep 0.1; done
grep -q '^note dialog ' "$probe" && fail "Escape did not close the save dialog"

# The Why panel's filter: only sentences with every word typed.
click why.filter
xdotool type --delay 30 "changes vote"
wait_for "note why.matches [1-9][0-9]*"
newest=$(field "note why.newest")
case "$newest" in *changes*vote*) ;; *) fail "the newest sentence shown does not match the filter: $newest" ;; esac
screenshot "$out_dir/keys-why-filter.png"
[ "$(field playing)" = "0" ] || fail "a space typed in the filter toggled Play"
press ctrl+a BackSpace

# Text size for a projector: Ctrl+= twice, then Ctrl+0 back to 100%.
wait_for "note view.text_scale 1.0"
press ctrl+equal ctrl+equal
wait_for "note view.text_scale 1.2"
screenshot "$out_dir/keys-text-120.png"
press ctrl+minus
wait_for "note view.text_scale 1.1"
press ctrl+0
wait_for "note view.text_scale 1.0"

# In the console's input, a space is text: the simulation keeps its state.
click console.input
type_line "ls /"
[ "$(field playing)" = "0" ] || fail "a space typed in the console toggled Play"
echo "keyboard shortcuts: Space, Right, N, Ctrl+S and Escape act; the console keeps its text"
