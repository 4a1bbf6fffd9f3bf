#!/bin/sh
# Runs `zksim fuzz ARGS...` and checks its exit status and that its output contains
# PATTERN (a fixed string). When the run wrote a reproducer, it is replayed with
# `zksim run` (plus REPLAY_FLAGS) and must fail (exit 1) naming the same PATTERN.
# Usage: fuzz_check.sh ZKSIM STATUS PATTERN REPLAY_FLAGS FUZZ-ARGS...
zksim=$1; want=$2; pattern=$3; replay_flags=$4; shift 4
out=$("$zksim" fuzz "$@" 2>&1); got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then echo "fuzz_check: exit status $got, expected $want"; exit 1; fi
if ! printf '%s\n' "$out" | grep -qF -- "$pattern"; then echo "fuzz_check: output lacks '$pattern'"; exit 1; fi
repro=$(printf '%s\n' "$out" | sed -n 's/^reproducer: //p')
if [ -n "$repro" ]; then
  echo "---- $repro"
  cat "$repro"
  # shellcheck disable=SC2086
  rout=$("$zksim" run --quiet $replay_flags "$repro" 2>&1); rgot=$?
  printf '%s\n' "$rout"
  if [ "$rgot" -ne 1 ]; then echo "fuzz_check: replay exit status $rgot, expected 1"; exit 1; fi
  if ! printf '%s\n' "$rout" | grep -qF -- "$pattern"; then echo "fuzz_check: replay lacks '$pattern'"; exit 1; fi
fi
exit 0
