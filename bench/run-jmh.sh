#!/usr/bin/env bash
# Runs the JMH benchmarks with moderate settings, writes bench-results/jmh.json, prints ms/op and GFLOP/s.
# Extra arguments go to JMH, e.g. a benchmark regex: bench/run-jmh.sh MatMulProduct
# Builds bench/target/benchmarks.jar first if it is missing (or when BUILD=1).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=bench/target/benchmarks.jar
if [[ ! -f "$jar" || "${BUILD:-0}" == 1 ]]; then
    mvn -q -Pbench -pl bench -am package -DskipTests
fi

mkdir -p bench-results
java -jar "$jar" -f 1 -wi 5 -i 10 -w 1s -r 1s -t 1 -rf json -rff bench-results/jmh.json "$@"
java -cp "$jar" org.backpropgrader.bench.Report bench-results/jmh.json
