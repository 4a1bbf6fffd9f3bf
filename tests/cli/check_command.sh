#!/bin/sh
# Runs `zksim ARGS...` and checks its exit status and that its combined output contains
# PATTERN (a fixed string). Usage: check_command.sh ZKSIM STATUS PATTERN ARGS...
# With CHECK_ABSENT set in the environment, the output must not contain that fixed string
# either (e.g. a summary line that shows the run started when it should not have).
zksim=$1; want=$2; pattern=$3; shift 3
out=$("$zksim" "$@" 2>&1); got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then echo "check_command: exit status $got, expected $want"; exit 1; fi
if ! printf '%s\n' "$out" | grep -qF -- "$pattern"; then echo "check_command: output lacks '$pattern'"; exit 1; fi
if [ -n "${CHECK_ABSENT:-}" ] && printf '%s\n' "$out" | grep -qF -- "$CHECK_ABSENT"; then
  echo "check_command: output has '$CHECK_ABSENT'"; exit 1
fi
exit 0
