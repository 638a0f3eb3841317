# The two set-up commands are `make up` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: up test fuzz lint clean install db-stop bench bench-quick

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev,pinned]'
	touch $(STAMP)

install: $(STAMP)

## Create the virtualenv, start the embedded PostgreSQL, apply the schema, show its status.
up: $(STAMP)
	$(BIN)/schema_tool up
	$(BIN)/schema_tool status

## Run the whole test suite against a throwaway PostgreSQL.
test: $(STAMP)
	$(BIN)/pytest -n 2 -q --durations=15

## Every benchmark of bench/ on one throwaway server: one table of ratios against their targets, bench/results.json.
bench: $(STAMP)
	$(BIN)/python bench/run.py

## The same on smaller data, in under 5 minutes (bench/results-quick.json).
bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick

## The diff's randomised mutation test at length: FUZZ_EXAMPLES examples (default 1000) with a new seed
## each run (FUZZ_SEED=N replays one), in FUZZ_SHARDS shards side by side (seeds N, N+1...).
FUZZ_EXAMPLES ?= 1000
FUZZ_SHARDS ?= 2
# drawn once (:=), so that the seed printed is the seed used
ifndef FUZZ_SEED
FUZZ_SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif
fuzz: $(STAMP)
	@echo "diff mutation test: DIFF_FUZZ_SEED=$(FUZZ_SEED), $(FUZZ_EXAMPLES) examples in $(FUZZ_SHARDS) shards"
	DIFF_FUZZ_SEED=$(FUZZ_SEED) DIFF_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DIFF_FUZZ_SHARDS=$(FUZZ_SHARDS) \
		$(BIN)/pytest -q -n $(FUZZ_SHARDS) -p no:cacheprovider --hypothesis-show-statistics \
		tests/diff/test_mutations.py

lint: $(STAMP)
	$(BIN)/schema_tool lint

db-stop: $(STAMP)
	$(BIN)/schema_tool db stop

clean:
	-test -x $(BIN)/schema_tool && $(BIN)/schema_tool db stop
	rm -rf $(VENV) .schema_tool .pytest_cache build *.egg-info
