# The two set-up commands are `make up` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: up test lint clean install db-stop bench bench-quick

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Create the virtualenv, start the embedded PostgreSQL, apply the schema, show its status.
up: $(STAMP)
	$(BIN)/schema_tool up
	$(BIN)/schema_tool status

## Run the whole test suite against a throwaway PostgreSQL.
test: $(STAMP)
	$(BIN)/pytest -n 2 -q

## Every benchmark of bench/ on one throwaway server: one table of ratios against their targets, bench/results.json.
bench: $(STAMP)
	$(BIN)/python bench/run.py

## The same on smaller data, in under 5 minutes (bench/results-quick.json).
bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick

lint: $(STAMP)
	$(BIN)/schema_tool lint

db-stop: $(STAMP)
	$(BIN)/schema_tool db stop

clean:
	-test -x $(BIN)/schema_tool && $(BIN)/schema_tool db stop
	rm -rf $(VENV) .schema_tool .pytest_cache build *.egg-info
