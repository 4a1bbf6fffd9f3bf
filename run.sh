#!/usr/bin/env bash
# Builds zksim (release) if needed and runs it: `./run.sh` opens the GUI, `./run.sh run
# FILE.zks` runs a scenario headless; any arguments go to zksim. Installs missing Debian
# packages first. Safe to run again: only what changed is rebuilt.
set -euo pipefail
cd "$(dirname "$0")"
./tools/install-deps.sh
build_dir=build/release
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DZKSIM_TESTS=OFF >/dev/null
fi
[ -x "$build_dir/app/zksim" ] || echo "zksim: building (the first build takes about two minutes)..." >&2
if ! cmake --build "$build_dir" --target zksim -j "$(nproc)" >"$build_dir/build.log" 2>&1; then
  cat "$build_dir/build.log" >&2
  echo "zksim: build failed (log: $build_dir/build.log)" >&2
  exit 1
fi
exec "$build_dir/app/zksim" "$@"
