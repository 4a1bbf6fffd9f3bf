#!/bin/sh
# Runs `zksim run --quiet FILE` and checks its exit status and that its combined output
# contains PATTERN (a fixed string). Usage: check_exit.sh ZKSIM STATUS PATTERN FILE
zksim=$1; want=$2; pattern=$3; file=$4
out=$("$zksim" run --quiet "$file" 2>&1); got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then echo "check_exit: exit status $got, expected $want"; exit 1; fi
if ! printf '%s\n' "$out" | grep -qF -- "$pattern"; then echo "check_exit: output lacks '$pattern'"; exit 1; fi
exit 0
