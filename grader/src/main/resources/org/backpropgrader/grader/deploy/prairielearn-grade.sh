#!/usr/bin/env bash
# PrairieLearn's external grader runs this in the grading container (its "External Grading" page): the student's
# files are in /grade/student/, and /grade/results/results.json must exist when it ends (the folder is not made for
# us). The grader finds the submission anywhere in there and grades it with the policy baked into the image, hidden
# seeds included; a submission that is empty or does not compile is "gradable": false with format_errors saying
# why, so it costs the student no attempt. Standard output and error are the job's log.
set -u

grader_dir=/grader
results=/grade/results/results.json
mkdir -p /grade/results

autograde() {
  java -jar "$grader_dir/grader.jar" autograde --platform prairielearn --upload /grade/student \
      --policy "$grader_dir/policy.json" --out "$results" "$@"
}

autograde
status=$?
if [ "$status" -eq 69 ]; then
  # Exit 69: bubblewrap cannot start in this container; PrairieLearn's container per job is then the isolation.
  echo "grade.sh: the OS sandbox cannot start in this container; grading again with --sandbox none" >&2
  autograde --sandbox none
  status=$?
fi
if [ "$status" -ne 0 ] || [ ! -s "$results" ]; then
  echo "grade.sh: the grader failed (exit status $status); writing a results.json that says so" >&2
  cat > "$results" <<JSON
{"gradable": false, "score": 0, "message": "The autograder could not grade this submission (grader exit status $status): this is a fault of the autograder, not a verdict on your code.", "format_errors": ["The autograder failed (exit status $status); this attempt does not count."], "tests": []}
JSON
fi
exit 0
