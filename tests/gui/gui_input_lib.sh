# Helpers for the real-window GUI tests (sourced; see gui_input_controls.sh). They start
# `zksim gui --probe FILE` on the Xvfb display the test runs under, read the probe file it
# rewrites after every frame (widget rectangles, the world's state, what panels show; see
# ui/test_probe.h) and send real X input with xdotool: the mouse moves to the middle of a
# named widget's rectangle and clicks, keys are typed into the focused window.

# gui_input_setup OUT_DIR SCRIPT ARGS...: every real-window test's start. Outside Xvfb the
# script runs itself again inside xvfb-run (SCRIPT ARGS... are its own $0 "$@"); then OUT_DIR
# exists, leaks are not reported (Mesa's llvmpipe keeps allocations until exit) and the GUI
# is stopped at exit (a test with more to stop sets its own EXIT trap after this).
gui_input_setup() {
  local out=$1 script=$2
  shift 2
  if [ -z "${ZKSIM_GUI_INPUT_DISPLAY:-}" ]; then
    ZKSIM_GUI_INPUT_DISPLAY=1 exec xvfb-run -a -s '-screen 0 1280x800x24' "$script" "$@"
  fi
  mkdir -p "$out"
  export ASAN_OPTIONS=detect_leaks=0
  trap gui_stop EXIT
}

# gui_start OUT_DIR [zksim gui options...]: starts the GUI, waits for its first probe.
gui_start() {
  probe="$1/probe.txt"
  shift
  rm -f "$probe" "$probe.shot"
  "$zksim" gui --size 1280x800 --probe "$probe" "$@" &
  gui_pid=$!
  for _ in $(seq 1 300); do
    [ -s "$probe" ] && break
    kill -0 "$gui_pid" 2>/dev/null || fail "zksim gui exited before its first frame"
    sleep 0.1
  done
  [ -s "$probe" ] || fail "no probe file after 30 s"
  window=$(xdotool search --sync --name '^zksim$' | head -1)
  [ -n "$window" ] || fail "no zksim window on the display"
}

gui_stop() {
  if [ -n "${gui_pid:-}" ] && kill -0 "$gui_pid" 2>/dev/null; then
    kill "$gui_pid"
    wait "$gui_pid" 2>/dev/null || true
  fi
  gui_pid=
}

fail() {
  echo "FAIL: $*" >&2
  if [ -n "${probe:-}" ] && [ -f "$probe" ]; then
    echo "--- last probe ($probe):" >&2
    cat "$probe" >&2
    if [ -n "${gui_pid:-}" ] && kill -0 "$gui_pid" 2>/dev/null; then   # what the window showed
      echo "$(dirname "$probe")/failure.png" > "$probe.shot"
      sleep 2
      echo "--- screenshot: $(dirname "$probe")/failure.png" >&2
    fi
  fi
  gui_stop
  exit 1
}

# field KEY: the rest of the probe's first line starting with "KEY ".
field() { sed -n "s/^$1 //p" "$probe" | head -1; }

# wait_for REGEX [SECONDS]: waits until a probe line matches (extended regex, whole line).
wait_for() {
  local pattern=$1 limit=${2:-20}
  local tries=$((limit * 10))
  for _ in $(seq 1 "$tries"); do
    grep -Eq "^($pattern)\$" "$probe" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "waited ${limit} s for a probe line matching: $pattern"
}

# click NAME: clicks the middle of the widget the probe names (waits for it to be drawn).
click() {
  wait_for "widget $1 [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+" 10
  local x0 y0 x1 y1
  read -r x0 y0 x1 y1 < <(field "widget $1")
  xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
  sleep 0.2   # let a frame see the pointer over the widget
  xdotool click 1
  sleep 0.3
}

# right_click NAME: right-clicks the middle of the widget (or probe area) the probe names, such
# as a server's circle or a znode tree row (a name may hold '/': tree.node/app).
right_click() {
  wait_for "widget $1 [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+" 10
  local x0 y0 x1 y1
  read -r x0 y0 x1 y1 < <(awk -v name="$1" '$1 == "widget" && $2 == name { print $3, $4, $5, $6; exit }' "$probe")
  xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
  sleep 0.2
  xdotool click 3
  sleep 0.3
}

# save_scenario PATH: File → Save as scenario to PATH, waiting for the dialog's "Saved".
save_scenario() {
  click menu.file
  click menu.save_scenario
  wait_for "note dialog save"
  click dialog.save_path
  press ctrl+a BackSpace
  type_line "$1"
  wait_for "note dialog.message Saved: $1"
}

# scroll_down_to NAME TILE: turns the mouse wheel over tile TILE (e.g. controls) one notch
# at a time until widget NAME is in view (a tile scrolls when its content is taller), then
# one notch more so that all of it is. scroll_top TILE: back to the top.
scroll_down_to() {
  local x0 y0 x1 y1
  read -r x0 y0 x1 y1 < <(field "widget tile.$2")
  xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
  for _ in $(seq 1 15); do
    if grep -Eq "^widget $1 " "$probe"; then
      xdotool click 5
      sleep 0.3
      return 0
    fi
    xdotool click 5
    sleep 0.3
  done
  fail "widget $1 did not come into view by scrolling tile $2"
}
scroll_top() {
  local x0 y0 x1 y1
  read -r x0 y0 x1 y1 < <(field "widget tile.$1")
  xdotool mousemove --window "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
  for _ in $(seq 1 10); do xdotool click 4; done
  sleep 0.3
}

# press KEY...: presses and releases each key (xdotool names: Return, Escape, ctrl+a)
# holding it 0.1 s, as a person does. ImGui 1.86 reads a key's state once a frame, so a
# press and release between two frames (`xdotool key`) would be missed.
press() {
  for key in "$@"; do
    xdotool keydown "$key"
    sleep 0.1
    xdotool keyup "$key"
    sleep 0.1
  done
}

# type_line TEXT: types TEXT and Return into the window (the focused widget gets it).
type_line() {
  xdotool type --delay 30 "$1"
  sleep 0.1
  press Return
  sleep 0.3
}

# screenshot FILE.png [WIDTH HEIGHT]: the live window as a PNG (through the probe's
# FILE.shot request), checked to be WIDTH x HEIGHT (default 1280 x 800) and not flat.
screenshot() {
  rm -f "$1"
  echo "$1" > "$probe.shot"
  for _ in $(seq 1 100); do
    [ -s "$1" ] && [ ! -f "$probe.shot" ] && { sleep 0.2; "$png_check" "$1" "${2:-1280}" "${3:-800}"; return 0; }
    sleep 0.1
  done
  fail "no screenshot $1 after 10 s"
}

# no_clashes: fails when two probed widgets share one ImGui id.
no_clashes() {
  if grep -q '^clash ' "$probe"; then
    fail "widgets share an ImGui id: $(grep '^clash ' "$probe" | tr '\n' ';')"
  fi
}
