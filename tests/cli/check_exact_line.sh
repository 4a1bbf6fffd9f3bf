#!/bin/sh
# Runs COMMAND... and checks its exit status and that one line of its combined output is
# exactly LINE (a whole-line fixed-string match, so a changed word or an extra prefix fails).
# Usage: check_exact_line.sh STATUS LINE COMMAND...
want=$1; line=$2; shift 2
out=$("$@" 2>&1); got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then echo "check_exact_line: exit status $got, expected $want"; exit 1; fi
if ! printf '%s\n' "$out" | grep -qxF -- "$line"; then echo "check_exact_line: no output line is exactly '$line'"; exit 1; fi
exit 0
