#!/usr/bin/env bash
# GUI scenario screenshots under Xvfb: `zksim gui SCENARIO --at TIME --screenshot FILE`
# renders a lesson at chosen moments. Each picture must be the right size and not flat,
# and different moments must give different pictures (the playhead, the states, the
# highlighted line differ). Also: a bad scenario file is reported as FILE:LINE with exit
# status 2 before any window opens, and --at needs a scenario.
set -euo pipefail
zksim=$1
png_check=$2
assets=$3
out_dir=$4
mkdir -p "$out_dir"
export ASAN_OPTIONS=detect_leaks=0   # Mesa's llvmpipe keeps allocations until exit.

shot() {  # shot NAME SCENARIO [options...]
  local name=$1 scenario=$2
  shift 2
  rm -f "$out_dir/$name.png"
  xvfb-run -a -s '-screen 0 1280x800x24' "$zksim" gui "$scenario" --size 1280x800 --screenshot "$out_dir/$name.png" "$@"
  "$png_check" "$out_dir/$name.png" 1280 800
}

lesson=$assets/scenarios/election-5-servers-1-to-5.zks
shot five-early "$lesson" --at 1500ms
shot five-late "$lesson" --at 6s
shot five-end "$lesson"
shot kill-leader-zh "$assets/scenarios/reelection-kill-leader.zks" --at 2100ms --lang zh
for pair in "five-early five-late" "five-late five-end" "five-early five-end"; do
  set -- $pair
  if cmp -s "$out_dir/$1.png" "$out_dir/$2.png"; then
    echo "screenshots $1 and $2 of different moments are identical" >&2
    exit 1
  fi
done

set +e
bad_msg=$("$zksim" gui "$assets/../tests/scenarios/typo.zks" --screenshot "$out_dir/never.png" 2>&1 >/dev/null)
bad_status=$?
at_msg=$("$zksim" gui --at 2s --screenshot "$out_dir/never.png" 2>&1 >/dev/null)
at_status=$?
set -e
if [ "$bad_status" -ne 2 ] || ! grep -q "typo.zks:4:" <<<"$bad_msg"; then
  echo "expected exit 2 and typo.zks:4: for a bad scenario, got $bad_status: $bad_msg" >&2
  exit 1
fi
if [ "$at_status" -ne 2 ] || ! grep -q -- "--at needs a scenario" <<<"$at_msg"; then
  echo "expected exit 2 for --at without a scenario, got $at_status: $at_msg" >&2
  exit 1
fi
if [ -e "$out_dir/never.png" ]; then
  echo "a screenshot was written although the command was refused" >&2
  exit 1
fi
