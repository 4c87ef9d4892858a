# Two commands for a new user: `make run` and `make test`. Everything else they need is here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install dev chromium run seed check test neo4j bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

seed: install
	$(BIN)/samspill seed

## Install, load the seeds into the embedded store (idempotent) and serve on http://$(HOST):$(PORT)
run: seed
	$(BIN)/samspill serve --host $(HOST) --port $(PORT)

## Debian's Chromium for the browser tests, installed with apt when it is missing. Where that
## cannot be done the browser tests are skipped, except under CI=true, where they fail.
chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; } \
	  || { [ "$$CI" != true ] && echo "warning: chromium could not be installed; browser tests will be skipped"; }; }

## The house checked by machines: lint and format (ruff), types (mypy) and the floors (import-linter:
## cli/api on ingest/viz on graph, and only the stores know an engine). Part of `make test`.
LINTED := graph ingest viz api cli.py
check: dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports

## Install the dev extras, check the house, and run every test against SQLite and a real Neo4j
## (NEO4J_URI if set; otherwise tests/neo4j_server.py builds and starts one) and in Chromium.
test: dev chromium check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Serve a Neo4j for manual use (prints its bolt:// URI)
neo4j: dev
	$(BIN)/python tests/neo4j_server.py

## Every benchmark in one run on synthetic data, both stores (SIZE=S|M|R|L, R shaped like a
## funder's register; M takes about 15
## minutes): import, queries, analytics, HTTP, views. Not part of `make test`. Writes
## bench/results/ and docs/benchmarks.md.
SIZE ?= M
bench: dev chromium
	$(BIN)/python -m bench --size $(SIZE) --store sqlite,neo4j

clean:
	rm -rf $(VENV) tests/neo4j_launcher/target .pytest_cache
