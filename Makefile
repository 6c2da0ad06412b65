# stancewire — `make demo` and `make test` are all a fresh clone needs.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1

.PHONY: setup setup-test demo test bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

demo: setup  ## ingest the bundled sample over loopback HTTP into data/stancewire.duckdb and print trends
	$(BIN)/stancewire demo

test: setup-test  ## the test suite (end-to-end flow runs, extractor golden files, quality floors)
	$(BIN)/python -m pytest -q

bench: setup  ## speed, stage by stage and end to end; results also go to docs/benchmarks.md
	$(BIN)/python scripts/bench.py --write docs/benchmarks.md

clean:
	rm -rf $(VENV) data .pytest_cache
