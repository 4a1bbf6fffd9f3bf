#!/bin/sh
# `zksim run` drops each file's report once it is printed and builds no JSON without
# --trace: the peak resident memory of running FILE COPIES times in one command stays
# within LIMIT_KB of running it once. Usage: run_memory_flat.sh ZKSIM FILE COPIES LIMIT_KB
zksim=$1; file=$2; copies=$3; limit_kb=$4
peak_kb() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$zksim" run "$@"
}
files=""
i=0
while [ "$i" -lt "$copies" ]; do files="$files $file"; i=$((i + 1)); done
one=$(peak_kb "$file")
# shellcheck disable=SC2086
many=$(peak_kb $files)
echo "peak resident memory: one run ${one} KB, ${copies} runs ${many} KB (limit: +${limit_kb} KB)"
if [ $((many - one)) -gt "$limit_kb" ]; then echo "run_memory_flat: memory grew with the number of files"; exit 1; fi
exit 0
