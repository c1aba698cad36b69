# civicpost: `make run` starts the desk, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FRONTEND := civicpost/desk/frontend
FRONTEND_BUILT := $(FRONTEND)/build/civicpost.css

.PHONY: setup frontend browser run test test-scale lint bench bench-smoke bench-scale clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## The desk's pages: GOV.UK Frontend and the desk's scripts, from the npm registry.
$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	@command -v npm >/dev/null || { echo "the desk's pages need Node.js and npm (apt-get install nodejs npm)"; exit 2; }
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(FRONTEND_BUILT): $(FRONTEND)/node_modules/.installed $(FRONTEND)/build.mjs $(wildcard $(FRONTEND)/src/*.scss $(FRONTEND)/src/js/*)
	cd $(FRONTEND) && node build.mjs

setup: $(STAMP) $(FRONTEND_BUILT)

frontend: $(FRONTEND_BUILT)

browser:
	@scripts/ensure-browser

## The product: the desk on SQLite in ./instance with a worker beside it and the demo councils.
run: setup
	$(BIN)/civicpost run

## Every test (the page tests in headless Chromium), then the linters and the type checker.
test: setup browser
	$(BIN)/python -m pytest
	$(BIN)/ruff check civicpost tests benchmarks
	$(BIN)/mypy

## The desk's tests again on a real PostgreSQL and Redis (scripts/scale-services starts both).
test-scale: setup browser
	CIVICPOST_JOBS=celery scripts/scale-services run $(BIN)/python -m pytest tests/desk tests/browser

lint: setup
	$(BIN)/ruff check civicpost tests benchmarks
	$(BIN)/mypy

$(VENV)/.bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(VENV)/.bench

## Speed and quality figures (see README "Measured").
bench: $(VENV)/.bench $(FRONTEND_BUILT)
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/personal_data_recall.py
	$(BIN)/python benchmarks/abuse_davidson.py
	$(BIN)/python benchmarks/triage_quality.py
	$(BIN)/python benchmarks/triage_backlog.py
	$(BIN)/python benchmarks/policy_import.py
	$(BIN)/python benchmarks/desk_pages.py

## The scale-out figures: 300 councils with a year of posts and messages on PostgreSQL, N = 1, 2, 4.
bench-scale: $(VENV)/.bench
	scripts/scale-services run $(BIN)/python benchmarks/scale.py --require

## The same commands on small samples, as CI runs them.
bench-smoke: $(VENV)/.bench $(FRONTEND_BUILT)
	$(BIN)/python benchmarks/speed.py --quick
	$(BIN)/python benchmarks/speed_compare.py HEAD --rounds 1 --posts 200
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/personal_data_recall.py
	$(BIN)/python benchmarks/abuse_davidson.py --limit 3000
	$(BIN)/python benchmarks/triage_quality.py
	$(BIN)/python benchmarks/triage_backlog.py --quick
	$(BIN)/python benchmarks/policy_import.py --quick
	$(BIN)/python benchmarks/desk_pages.py --quick
	scripts/scale-services run $(BIN)/python benchmarks/scale.py --quick

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules $(FRONTEND)/build
