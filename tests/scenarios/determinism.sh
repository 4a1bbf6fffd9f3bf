#!/bin/sh
# Runs one scenario twice with --trace and requires byte-identical JSONL traces and
# identical console output. Usage: determinism.sh ZKSIM FILE OUTDIR
zksim=$1; file=$2; dir=$3
mkdir -p "$dir" || exit 1
"$zksim" run --trace "$dir/a.jsonl" "$file" > "$dir/a.txt" || exit 1
"$zksim" run --trace "$dir/b.jsonl" "$file" > "$dir/b.txt" || exit 1
cmp "$dir/a.jsonl" "$dir/b.jsonl" || exit 1
cmp "$dir/a.txt" "$dir/b.txt" || exit 1
[ -s "$dir/a.jsonl" ] || { echo "determinism: empty trace"; exit 1; }
echo "determinism: $(wc -l < "$dir/a.jsonl") identical trace events"
