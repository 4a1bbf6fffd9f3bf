#!/usr/bin/env bash
# Real-window test (xdotool on Xvfb, see gui_input_lib.sh) of lesson mode on the seed's
# second walkthrough (assets/scenarios/seed-reelection-sid-2-of-5.zks): the narration beside
# the cluster advances one paragraph at a time with the lesson's Step one line; before the
# election it asks who will win, offering the live voters S1 S2 S4; a wrong guess is told
# so, with the deciding rule of every candidate (S4 by zxid, S1 by sid); then S2 leads, S1
# and S4 follow, and every expectation passes. In Chinese (--lang zh) the narration is the
# file's `#>zh` text, also at 1024x700.
set -euo pipefail
zksim=$1
png_check=$2
lesson=$3
out_dir=$4
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir" "$lesson" --at 0s
wait_for "note lesson.paragraph 1/9"
wait_for "note lesson.text Election when it is not the first start\. .*"
# The narration sits beside the ring: right of the cluster tile (past the splitter gap), level with its top.
read -r _ cluster_y0 cluster_x1 _ < <(field "widget tile.cluster")
read -r lesson_x0 lesson_y0 _ _ < <(field "widget lesson.window")
[ $((lesson_x0 - cluster_x1)) -ge 0 ] && [ $((lesson_x0 - cluster_x1)) -le 8 ] && [ "$lesson_y0" -eq "$cluster_y0" ] ||
  fail "the lesson window (x $lesson_x0, y $lesson_y0) is not beside the cluster (right $cluster_x1, top $cluster_y0)"
screenshot "$out_dir/lesson-start.png"

click lesson.step_line
wait_for "note lesson.paragraph 2/9"
wait_for "note lesson.text The five servers start one second apart\. .*"

# Step line by line up to the question (the paragraph numbers only go up on the way).
last=2
for _ in $(seq 1 40); do
  grep -q '^note lesson.question ' "$probe" && break
  click lesson.step_line
  now=$(field "note lesson.paragraph" | cut -d/ -f1)
  [ "$now" -ge "$last" ] || fail "the paragraph went back from $last to $now"
  last=$now
done
wait_for "note lesson.paragraph 7/9"
wait_for "note lesson.question S1 S2 S4"
wait_for "server 3 DOWN"
wait_for "server 5 DOWN"
grep -q '^note lesson.answer' "$probe" && fail "an answer before a guess"
click lesson.guess.S1
wait_for "note lesson.answer Not S1: S2 wins\."
wait_for "note lesson.rule S1 out by rule 3 \(sid\): same epoch and zxid, 1 < 2; S2 wins; S4 out by rule 2 \(zxid\): 0x100000007 < 0x100000008"
screenshot "$out_dir/lesson-question.png"

# The election: S2 leads in epoch 2.
click lesson.step_line
wait_for "note lesson.paragraph 8/9"
wait_for "note lesson.text Server 2 is the new Leader \(server 4 .*"
for _ in $(seq 1 20); do
  grep -q '^note scenario.status Scenario finished' "$probe" && break
  click lesson.step_line
done
wait_for "note scenario.status Scenario finished: 21/21"
wait_for "note lesson.paragraph 9/9"
wait_for "leader 2"
wait_for "server 2 LEADING"
wait_for "server 1 FOLLOWING"
wait_for "server 4 FOLLOWING"
screenshot "$out_dir/lesson-end.png"
no_clashes
gui_stop

# Chinese, in the smallest window size supported.
gui_start "$out_dir" "$lesson" --at 0s --lang zh --size 1024x700
wait_for "note lesson.text 非第一次启动的选举。.*"
click lesson.step_line
wait_for "note lesson.text 五台服务器每隔一秒启动一台。.*"
screenshot "$out_dir/lesson-zh-1024.png" 1024 700
gui_stop
echo "lesson mode: narration, question, rule and outcome as expected"
