#!/usr/bin/env bash
# Real-window test of nine servers at the minimum window size, 1024x700 (xdotool under Xvfb,
# 9 servers under load so that every server has a client's dot beside it): the cluster ring
# shows all nine labels, none overlapping another or a server's circle, all inside the
# cluster tile; the Votes table's columns keep their text (Server, State and Vote wholly in
# view, Round in view or reachable by scrolling the table sideways, which the test does with
# the wheel's horizontal buttons). Usage: gui_input_nine.sh ZKSIM PNG_CHECK OUT_DIR
set -euo pipefail
zksim=$1
png_check=$2
out_dir=$3
rm -rf "$out_dir"
# shellcheck source=gui_input_lib.sh
source "$(dirname "$0")/gui_input_lib.sh"
gui_input_setup "$out_dir" "$0" "$@"

gui_start "$out_dir" --lesson all --servers 9 --load 50 --size 1024x700
wait_for "leader [1-9]" 60
sleep 1
wait_for "note cluster.labels_left_out 0"
labels=$(grep -c '^widget cluster\.label[1-9] ' "$probe") || true
[ "$labels" = 9 ] || fail "$labels ring labels drawn, not 9"
read -r tx0 ty0 tx1 ty1 < <(field "widget tile.cluster")
# Every label inside the tile, no two labels overlapping, no label over a server's circle
# (the probe's server area is the inner half of the circle).
awk -v tx0="$tx0" -v ty0="$ty0" -v tx1="$tx1" -v ty1="$ty1" '
  $1 == "widget" && $2 ~ /^cluster\.label/ { n++; name[n] = $2; x0[n] = $3; y0[n] = $4; x1[n] = $5; y1[n] = $6 }
  $1 == "widget" && $2 ~ /^cluster\.server/ { m++; sx0[m] = $3; sy0[m] = $4; sx1[m] = $5; sy1[m] = $6 }
  END {
    for (i = 1; i <= n; i++) {
      if (x0[i] < tx0 || y0[i] < ty0 || x1[i] > tx1 || y1[i] > ty1) { print name[i] " outside the tile"; bad = 1 }
      for (j = 1; j < i; j++)
        if (x0[i] < x1[j] && x0[j] < x1[i] && y0[i] < y1[j] && y0[j] < y1[i]) { print name[i] " overlaps " name[j]; bad = 1 }
      for (k = 1; k <= m; k++)
        if (x0[i] < sx1[k] && sx0[k] < x1[i] && y0[i] < sy1[k] && sy0[k] < y1[i]) { print name[i] " covers server " k; bad = 1 }
    }
    exit bad
  }' "$probe" || fail "ring labels overlap at 1024x700: $(grep '^widget cluster\.' "$probe" | tr '\n' ';')"
screenshot "$out_dir/nine-1024.png" 1024 700

# Votes: the first three columns wholly in view; Round in view or scrolled to. A header's
# rectangle includes its cell padding, which lies outside the column's clip rectangle (the
# probe reports the first column "clipped" by those 6 px): in view means no more than that.
in_view() {
  awk -v name="votes.column$1" '$2 == name && ($1 == "widget" || ($3 >= $8 - 6 && $5 <= $10 + 6 && $4 >= $9 && $6 <= $11)) { ok = 1 }
                                END { exit !ok }' "$probe"
}
# No cell's text is wider than its column (stretched columns had cut "FOLLOWING" to "FOLLOWIN").
wait_for "note votes.cut_columns none"
for column in 0 1 2; do
  in_view "$column" || fail "Votes column $column cut off: $(grep votes.column "$probe" | tr '\n' ';')"
done
if ! in_view 3; then
  scroll_max=$(field "note votes.scroll_x" | awk '{ print $3 }')
  [ "${scroll_max%.*}" -gt 0 ] || fail "the Round column is cut off and the table does not scroll"
  read -r x0 y0 x1 y1 < <(sed -n 's/^\(widget\|clipped\) votes.column1 //p' "$probe" | head -1)
  xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $((y1 + 30))
  sleep 0.2
  for _ in 1 2 3 4 5 6; do xdotool click 7; sleep 0.1; done
  for _ in $(seq 1 50); do in_view 3 && break; sleep 0.1; done
  in_view 3 || fail "the Round column is not in view after scrolling: $(grep votes.column "$probe" | tr '\n' ';')"
  scrolled=$(field "note votes.scroll_x" | awk '{ print $1 }')
  [ "${scrolled%.*}" -gt 0 ] || fail "the Round column came into view without scrolling?"
  screenshot "$out_dir/nine-1024-votes-scrolled.png" 1024 700
fi
no_clashes
echo "nine servers at 1024x700: 9 ring labels apart, Votes columns in view or scrolled to"
