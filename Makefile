# The front door. `make run` and `make test` set up everything they need on a fresh Debian 12
# machine (scripts/install-deps.sh) and then build and run.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build run test test-fast test-asan e2e e2e-run bench bench-http soak fit corpus clean

all: build

deps:
	@scripts/install-deps.sh test

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

# The main job: the web page and the HTTP API on http://127.0.0.1:8080 with the built-in knowledge
# base, until Ctrl-C (docs/api.md). `fossa assess` gives the same assessment on the command line.
run: build
	$(BUILD)/fossa --version
	$(BUILD)/fossa serve --host 127.0.0.1 --port 8080

# Every test: unit, case files, safety properties, CLI and HTTP in a release build (then the web page
# end to end in Chromium), and again under ASan+UBSan.
test: test-fast test-asan

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory e2e-run

# The web page end to end: playwright-core drives Debian's Chromium (headless) against a real
# `fossa serve` on a free port; a failure leaves screenshots under test-results/. Then FHIR R4 and
# CDS Hooks conformance against the official schemas and a record system (tests/fhir/).
e2e: build
	$(MAKE) --no-print-directory e2e-run

e2e-run:
	@scripts/install-deps.sh e2e
	npm ci --no-audit --no-fund
	FOSSA_BINARY=$(BUILD)/fossa node --test --test-concurrency=1 tests/e2e/ tests/fhir/

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DFOSSA_SANITIZE=ON -DFOSSA_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@scripts/install-deps.sh bench
	bench/run.sh $(BUILD)

# fossa serve against nginx on loopback with wrk (bench/http/run.sh).
bench-http: build
	@scripts/install-deps.sh bench-http
	bench/http/run.sh $(BUILD)/fossa

# A bounded soak: wrk with slow and hostile clients alongside; RSS before and after, a probe's
# latency (bench/http/soak.sh; SOAK_SECONDS, default 30).
soak: build
	@scripts/install-deps.sh bench-http
	bench/http/soak.sh $(BUILD)/fossa

# The likelihood ratios fitted to the published figures and the fitting part of the case corpus
# (docs/evidence.md): rewrites knowledge/fitted.yaml and prints the cross-validated accuracy.
FIT_CASES = tests/cases/published.jsonl tests/cases/published_workup.jsonl tests/cases/reports.jsonl tests/cases/reports2.jsonl
fit: build
	$(BUILD)/fossa kb fit --kb knowledge $(FIT_CASES) --cv 5 --out knowledge/fitted.yaml

# The case corpus: validate tests/corpus/ and write the fitting and locked case files.
corpus:
	scripts/corpus

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
