#!/usr/bin/env bash
# Real-window test (xdotool on Xvfb, see gui_input_lib.sh) of File > Open ZooKeeper data
# directories and File > Save disks. A folder with no dataDir is refused in the dialog; the
# ensemble fixture (three dataDirs written by real ZooKeeper 3.8) opens as a scenario of
# `disk ID load` lines, and running it elects server 3, as
# tests/scenarios/datadir/ensemble-restart.zks does headless; Save disks writes
# OUT/server<ID>/ dataDirs that `zksim inspect` reads back with the restored txns and the
# new epoch. Usage: gui_input_datadir.sh ZKSIM PNG_CHECK OUT_DIR FIXTURES_DIR
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
fixtures=$4
rm -rf "$out_dir"
mkdir -p "$out_dir/empty"
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir"
click menu.file
click menu.open_data_dirs
wait_for "note dialog open_data_dirs"
click dialog.data_dirs_path
press ctrl+a BackSpace
type_line "$out_dir/empty"
wait_for "note dialog.message $out_dir/empty: holds no ZooKeeper dataDir \(a folder with version-2/\), nor do its subfolders"
click dialog.data_dirs_path
press ctrl+a BackSpace
type_line "$fixtures/ensemble"
wait_for "note scenario.status next line: [0-9]+"
if grep -q '^note dialog ' "$probe"; then fail "the dialog stayed open after the folder opened"; fi
click scenario.run_to_end
wait_for "note scenario.status Scenario finished: 0/0"
wait_for "server 3 LEADING"
wait_for "server 1 FOLLOWING"
screenshot "$out_dir/data-dirs-opened.png"

click menu.file
click menu.save_disks
wait_for "note dialog save_disks"
click dialog.disks_path
press ctrl+a BackSpace
type_line "$out_dir/disks"
wait_for "note dialog.message Disks saved: $out_dir/disks/server<ID>/"
press Escape
for id in 1 2 3; do
  report=$("$zksim" inspect "$out_dir/disks/server$id") || fail "zksim inspect refused the saved server$id: $report"
  grep -qx "myid $id" <<<"$report" || fail "server$id: no 'myid $id' in: $report"
  # Every server accepted the new leader's epoch 2; the followers were still syncing when
  # the leader was elected, so only the leader's currentEpoch is 2 yet.
  grep -qx "acceptedEpoch 2" <<<"$report" || fail "server$id: no 'acceptedEpoch 2' in: $report"
  grep -qx "restore: snapshot.0 + 11 txns -> last zxid 0x10000000b, 8 nodes, 0 sessions" <<<"$report" ||
    fail "server$id: not the fixture's 11 txns and 8 nodes: $report"
done
leader_report=$("$zksim" inspect "$out_dir/disks/server3")
grep -qx "currentEpoch 2" <<<"$leader_report" || fail "the leader's currentEpoch is not 2"
no_clashes
gui_stop
echo "ok"
