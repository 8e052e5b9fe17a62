#!/bin/bash
# Compares `songngu build` of several binaries on one corpus, runs interleaved so that a
# drifting machine affects each alike: median wall time, CPU time (perf's task-clock) and
# peak RSS per binary.
#
#   benches/compare.sh RUNS CORPUS_ROOT BINARY...
#   benches/compare.sh 9 target/bench-corpus/p5000-s1-v2 /tmp/songngu-old target/release/songngu
#
# Needs `perf` and GNU time (/usr/bin/time). Output goes to /dev/shm (tmpfs), one folder per
# binary, replaced by each run.
set -euo pipefail
runs=$1 corpus=$2
shift 2
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
for i in $(seq "$runs"); do
  n=0
  for bin in "$@"; do
    n=$((n + 1))
    out=/dev/shm/songngu-compare-$n
    start=$(date +%s%N)
    cpu=$(perf stat -x, -e task-clock /usr/bin/time -f 'rss %M' -o "$results/rss" \
      "$bin" build --root "$corpus" --out "$out" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}')
    end=$(date +%s%N)
    echo "$cpu $(( (end - start) / 1000000 )) $(awk '/^rss/ {print $2}' "$results/rss")" >> "$results/$n"
  done
done
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
n=0
for bin in "$@"; do
  n=$((n + 1))
  printf '%s\n  wall %s ms, CPU %s ms, peak RSS %s MB (medians of %s)\n' "$bin" \
    "$(cut -d' ' -f2 "$results/$n" | median)" \
    "$(cut -d' ' -f1 "$results/$n" | median | cut -d. -f1)" \
    "$(( $(cut -d' ' -f3 "$results/$n" | median) / 1024 ))" "$runs"
  rm -rf "/dev/shm/songngu-compare-$n"
done
