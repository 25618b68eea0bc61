#!/usr/bin/env bash
# Builds the benchmarks, runs the JMH benchmarks (rng-core, rng-nd4j, rng-spark) side by side with their peers (one JMH run),
# and regenerates the "rng-core fills and derivation" section of docs/benchmarks.md from the JSON.
#
#   benchmarks/run.sh                 # about 7 minutes on 2 cores
#   RESULTS=/tmp/r.json DOC= benchmarks/run.sh 'FillBenchmarks'   # a subset, no doc update
#   SECTION=fills RESULTS=benchmarks/results/fills.json benchmarks/run.sh 'FillBenchmarks|Nd4jBenchmarks.nd4jRandn?InPlace|Nd4jTrainingBenchmarks.(seeded|dl4j)Init50M'
#                                     # issue 13's fill-path section (about 8 minutes)
#
# Arguments, if any, replace the benchmark selection regex. Environment: RESULTS (JSON file),
# DOC (markdown file to update; empty to print the section instead), JMH_OPTS (run options),
# SECTION (all: the rng-core section; fills: the fill-path section), BASELINE (the commit whose rng-core the
# baseline* benchmarks run: the fills before issue 13).
set -euo pipefail
cd "$(dirname "$0")/.."

RESULTS=${RESULTS:-benchmarks/results/rng-core.json}
DOC=${DOC-docs/benchmarks.md}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}
SELECT=${1:-'dev\.seedbank\.bench\..*Benchmarks\..*'}
SECTION=${SECTION:-all}
BASELINE=${BASELINE:-a4e8b66}

mkdir -p "$(dirname "$RESULTS")"
mvn -q -pl benchmarks -am package -DskipTests

# the baseline: rng-core's stream package (and the message helper it uses) at $BASELINE, compiled alone
BASE_DIR=benchmarks/target/baseline
rm -rf "$BASE_DIR" && mkdir -p "$BASE_DIR/src" "$BASE_DIR/classes"
git archive "$BASELINE" rng-core/src/main/java/dev/seedbank/rng/stream rng-core/src/main/java/dev/seedbank/rng/Messages.java | tar -x -C "$BASE_DIR/src"
javac --release 17 -d "$BASE_DIR/classes" $(find "$BASE_DIR/src" -name '*.java')
jar --create --file "$BASE_DIR/rng-core-baseline.jar" -C "$BASE_DIR/classes" .

# shellcheck disable=SC2086
JMH_CMD="java -jar benchmarks/target/benchmarks.jar $JMH_OPTS -rf json -rff $RESULTS '$SELECT'"
echo "+ $JMH_CMD" >&2
eval "$JMH_CMD"

COMMAND="# from the repository root; benchmarks/run.sh does all three steps
mvn -q -pl benchmarks -am package -DskipTests
$JMH_CMD
java -cp benchmarks/target/benchmarks.jar dev.seedbank.bench.Report $RESULTS --section $SECTION --update ${DOC:-docs/benchmarks.md}"
if [ -n "$DOC" ]; then
  mkdir -p "$(dirname "$DOC")"
  java -cp benchmarks/target/benchmarks.jar dev.seedbank.bench.Report "$RESULTS" --section "$SECTION" --command "$COMMAND" --update "$DOC"
else
  java -cp benchmarks/target/benchmarks.jar dev.seedbank.bench.Report "$RESULTS" --section "$SECTION" --command "$COMMAND"
fi
