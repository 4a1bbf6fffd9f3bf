#!/usr/bin/env bash
# Builds the test suite with AddressSanitizer and UBSan and runs all of it through CTest:
# unit tests, GUI screenshot tests under xvfb-run, and the scenario suites. Installs
# missing Debian packages first. Safe to run again: only what changed is rebuilt.
# Extra arguments go to ctest (e.g. ./test.sh -R election).
set -euo pipefail
cd "$(dirname "$0")"
./tools/install-deps.sh
build_dir=build/test
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  # Debug keeps assert() on; -O1 compiles quickly and runs the sanitizers at a useful speed.
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DZKSIM_SANITIZE=ON >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)" -- --quiet
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)" "$@"
