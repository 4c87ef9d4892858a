# Two commands for a new user: `make run` and `make test`. Everything else they need is here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install dev run seed test neo4j bench clean

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

## Install the dev extras and run every test against SQLite and a real Neo4j
## (NEO4J_URI if set; otherwise tests/neo4j_server.py builds and starts one).
test: dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Serve a Neo4j for manual use (prints its bolt:// URI)
neo4j: dev
	$(BIN)/python tests/neo4j_server.py

## Import speed against a per-row loop on synthetic data, both stores (SIZE=S|M|L); not part
## of `make test`. Writes bench/results/ and docs/benchmarks.md.
SIZE ?= M
bench: dev
	$(BIN)/python -m bench import --size $(SIZE) --store sqlite,neo4j

clean:
	rm -rf $(VENV) tests/neo4j_launcher/target .pytest_cache
