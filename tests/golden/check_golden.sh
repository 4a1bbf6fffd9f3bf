#!/usr/bin/env bash
# check_golden.sh ZKSIM LESSON.zks GOLDEN.txt: runs the lesson headless (`zksim run`, from
# the lesson's folder so that the output names the file without a path) and compares the
# whole output — every trace sentence, expectation line and the summary — with GOLDEN.txt.
# A difference fails with a unified diff. With ZKSIM_REWRITE=1 in the environment the
# golden file is written instead (review the change with git diff before committing it).
set -uo pipefail
zksim=$(realpath "$1")
lesson=$(realpath "$2")
golden=$(realpath -m "$3")
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
(cd "$(dirname "$lesson")" && "$zksim" run "$(basename "$lesson")") >"$actual" 2>&1
status=$?
echo "exit status $status" >>"$actual"
if [ "${ZKSIM_REWRITE:-}" = 1 ]; then
  cp "$actual" "$golden"
  echo "rewrote $golden"
  exit 0
fi
if [ ! -f "$golden" ]; then
  echo "$golden: missing; create it with ZKSIM_REWRITE=1 ./test.sh -R golden"
  exit 1
fi
if ! diff -u --label "$golden" --label "zksim run $(basename "$lesson")" "$golden" "$actual"; then
  echo "the output of $(basename "$lesson") differs from $golden (accept it: ZKSIM_REWRITE=1 ./test.sh -R golden)"
  exit 1
fi
echo "$(basename "$lesson"): output matches $golden ($(wc -l <"$golden") lines)"
