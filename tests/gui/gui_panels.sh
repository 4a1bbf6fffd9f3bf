#!/usr/bin/env bash
# GUI panels test: 9 servers under a client write load draw hundreds of messages in flight
# (the frame-stats line says how many), the picture differs from the quiet election, and
# the Chinese interface renders a different, non-flat picture. Light-theme pictures of the
# newer panels: the seed lesson's narration 6 s in, the Votes panel's timers of a starting
# cluster and the space-time diagram with its dropped messages, at 1280x800 and 1920x1080, in
# both languages (look at them:
# panels-light-*.png). Bad --latency / --load values are refused with one line and exit
# status 2.
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
lesson=$4
mkdir -p "$out_dir"
export ASAN_OPTIONS=detect_leaks=0   # Mesa's llvmpipe keeps allocations until exit.
run() { xvfb-run -a -s '-screen 0 1280x800x24' "$zksim" gui --size 1280x800 "$@"; }

rm -f "$out_dir"/panels-*.png
stats=$(run --lesson all --servers 9 --latency 50..100 --load 400 --frames 150 --frame-stats \
  --screenshot "$out_dir/panels-load.png")
"$png_check" "$out_dir/panels-load.png" 1280 800
echo "$stats"
if ! grep -Eq '^frames 140: frame time mean [0-9.]+ ms, median [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms, [0-9]+ \([0-9.]+%\) over .* messages in flight mean [0-9]+, min [0-9]+$' <<<"$stats"; then
  echo "unexpected --frame-stats line: $stats" >&2
  exit 1
fi
mean_in_flight=$(sed -E 's/.*messages in flight mean ([0-9]+),.*/\1/' <<<"$stats")
if [ "$mean_in_flight" -lt 100 ]; then
  echo "expected hundreds of messages in flight under load, got a mean of $mean_in_flight" >&2
  exit 1
fi

run --lesson all --servers 9 --frames 150 --screenshot "$out_dir/panels-quiet.png"
"$png_check" "$out_dir/panels-quiet.png" 1280 800
if cmp -s "$out_dir/panels-load.png" "$out_dir/panels-quiet.png"; then
  echo "the loaded cluster looks exactly like the quiet one" >&2
  exit 1
fi

run --lesson 1-2-3 --servers 5 --speed 1 --frames 70 --lang zh --screenshot "$out_dir/panels-zh.png"
"$png_check" "$out_dir/panels-zh.png" 1280 800
run --lesson 1-2-3 --servers 5 --speed 1 --frames 70 --screenshot "$out_dir/panels-en.png"
if cmp -s "$out_dir/panels-zh.png" "$out_dir/panels-en.png"; then
  echo "the Chinese interface looks exactly like the English one" >&2
  exit 1
fi

light() {  # light NAME WIDTH HEIGHT ARGS...: a light-theme screenshot, checked
  local name=$1 width=$2 height=$3
  shift 3
  xvfb-run -a -s "-screen 0 ${width}x${height}x24" "$zksim" gui --size "${width}x${height}" --theme light \
    --frames 40 --screenshot "$out_dir/panels-light-$name.png" "$@"
  "$png_check" "$out_dir/panels-light-$name.png" "$width" "$height"
}
light lesson-timers 1280 800 "$lesson" --at 6s
light timers 1280 800 --lesson 1-2-3 --servers 5   # no scenario: the Votes tile shows its timers
light spacetime 1280 800 "$lesson" --space-time
light spacetime-1080 1920 1080 "$lesson" --at 6s --space-time
light spacetime-zh 1280 800 "$lesson" --at 6s --space-time --lang zh
if cmp -s "$out_dir/panels-light-lesson-timers.png" "$out_dir/panels-light-spacetime.png"; then
  echo "the space-time diagram looks exactly like the plain timeline" >&2
  exit 1
fi

for bad in "--latency 5..1" "--latency x" "--load 0" "--load many"; do
  set +e
  # shellcheck disable=SC2086
  message=$("$zksim" gui $bad --frames 1 2>&1 >/dev/null)
  status=$?
  set -e
  if [ "$status" -ne 2 ] || [ "$(wc -l <<<"$message")" -ne 2 ]; then
    echo "expected exit 2 and a one-line error for '$bad', got $status: $message" >&2
    exit 1
  fi
done
