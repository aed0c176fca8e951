#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image from autograder.zip (its "Autograder
# Specifications"): it installs a JDK 17 (the grader compiles students' sources, so a JDK, not a JRE) and bubblewrap,
# the OS sandbox around every child JVM. Nothing is fetched later: grading a submission needs no network.
set -euo pipefail

if command -v apt-get >/dev/null 2>&1; then          # Gradescope's default base images: Ubuntu
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends openjdk-17-jdk-headless bubblewrap
elif command -v dnf >/dev/null 2>&1; then            # its Fedora and Rocky base images
  dnf install -y java-17-openjdk-devel bubblewrap
else
  echo "setup.sh: neither apt-get nor dnf here: install a JDK 17 and bubblewrap by hand" >&2
  exit 1
fi

# A base image with another JDK (Gradescope's JDK 8 and 11 variants) may keep it as the default `java`.
major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ "$(major java)" != 17 ] && command -v update-alternatives >/dev/null 2>&1; then
  for jdk in /usr/lib/jvm/java-17-openjdk*; do
    if [ -x "$jdk/bin/javac" ]; then
      update-alternatives --set java "$jdk/bin/java" && update-alternatives --set javac "$jdk/bin/javac"
      break
    fi
  done
fi

chmod +x /autograder/source/run_autograder
if [ -e /autograder/run_autograder ]; then chmod +x /autograder/run_autograder; fi

# Fail the build here, not a student's submission later, when the grader cannot run.
java -jar /autograder/source/grader.jar exercises >/dev/null
echo "setup.sh: java $(major java), $(bwrap --version 2>/dev/null || echo 'no bubblewrap'): ready"
