#!/usr/bin/env bash
# GUI smoke test: renders 30 frames under Xvfb, writes a screenshot, and checks that the PNG
# has the requested size and is not one flat colour. Also checks the no-display message.
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
mkdir -p "$out_dir"
export ASAN_OPTIONS=detect_leaks=0   # Mesa's llvmpipe keeps allocations until exit.

# Without a display: one clear line and exit status 2.
set +e
no_display_msg=$(env -u DISPLAY -u WAYLAND_DISPLAY "$zksim" gui --frames 1 2>&1 >/dev/null)
status=$?
set -e
if [ "$status" -ne 2 ] || ! grep -q "zksim run FILE" <<<"$no_display_msg"; then
  echo "expected exit 2 and a headless hint without a display, got $status: $no_display_msg" >&2
  exit 1
fi

for theme in dark light; do
  rm -f "$out_dir/smoke-$theme.png"
  xvfb-run -a -s '-screen 0 1280x800x24' \
    "$zksim" gui --frames 30 --size 1280x800 --theme "$theme" --screenshot "$out_dir/smoke-$theme.png"
  "$png_check" "$out_dir/smoke-$theme.png" 1280 800
done

# A running lesson (5 servers started 1..5, ten times real time) renders a different picture
# from the empty shell: the ring, its states and the decision log.
rm -f "$out_dir/lesson.png"
xvfb-run -a -s '-screen 0 1280x800x24' \
  "$zksim" gui --lesson 1-2-3 --servers 5 --speed 10 --frames 40 --size 1280x800 --screenshot "$out_dir/lesson.png"
"$png_check" "$out_dir/lesson.png" 1280 800
if cmp -s "$out_dir/lesson.png" "$out_dir/smoke-dark.png"; then
  echo "the running lesson looks exactly like the empty shell" >&2
  exit 1
fi
