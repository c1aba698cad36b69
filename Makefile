# civicpost: `make run` starts the product, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench bench-smoke clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## The product's main job: until the desk exists, a demonstration of `civicpost check`.
run: setup
	$(BIN)/civicpost demo

## Every test, then the linters and the type checker.
test: setup
	$(BIN)/python -m pytest
	$(BIN)/ruff check civicpost tests benchmarks
	$(BIN)/mypy

lint: setup
	$(BIN)/ruff check civicpost tests benchmarks
	$(BIN)/mypy

$(VENV)/.bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(VENV)/.bench

## Speed and quality figures (see README "Measured").
bench: $(VENV)/.bench
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/personal_data_recall.py
	$(BIN)/python benchmarks/abuse_davidson.py

## The same commands on small samples, as CI runs them.
bench-smoke: $(VENV)/.bench
	$(BIN)/python benchmarks/speed.py --quick
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/personal_data_recall.py
	$(BIN)/python benchmarks/abuse_davidson.py --limit 3000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
