#!/usr/bin/env bash
# One lesson in the GUI under Xvfb: `zksim gui LESSON --at 1s` (around the first election)
# and at the lesson's end. Both pictures must be 1280x800 and not flat, and they must
# differ (other states, clock, playhead and highlighted line).
set -euo pipefail
zksim=$1
png_check=$2
lesson=$3
out_dir=$4
mkdir -p "$out_dir"
export ASAN_OPTIONS=detect_leaks=0   # Mesa's llvmpipe keeps allocations until exit.
name=$(basename "$lesson" .zks)
early="$out_dir/$name-1s.png"
late="$out_dir/$name-end.png"
rm -f "$early" "$late"
xvfb-run -a -s '-screen 0 1280x800x24' "$zksim" gui "$lesson" --size 1280x800 --at 1s --screenshot "$early"
xvfb-run -a -s '-screen 0 1280x800x24' "$zksim" gui "$lesson" --size 1280x800 --screenshot "$late"
"$png_check" "$early" 1280 800
"$png_check" "$late" 1280 800
if cmp -s "$early" "$late"; then
  echo "$name: the screenshots at 1s and at the end are identical" >&2
  exit 1
fi
