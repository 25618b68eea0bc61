#!/usr/bin/env bash
# Runs one JMH benchmark as single-fork runs that alternate between values of its "variant" parameter (plain,
# seedbank, plain, seedbank, ...), so that the slow drifts of a shared machine fall on every variant alike, and
# prints each fork's score, then per variant the mean, the spread of the forks and the ratio of its mean to the
# first variant's. For benchmarks whose forks differ by more than the effect measured, such as parallelEpoch,
# where DL4J's explicit full collections take more than half of each fit.
#
#   mvn -q -pl benchmarks -am package -DskipTests
#   OMP_NUM_THREADS=1 benchmarks/alternate.sh EntryPointBenchmarks.parallelEpoch 5 plain seedbank
#
# Arguments: the benchmark, the number of rounds, the variants. Environment: JMH_OPTS (each fork's options),
# OUT (folder for each fork's JSON results).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 3 ]; then
  echo "usage: benchmarks/alternate.sh BENCHMARK ROUNDS VARIANT..." >&2
  exit 2
fi
bench=$1
rounds=$2
shift 2
JMH_OPTS=${JMH_OPTS:--wi 3 -w 2s -i 6 -r 2s}
OUT=${OUT:-benchmarks/results/alternate}
mkdir -p "$OUT"

for round in $(seq "$rounds"); do
  for variant in "$@"; do
    json="$OUT/${bench##*.}-$variant-$round.json"
    # shellcheck disable=SC2086
    java -jar benchmarks/target/benchmarks.jar -f 1 $JMH_OPTS -p variant="$variant" -rf json -rff "$json" "$bench" >/dev/null 2>&1
    # the first score in JMH's JSON is the primary metric's
    score=$(grep -o '"score" : [0-9.eE+-]*' "$json" | head -1 | awk '{print $3}')
    echo "round $round $variant $score (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    echo "$variant $score"
  done
done | awk -v order="$*" '
  { n[$1]++; sum[$1] += $2; sq[$1] += $2 * $2
    if (!($1 in lo) || $2 < lo[$1]) lo[$1] = $2
    if (!($1 in hi) || $2 > hi[$1]) hi[$1] = $2 }
  END {
    split(order, v, " ")
    base = sum[v[1]] / n[v[1]]
    printf "%-12s %5s %10s %10s %18s %8s\n", "variant", "forks", "mean", "sd", "range", "ratio"
    for (i = 1; i in v; i++) {
      m = sum[v[i]] / n[v[i]]
      sd = n[v[i]] > 1 ? sqrt((sq[v[i]] - n[v[i]] * m * m) / (n[v[i]] - 1)) : 0
      printf "%-12s %5d %10.3f %10.3f %8.3f-%-9.3f %8.3f\n", v[i], n[v[i]], m, sd, lo[v[i]], hi[v[i]], m / base
    }
  }'
