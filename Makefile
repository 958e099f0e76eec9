# sitrep's two commands are `make demo` (set up, build, code the bundled examples) and `make test`.
# Every target runs setup first; setup is idempotent and quick when everything is in place.
JOBS ?= 2
BUILD ?= build
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=

.PHONY: setup build demo test test-release test-sanitize fuzz soak bench eval eval-data clean format

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== sitrep code examples/ (first events) =="
	@$(BUILD)/sitrep code examples/ | head -n 5
	@$(BUILD)/sitrep code --format csv examples/ > $(BUILD)/demo-events.csv
	@echo "== $$(($$(wc -l < $(BUILD)/demo-events.csv) - 1)) events written to $(BUILD)/demo-events.csv =="
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	@echo "== sitrep ingest examples/ into the embedded store ($(BUILD)/demo.db) =="
	@$(BUILD)/sitrep ingest --db $(BUILD)/demo.db examples/
	@echo "== sitrep control --at 2023-11-20 (a month after its last report, a place is unknown) =="
	@$(BUILD)/sitrep control --db $(BUILD)/demo.db --at 2023-11-20 --format table --width 110
	@echo "== see it on a map: $(BUILD)/sitrep serve --db $(BUILD)/demo.db  (http://127.0.0.1:8080/) =="

test: test-release test-sanitize

test-release: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: setup
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSITREP_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

# Runs every libFuzzer harness for FUZZ_SECONDS each (clang from Debian).
fuzz: setup
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DSITREP_FUZZ=ON -DSITREP_TESTS=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@for f in dated_text jsonl segment http_request code; do \
	  mkdir -p build-fuzz/corpus/$$f && cp -n tests/fuzz/corpus/$$f/* build-fuzz/corpus/$$f/ 2>/dev/null; \
	  echo "== $${f}_fuzzer for $(FUZZ_SECONDS)s =="; \
	  build-fuzz/fuzz/$${f}_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus/$$f 2>&1 | grep -E "^(#[0-9]+ +DONE|Done|==[0-9]+==ERROR|SUMMARY)" ; \
	done

# The server under mixed traffic for SOAK_SECONDS (600): readers, posted jobs, slow and hostile
# clients, a killed concurrent ingest; checks health latency, nothing lost, flat memory, clean stop.
# Loopback only. Not part of `make test`.
SOAK_SECONDS ?= 600
soak: build
	@python3 tools/soak.py $(BUILD)/sitrep --seconds $(SOAK_SECONDS)

# Benchmarks (Release): generates a 200 MB corpus per input format (once), then whole-program,
# per-stage and store figures with the whole cities500 gazetteer loaded. BENCH_MB, BENCH_EVENTS.
bench: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSITREP_BENCH=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@bench/run.sh $(BUILD)

# Real reports (../shared/data/dev, development part): recall per type, capture F1 per conflict, and
# every missed and false capture; then the sentences written for sitrep (tests/dev).
# `make eval PART=heldout` scores the held-out fifth (read its misses only at the end). The
# dictionaries are read from data/ (--data), so `make eval-data` reruns after an edit without a
# rebuild.
PART ?= dev
eval: build
	@python3 tools/eval_real.py $(BUILD)/sitrep --part $(PART) --verbose --data data
	@python3 tools/eval_dev.py $(BUILD)/sitrep

eval-data:
	@python3 tools/eval_real.py $(BUILD)/sitrep --part $(PART) --verbose --data data

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build build-asan build-fuzz build-bench
