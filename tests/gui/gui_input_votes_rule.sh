#!/usr/bin/env bash
# Real-window test (xdotool on Xvfb, see gui_input_lib.sh) of the deciding rule in the Votes
# panel. The seed lesson 6 s in: leader 3 and S5 died, S1 gave up its own vote for S2's, the
# same epoch and zxid and the higher id (rule 3: the vote's server id is marked). "The newest
# data beats the highest id" at 24.7 s: S3 gave up its own vote for S1's newer zxid (rule 2:
# the zxid is marked); playing on, S3 follows S1 and no vote is marked any more. The Votes
# tile is maximised for the screenshots.
set -euo pipefail
zksim=$1
png_check=$2
lesson=$3
newest_data=$4
out_dir=$5
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir" "$lesson" --at 6s
click tile.votes.maximise
wait_for "note layout maximised votes collapsed"
wait_for "note votes.decided.S1 sid S2 0x100000008 e1 <- S1 0x100000008 e1 on S2's vote"
grep -q '^widget votes.decided.S1 ' "$probe" || fail "S1's marked field is not in view in the maximised Votes tile"
screenshot "$out_dir/votes-rule-sid.png"
no_clashes
gui_stop

gui_start "$out_dir" "$newest_data" --at 24700ms
click tile.votes.maximise
wait_for "server 3 LOOKING"
wait_for "note votes.decided.S3 zxid S1 0x100000002 e1 <- S3 0x100000000 e1 on S1's vote"
screenshot "$out_dir/votes-rule-zxid.png"
press space   # play: after the 200 ms finalize wait S3 follows S1
wait_for "server 3 FOLLOWING" 20
press space
wait_for "playing 0"
sleep 0.5
if grep -q '^note votes.decided' "$probe"; then fail "a vote is still marked once elected: $(grep '^note votes.decided' "$probe")"; fi
screenshot "$out_dir/votes-rule-elected.png"
no_clashes
gui_stop
echo "votes rule: S1 by server id in the seed lesson, S3 by zxid in the newest-data lesson"
