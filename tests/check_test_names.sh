#!/usr/bin/env bash
# ctest runs each doctest case by name (doctest_discover_tests), and CMake splits a name at
# ';': a case named "a; b" became two ctest entries that matched no case and passed without
# running anything. A '[' or ']' is worse: CMake does not split a list inside brackets, so
# every case name after it ran together into one entry and ctest stopped on the file
# ("set_tests_properties unknown error"). This fails if any test case name holds one again.
# Usage: check_test_names.sh TESTS_DIR
set -euo pipefail
if grep -rnE 'TEST_CASE\("[^"]*[][;]' "$1" --include='*.cpp'; then
  echo "FAIL: the test case names above hold ';', '[' or ']' (ctest would not run them as cases)" >&2
  exit 1
fi
echo "no test case name holds ';', '[' or ']'"
