# dossier: the two commands a newcomer needs are `make demo` and `make test`.
# Every target installs what it needs first (scripts/bootstrap, quiet when all is present).

BUILD      ?= build
ASAN_BUILD ?= build-asan
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc)
DEMO_DB    ?= $(BUILD)/demo.db

.PHONY: all bootstrap build demo test test-unit test-asan fuzz-smoke bench score clean

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja: CMakeLists.txt | bootstrap
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: bootstrap $(BUILD)/build.ninja
	@bash -o pipefail -c 'ninja -C $(BUILD) -j$(JOBS) | { grep -v "^\[" || true; }'
	@test -x $(BUILD)/dossier

# The main job on the bundled example corpus, then a short summary of what was read.
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BUILD)/dossier build --db $(DEMO_DB) examples/corpus
	@echo
	@$(BUILD)/dossier docs --db $(DEMO_DB)
	@echo
	@$(BUILD)/dossier entities --db $(DEMO_DB) | head -15
	@echo
	@$(BUILD)/dossier timeline --db $(DEMO_DB)
	@echo
	@$(BUILD)/dossier conflicts --db $(DEMO_DB)
	@echo
	@echo "store: $(DEMO_DB)  (try: $(BUILD)/dossier events --db $(DEMO_DB); $(BUILD)/dossier ask --db $(DEMO_DB) \"How many were killed?\")"

# Every test: unit, golden and command-line tests (GoogleTest through CTest).
test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: bootstrap
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDOSSIER_SANITIZE=ON >/dev/null
	@bash -o pipefail -c 'ninja -C $(ASAN_BUILD) -j$(JOBS) | { grep -v "^\[" || true; }'
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j$(JOBS)

# A short libFuzzer run of every reader (FUZZ_SECONDS each, default 20).
fuzz-smoke: bootstrap
	@scripts/fuzz-smoke

# Benchmarks: Release build, generated corpora, docs/PERFORMANCE.md.
bench: bootstrap
	@scripts/bench

# The development gold on the seed pages (needs ../shared).
score: build
	@python3 ../shared/tools/score.py --gold ../shared/gold/seeds-dev.json --corpus ../shared/corpus/seeds --dossier $(BUILD)/dossier -v

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz build-release
