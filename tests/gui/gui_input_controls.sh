#!/usr/bin/env bash
# Real-window test of the Controls and Console panels: `zksim gui` runs on an Xvfb display
# and gets real X input from xdotool. Start 3-2-1, play until a leader is elected, Pause,
# Kill leader, Step to the next vote change (a second "Step" button: it did nothing while
# both shared one ImGui id), a partition and the Partition section's own Heal (the same
# clash), the single Step saying which event ran, and console commands typed while paused
# ("paused - press Play"), whose reply prints once Play runs the simulation (create, also
# -c and -t as zkCli takes them), Drop next and
# Hold next on one link (which message was dropped; the held one). Also: no two
# probed widgets share an id, and the paused window uses little CPU. Screenshots go to
# OUT_DIR for a person to look at.
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"  # our own X server: xdotool talks to the window's display

gui_start "$out_dir" --speed 1
wait_for "world none"

# Start 3-2-1 (the button names the order for the chosen count; starting plays), then
# Pause once a leader is elected.
wait_for "widget controls.start_down .*"
click controls.start_down
wait_for "playing 1"
wait_for "leader [1-3]" 30
click controls.play
wait_for "playing 0"
leader=$(field leader)
screenshot "$out_dir/input-elected.png"

# Kill leader: the leader goes down and nobody leads.
click controls.kill_leader
wait_for "server $leader DOWN"
wait_for "leader 0"

# Step to the next vote change (the second "Step" in the window).
click controls.step_header
wait_for "widget controls.step_to .*"
votes() { echo $(( $(field "trace_kind vote" || true) + $(field "trace_kind round" || true) + 0 )); }
votes_before=$(votes)
click controls.step_to
wait_for "note controls.step_to [0-9]+\.[0-9]{6}s: S[0-9] .*"
votes_after=$(votes)
[ "$votes_after" -gt "$votes_before" ] || fail "Step to the next vote change traced no vote change"
click controls.step_header   # closed again: the Partition section below must fit the tile

# Partition S1 | S2 S3, then heal it with the Partition section's own Heal button.
click controls.partition_header
scroll_down_to controls.partition_heal controls
click controls.group1
click controls.partition
wait_for "partitioned 1"
screenshot "$out_dir/input-partitioned.png"
click controls.partition_heal
wait_for "partitioned 0"
no_clashes

# Single Step says which event ran (and the clock it ran at).
scroll_top controls
click controls.step_one
wait_for "note controls.step_one [0-9]+\.[0-9]{6}s \((clock unchanged|\+[0-9.]+s)\): .*"

# Console: typed while paused, a command says it waits for Play; Play brings the reply.
click console.input
type_line "connect 2"
wait_for "note console.last paused — press Play for the reply"
click controls.play
wait_for "note console.last WatchedEvent state:SyncConnected type:None path:null" 30
click controls.play
wait_for "playing 0"
click console.input
type_line "create /probe hello"
# S2 (tried first) is still electing after the heal and turns the client away; the client
# sleeps its random 0-999 ms and lands on the next server of its shuffled list.
wait_for "note console.line[0-9] \[zk: S[123]\(CONNECTED\) [0-9]+\] create /probe hello"
wait_for "note console.last paused — press Play for the reply"
click controls.play
wait_for "note console.last Created /probe" 30
click controls.play
wait_for "playing 0"
# zkCli's create flags: a container is created; a TTL node needs extended types, which the
# GUI's cluster (ZooKeeper's defaults) has off.
click console.input
type_line "create -c /box"
wait_for "note console.last paused — press Play for the reply"
click controls.play
wait_for "note console.last Created /box" 30
click console.input
type_line "create -t 5000 /t"
wait_for "note console.last KeeperErrorCode = Unimplemented for /t" 30
# ACLs as zkCli spells them: addauth, then getAcl of the open node prints its one entry.
click console.input
type_line "addauth digest alice:secret"
click console.input
type_line "getAcl /probe"
wait_for "note console.last : cdrwa" 30
click console.input
type_line "help"
wait_for "note console.line[0-9]+[[:space:]]+setAcl \[-v version\] path acl" 10
click controls.play
wait_for "playing 0"
no_clashes
screenshot "$out_dir/input-console.png"

# One link, S1 -> S2 (the defaults): Drop next says it is armed, then which message it
# dropped; Hold next parks the following one, drawn on its link.
scroll_down_to controls.link_header controls
click controls.link_header
scroll_down_to controls.drop_next controls
click controls.drop_next
wait_for "note controls.drop S1 -> S2: the next message will be dropped"
click controls.hold_next
scroll_top controls
click controls.play
wait_for "note controls.drop [0-9]+\.[0-9]{6}s S1 -> S2: [A-Z_]+ dropped \(drop next\)" 30
wait_for "held [1-9][0-9]*" 30
click controls.play
wait_for "playing 0"
screenshot "$out_dir/input-held.png"

# Paused and untouched, the window waits for input: at most 5% of a core over 4 s.
ticks() { awk '{print $14 + $15}' "/proc/$gui_pid/stat"; }
sleep 1
before=$(ticks)
sleep 4
after=$(ticks)
hz=$(getconf CLK_TCK)
percent=$(((after - before) * 100 / (4 * hz)))
echo "paused GUI CPU: ${percent}% of a core"
[ "$percent" -le 5 ] || fail "the paused GUI used ${percent}% of a core (limit 5%)"
gui_stop
echo "ok"
