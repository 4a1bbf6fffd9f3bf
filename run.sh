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
cmake --build "$build_dir" --target zksim -j "$(nproc)" -- --quiet >&2
exec "$build_dir/app/zksim" "$@"
