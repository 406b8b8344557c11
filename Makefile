# The front door. `make run` and `make test` set up everything they need on a fresh Debian 12
# machine (scripts/install-deps.sh) and then build and run.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build run test test-fast test-asan bench clean

all: build

deps:
	@scripts/install-deps.sh test

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

# The main job: an example assessment, as a person would get it, then as JSON.
run: build
	$(BUILD)/fossa --version
	$(BUILD)/fossa assess examples/calf-after-flight.json --format text
	$(BUILD)/fossa assess examples/calf-after-flight.json

# Every test: unit, case files, safety properties and CLI, in a release build and under ASan+UBSan.
test: test-fast test-asan

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DFOSSA_SANITIZE=ON -DFOSSA_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@scripts/install-deps.sh bench
	bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
