# The short verbs people type. Everything is Maven underneath; see README.md.
MVN ?= mvn -B -q
JAR := grader/target/grader.jar

.PHONY: all build test grade bench bench-jmh bench-grader clean

all: build

build: $(JAR)

$(JAR):
	$(MVN) -DskipTests -Dselfcheck.skip=true install

## Runs every module's tests (what CI runs). The student template's own self-check is skipped here: untouched,
## it fails every gradient by design (the grader's tests pin exactly that).
test:
	@bin/ensure-bubblewrap || echo "(without bubblewrap the OS sandbox's tests are skipped)" >&2
	$(MVN) install -Dselfcheck.skip=true

## The main job: grades the bundled example submissions and prints their tables, each child JVM in the OS
## sandbox (bin/ensure-bubblewrap installs bubblewrap when missing and run as root, else says what to install).
grade: build
	@bin/ensure-bubblewrap
	@for s in examples/*/; do \
	  echo "== $$s"; \
	  java -jar $(JAR) grade --submission "$$s" --format native --out "target/grades/$$(basename $$s).json" || exit $$?; \
	done

## Benchmarks: JMH for the engine, a harness for the grader. Results go to bench-results/.
bench: bench-jmh bench-grader

bench-jmh:
	$(MVN) -Pbench -DskipTests install
	bash bench/run-jmh.sh

bench-grader: build
	bash bench/run-grader-bench.sh

clean:
	$(MVN) clean
