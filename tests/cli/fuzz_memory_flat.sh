#!/bin/sh
# `zksim fuzz` keeps no slot per seed: a campaign over a huge seed range (10^11 seeds) starts
# at once and, stopped by --max-seconds, peaks within LIMIT_KB of the same campaign over a
# small range (both run for the same wall seconds, so they run about as many seeds).
# Usage: fuzz_memory_flat.sh ZKSIM OUT_DIR LIMIT_KB FUZZ-ARGS...
zksim=$1; out=$2; limit_kb=$3; shift 3
peak_kb() {  # peak_kb SEEDS FUZZ-ARGS...: prints the peak resident KB, the exit status, the output
  seeds=$1; shift
  python3 -c 'import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"exit {done.returncode}")
print(done.stdout + done.stderr)' "$zksim" fuzz --seeds "$seeds" --max-seconds 2 --out "$out" "$@"
}
small=$(peak_kb 1..1000 "$@")
huge=$(peak_kb 1..100000000000 "$@")
printf 'seeds 1..1000:\n%s\nseeds 1..100000000000:\n%s\n' "$small" "$huge"
small_kb=$(printf '%s\n' "$small" | head -n 1)
huge_kb=$(printf '%s\n' "$huge" | head -n 1)
echo "peak resident memory: 10^3 seeds ${small_kb} KB, 10^11 seeds ${huge_kb} KB (limit: +${limit_kb} KB)"
if ! printf '%s\n' "$huge" | grep -q "^exit 0$"; then echo "fuzz_memory_flat: the huge range did not run"; exit 1; fi
if ! printf '%s\n' "$huge" | grep -q "^stopped by --max-seconds 2: [1-9][0-9]* of 100000000000 seeds run$"; then
  echo "fuzz_memory_flat: the huge range did not run seeds until --max-seconds stopped it"; exit 1
fi
if [ $((huge_kb - small_kb)) -gt "$limit_kb" ]; then echo "fuzz_memory_flat: memory grew with the seed range"; exit 1; fi
exit 0
