#!/usr/bin/env bash
# Runs one JMH benchmark as single forks that alternate between variants (as alternate.sh does) and reports, per
# fork, what a full collection costs there: the score, the JIT-compiled methods in the fork's code cache (counted
# with `jcmd Compiler.codelist` SAMPLE_AT seconds into the fork), the explicit full collections (System.gc()) and
# their mean pause, mark phase and pointer-adjust phase from the fork's GC log; then the means per variant.
# For parallelEpoch, where DL4J's ParallelWrapper forces about six full collections per fit, each of which walks
# every compiled method as well as the live objects.
#
#   mvn -q -pl benchmarks -am package -DskipTests
#   OMP_NUM_THREADS=1 benchmarks/gc-footprint.sh EntryPointBenchmarks.parallelEpoch 3 plain seedbank
#
# Arguments: the benchmark, the number of rounds, the variants. Environment: JMH_OPTS (each fork's options),
# SAMPLE_AT (seconds, default 16: within the measurement iterations of the default options).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 3 ]; then
  echo "usage: benchmarks/gc-footprint.sh BENCHMARK ROUNDS VARIANT..." >&2
  exit 2
fi
bench=$1
rounds=$2
shift 2
JMH_OPTS=${JMH_OPTS:--wi 3 -w 2s -i 6 -r 2s}
SAMPLE_AT=${SAMPLE_AT:-16}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# mean of the values (ms) that follow NAME on the lines of explicit full collections' phases in LOG
phase_mean() {
  grep -F "] GC(" "$2" | grep -F "$1 " | grep -o '[0-9.]*ms$' | tr -d ms | awk '{s += $1} END {printf "%.2f", NR ? s / NR : 0}'
}

echo "fork variant score nmethods full_gcs pause_ms mark_ms adjust_ms"
for round in $(seq "$rounds"); do
  for variant in "$@"; do
    log="$work/$variant-$round.log"
    json="$work/$variant-$round.json"
    # shellcheck disable=SC2086
    java -jar benchmarks/target/benchmarks.jar -f 1 $JMH_OPTS -p variant="$variant" -rf json -rff "$json" \
      -jvmArgsAppend "-Xlog:gc,gc+phases:file=$log" "$bench" >/dev/null 2>&1 &
    jmh=$!
    sleep "$SAMPLE_AT"
    fork=$(pgrep -f -n 'org.openjdk.jmh.runner.ForkedMain' || true)
    nmethods=$( [ -n "$fork" ] && jcmd "$fork" Compiler.codelist | awk '$2 ~ /^[0-4]$/' | wc -l || echo NA)
    wait "$jmh"
    score=$(grep -o '"score" : [0-9.eE+-]*' "$json" | head -1 | awk '{printf "%.1f", $3}')
    full=$(grep -c 'Pause Full (System.gc()) .*ms$' "$log" || true)
    pause=$(grep 'Pause Full (System.gc()) .*ms$' "$log" | grep -o '[0-9.]*ms$' | tr -d ms | awk '{s += $1} END {printf "%.2f", NR ? s / NR : 0}')
    echo "$round $variant $score $nmethods $full $pause $(phase_mean 'Phase 1: Mark live objects' "$log") $(phase_mean 'Phase 3: Adjust pointers' "$log")"
  done
done | awk '{ print; fflush()
    n[$2]++; for (i = 3; i <= 8; i++) s[$2, i] += $i
    if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 } }
  END {
    print "variant forks score nmethods full_gcs pause_ms mark_ms adjust_ms (means)"
    for (j = 1; j <= k; j++) { v = order[j]; line = v " " n[v]
      for (i = 3; i <= 8; i++) line = line " " sprintf("%.2f", s[v, i] / n[v]); print line } }'
