# The short verbs people type. Everything is Maven underneath; see README.md.
MVN ?= mvn -B -q
JAR := grader/target/grader.jar

.PHONY: all build test format grade bench bench-jmh bench-grader clean

all: build

build: $(JAR)

## The jar is rebuilt whenever a source or pom of a module it is made from changes (grader.jar carries reference,
## exercises and runner; the parent pom pins every version), so `make grade` never grades with a stale jar.
JAR_INPUTS := pom.xml $(foreach m,reference exercises runner grader,$(m)/pom.xml $(shell find $(m)/src -type f 2>/dev/null))

$(JAR): $(JAR_INPUTS)
	$(MVN) -DskipTests -Dselfcheck.skip=true install
	@touch $@

## Runs every module's tests (what CI runs), then, after packaging, the tests of the shaded grader.jar (Failsafe's
## integration-test and verify phases, *IT classes), and checks the formatting (bench's too, which is outside the
## default build). The student template's own self-check is skipped here: untouched, it fails every gradient by design
## (the grader's tests pin exactly that). bin/with-timings ends with each module's wall time and the slowest test
## classes.
test:
	@bin/ensure-bubblewrap || echo "(without bubblewrap the OS sandbox's tests are skipped)" >&2
	@bin/ensure-chromium || echo "(without chromium the class report's browser tests are skipped)" >&2
	bin/with-timings $(MVN) install -Dselfcheck.skip=true
	$(MVN) -Pbench -pl bench spotless:check

## Formats every module's Java sources (bench's too) with palantir-java-format through Spotless; `mvn verify`, and so
## `make test` and CI, fails on code this would change.
format:
	$(MVN) -Pbench spotless:apply

## The main job: grades the bundled example submissions and prints their tables, each child JVM in the OS
## sandbox (bin/ensure-bubblewrap installs bubblewrap when missing and run as root, else says what to install).
grade: build
	@bin/ensure-bubblewrap
	@for s in examples/*/; do \
	  echo "== $$s"; \
	  java -jar $(JAR) grade --submission "$$s" --format native --out "target/grades/$$(basename $$s).json" || exit $$?; \
	done

## Benchmarks: JMH for the engine, then PyTorch's side of E4 when python3-torch is installed (bench/run-torch.sh), then
## a harness for the grader. Results go to bench-results/.
bench: bench-jmh bench-grader

bench-jmh:
	$(MVN) -Pbench -DskipTests install
	bash bench/run-jmh.sh

bench-grader: build
	bash bench/run-grader-bench.sh

clean:
	$(MVN) clean
