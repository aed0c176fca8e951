#!/usr/bin/env bash
# Runs the JMH benchmarks with moderate settings, writes bench-results/jmh.json, then PyTorch's side of the E4
# benchmark (bench/run-torch.sh: bench-results/torch.json, or why it was not measured), and prints ms/op, GFLOP/s,
# CPU ms/op and the ratios, E4 against PyTorch among them, all from this one run.
# Extra arguments go to JMH, e.g. a benchmark regex: bench/run-jmh.sh MatMulProduct
# Builds bench/target/benchmarks.jar first if it is missing (or when BUILD=1). TORCH=0 skips PyTorch's side.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=bench/target/benchmarks.jar
if [[ ! -f "$jar" || "${BUILD:-0}" == 1 ]]; then
    mvn -q -Pbench -pl bench -am package -DskipTests
fi

mkdir -p bench-results
java -jar "$jar" -f 1 -wi 5 -i 10 -w 1s -r 1s -t 1 -prof org.backpropgrader.bench.CpuTimeProfiler \
    -rf json -rff bench-results/jmh.json "$@"
if [[ "${TORCH:-1}" != 0 ]]; then
    bash bench/run-torch.sh
else
    rm -f bench-results/torch.json
fi
java -cp "$jar" org.backpropgrader.bench.Report bench-results/jmh.json bench-results/torch.json
