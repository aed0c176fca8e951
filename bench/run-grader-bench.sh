#!/usr/bin/env bash
# The grader's end-to-end benchmark (make bench-grader). In one run, on this machine:
#   1. generates N submissions (default 200) from sources: the model solution (examples/correct) and the classic
#      mistakes (examples/mistakes), as folders and as zips, one per student id;
#   2. times `grader batch --jobs JOBS` (default 2) over them, from command to exit, once with --sandbox none and
#      once in the OS sandbox (bubblewrap, the default), and reads each summary; with BASELINE_JAR, the baseline's
#      sandboxed batch alternates with this build's BASELINE_ROUNDS times (default 2), and both are their means;
#   3. times a bare `java -version` (median of REPS, default 5): what any JVM start costs here;
#   4. times `grader check` on the model solution (examples/correct) compiled as a student's build compiles it
#      (median of REPS): a student's self-check, from command to table, in a fresh JVM, run as the template's
#      `make check` runs it (its JVM flags: C1 only, the serial collector, and the AppCDS archive its first check
#      writes) and as a bare `java -jar`.
# Prints submissions per second, the per-submission cost (batch wall time x jobs / N) against java -version, and the
# check against java -version, as ratios; writes them to bench-results/grader.json.
# Usage, from the repository root after `make`:  bash bench/run-grader-bench.sh [N]
# Environment: JOBS, REPS, JAVA (the java to run), BASELINE_JAR (another build's grader.jar to time on the same class
# in the same run, sandbox on), BASELINE_ROUNDS (how many times each build's sandboxed batch runs, alternating: one
# batch of each swings by 10% on a shared machine), BATCH_JAVA_OPTS (JVM options for the batch only; the batch
# relaunches itself with C1 and the serial collector unless these choose a compiler or collector: see cli.BatchJvm),
# BATCH_PAUSE (seconds to wait before each batch, default 0: on ext4 without a journal every file created within a
# minute or so of many deletions costs more, so back-to-back batches hand each other the deletions of the one before;
# 75 lets that pass).
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-${N:-200}}
jobs=${JOBS:-2}
reps=${REPS:-5}
baseline_rounds=${BASELINE_ROUNDS:-2}
batch_pause=${BATCH_PAUSE:-0}
java=${JAVA:-java}
jar=grader/target/grader.jar

if [[ ! -f "$jar" ]]; then
    echo "run-grader-bench: $jar is missing: run make (mvn -q -DskipTests install) first" >&2
    exit 1
fi
if ! [[ "$n" =~ ^[1-9][0-9]*$ && "$jobs" =~ ^[1-9][0-9]*$ && "$reps" =~ ^[1-9][0-9]*$
    && "$baseline_rounds" =~ ^[1-9][0-9]*$ ]]; then
    echo "run-grader-bench: N, JOBS, REPS and BASELINE_ROUNDS must be positive whole numbers" >&2
    exit 64
fi
if ! [[ "$batch_pause" =~ ^[0-9]+$ ]]; then
    echo "run-grader-bench: BATCH_PAUSE must be a whole number of seconds, not '$batch_pause'" >&2
    exit 64
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/grader-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

now_ns() { date +%s%N; }

# Mean of the numbers on standard input.
mean() { awk '{ s += $1 } END { printf "%.3f", s / NR }'; }

# Median of the numbers on standard input.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- 1. the class: every fifth a zip, the rest folders; model solutions and mistakes alternate ------------------
subs=$work/submissions
mkdir -p "$subs" "$work/zips"
(cd examples/correct && jar --create --no-manifest --file "$work/zips/correct.zip" .)
(cd examples/mistakes && jar --create --no-manifest --file "$work/zips/mistakes.zip" .)
for ((i = 0; i < n; i++)); do
    id=$(printf 'student%04d' "$i")
    if ((i % 2 == 0)); then kind=correct; else kind=mistakes; fi
    if ((i % 5 == 4)); then
        cp "$work/zips/$kind.zip" "$subs/$id.zip"
    else
        cp -r "examples/$kind" "$subs/$id"
    fi
done

# The model solution as classes, as a student's `make check` compiles it before checking.
model=$work/model-classes
mkdir -p "$model"
javac -d "$model" -cp "$jar" examples/correct/notebook/*.java

# The mix is graded under a policy of the notebook's five exercises, as issue 11 measures it.
policy=$work/notebook-policy.json
echo '{"include": ["mse-linear", "bce-logistic", "relu-neuron", "mlp-softmax-max", "l2-linear"]}' > "$policy"

# --- 2. the batch, without the OS sandbox and in it ----------------------------------------------------------------
# run_batch SANDBOX: grades the class with --sandbox SANDBOX; sets batch_s (wall seconds).
# run_batch SANDBOX JAR: the same with JAR (default: this build's) as the grader.
run_batch() {
    local sandbox=$1 with=${2:-$jar} out=$work/out-$1-$RANDOM
    echo "grading $n submissions with --jobs $jobs --sandbox $sandbox ($with) ..." >&2
    local t0 t1 graded failed
    sleep "$batch_pause"
    t0=$(now_ns)
    "$java" ${BATCH_JAVA_OPTS:-} -jar "$with" batch --submissions "$subs" --out "$out" --jobs "$jobs" --policy "$policy" \
        --sandbox "$sandbox" 2> "$work/batch-$sandbox.log" || {
        echo "run-grader-bench: the batch (--sandbox $sandbox) failed:" >&2
        cat "$work/batch-$sandbox.log" >&2
        exit 1
    }
    t1=$(now_ns)
    batch_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    graded=$(grep -o '"graded": *[0-9]*' "$out/summary.json" | grep -o '[0-9]*$')
    failed=$(grep -o '"failed": *[0-9]*' "$out/summary.json" | grep -o '[0-9]*$')
    if [[ "$graded" != "$n" || "$failed" != 0 ]]; then
        echo "run-grader-bench: expected $n graded and 0 failed, got $graded and $failed" >&2
        exit 1
    fi
}
run_batch none
batch_off_s=$batch_s
run_batch bubblewrap
on_runs=("$batch_s")
# BASELINE_JAR: another build's grader.jar (e.g. an earlier commit's), timed on the same class in the same run,
# alternating with this build's (this, baseline, this, baseline, ...), so that both meet the machine's same moods.
baseline_runs=()
if [[ -n "${BASELINE_JAR:-}" ]]; then
    for ((r = 0; r < baseline_rounds; r++)); do
        run_batch bubblewrap "$BASELINE_JAR"
        baseline_runs+=("$batch_s")
        if ((r + 1 < baseline_rounds)); then
            run_batch bubblewrap
            on_runs+=("$batch_s")
        fi
    done
fi
batch_on_s=$(printf '%s\n' "${on_runs[@]}" | mean)
baseline_s=
if ((${#baseline_runs[@]} > 0)); then
    baseline_s=$(printf '%s\n' "${baseline_runs[@]}" | mean)
fi

# --- 3. a bare JVM, 4. a student's self-check ------------------------------------------------------------------------
: > "$work/version.txt"
: > "$work/check.txt"
: > "$work/check-plain.txt"
# check_once OUT FLAGS...: one check of the model solution with these JVM flags; its microseconds go to OUT.
check_once() {
    local out=$1 a b status=0
    shift
    a=$(now_ns)
    "$java" "$@" -jar "$jar" check --policy "$policy" --submission "$model" > "$work/check.out" 2>&1 || status=$?
    b=$(now_ns)
    # The model solution earns every point: check exits 0 and prints its table.
    [ "$status" -eq 0 ] || { echo "run-grader-bench: check exited $status:" >&2; cat "$work/check.out" >&2; exit 1; }
    grep -q '^total ' "$work/check.out" || { echo "run-grader-bench: check printed no table:" >&2; cat "$work/check.out" >&2; exit 1; }
    echo $(((b - a) / 1000)) >> "$out"
}
# As student-template/Makefile runs it: its JAVA_FLAGS (C1, the serial collector), and the first check writes the
# archive, the later ones map it.
archive=$work/grader.jsa
make_check_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
quiet_cds=(-Xlog:cds=off -Xlog:cds+dynamic=off)
check_once "$work/archive-run.txt" "${make_check_flags[@]}" -XX:ArchiveClassesAtExit="$archive" "${quiet_cds[@]}"
for ((r = 0; r < reps; r++)); do
    a=$(now_ns); "$java" -version > /dev/null 2>&1; b=$(now_ns)
    echo $(((b - a) / 1000)) >> "$work/version.txt"
    check_once "$work/check.txt" "${make_check_flags[@]}" -XX:SharedArchiveFile="$archive" -Xshare:auto \
        "${quiet_cds[@]}"
    check_once "$work/check-plain.txt"
done
version_ms=$(median < "$work/version.txt" | awk '{ printf "%.1f", $1 / 1000 }')
check_ms=$(median < "$work/check.txt" | awk '{ printf "%.1f", $1 / 1000 }')
plain_check_ms=$(median < "$work/check-plain.txt" | awk '{ printf "%.1f", $1 / 1000 }')
plain_check_ratio=$(awk -v c="$plain_check_ms" -v v="$version_ms" 'BEGIN { printf "%.2f", c / v }')

# --- report ------------------------------------------------------------------------------------------------------------
read -r per_s per_sub_ms overhead_ratio check_ratio < <(awk -v s="$batch_on_s" -v n="$n" -v j="$jobs" \
    -v v="$version_ms" -v c="$check_ms" \
    'BEGIN { per = s * 1000 * j / n; printf "%.2f %.1f %.2f %.2f\n", n / s, per, per / v, c / v }')
read -r off_per_s sandbox_ms < <(awk -v s="$batch_off_s" -v on="$batch_on_s" -v n="$n" -v j="$jobs" \
    'BEGIN { printf "%.2f %.1f\n", n / s, (on - s) * 1000 * j / n }')
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 0)
java_version=$("$java" -version 2>&1 | head -n 1 | tr -d '"\\')

mkdir -p bench-results
cat > bench-results/grader.json <<EOF
{
  "submissions": $n,
  "jobs": $jobs,
  "cores": $cores,
  "java": "$java_version",
  "batchJavaOptions": "${BATCH_JAVA_OPTS:-}",
  "batchPauseSeconds": $batch_pause,
  "batchWallSeconds": $batch_on_s,
  "submissionsPerSecond": $per_s,
  "perSubmissionMs": $per_sub_ms,
  "unsandboxedBatchWallSeconds": $batch_off_s,
  "unsandboxedSubmissionsPerSecond": $off_per_s,
  "sandboxMsPerSubmission": $sandbox_ms,
  "javaVersionMedianMs": $version_ms,
  "perSubmissionOverJavaVersion": $overhead_ratio,
  "checkMedianMs": $check_ms,
  "checkOverJavaVersion": $check_ratio,
  "plainJarCheckMedianMs": $plain_check_ms,
  "plainJarCheckOverJavaVersion": $plain_check_ratio,
  "repetitions": $reps
}
EOF

printf 'batch    sandbox on:  %d submissions, --jobs %d: %.1f s, %s submissions/s%s\n' "$n" "$jobs" "$batch_on_s" "$per_s" \
    "$( ((${#on_runs[@]} > 1)) && printf ' (mean of %d runs: %s s)' "${#on_runs[@]}" "${on_runs[*]}")"
printf 'batch    sandbox off: %d submissions, --jobs %d: %.1f s, %s submissions/s\n' "$n" "$jobs" "$batch_off_s" \
    "$off_per_s"
printf 'sandbox  %s ms of a core per submission (on minus off)\n' "$sandbox_ms"
printf 'per submission  %s ms of a core (wall x jobs / N, sandbox on) = %sx a bare java -version (%s ms, median of %d)\n' \
    "$per_sub_ms" "$overhead_ratio" "$version_ms" "$reps"
printf 'check    %s ms from command to table, as make check runs it (median of %d) = %sx java -version\n' \
    "$check_ms" "$reps" "$check_ratio"
printf 'check    without the AppCDS archive (a bare java -jar): %s ms = %sx java -version\n' "$plain_check_ms" \
    "$plain_check_ratio"
if [[ -n "$baseline_s" ]]; then
    printf 'baseline %s (sandbox on, mean of %d runs alternating with this build'"'"'s: %s s): %.1f s, %s submissions/s;' \
        "$BASELINE_JAR" "${#baseline_runs[@]}" "${baseline_runs[*]}" "$baseline_s" \
        "$(awk -v s="$baseline_s" -v n="$n" 'BEGIN { printf "%.2f", n / s }')"
    printf ' this build is %sx as fast\n' "$(awk -v b="$baseline_s" -v s="$batch_on_s" 'BEGIN { printf "%.2f", b / s }')"
fi
echo "wrote bench-results/grader.json"
