# Handboek Resourcegroepen: two commands from a fresh clone.
#   make serve   build and serve with live reload at http://127.0.0.1:8000
#   make test    run the whole test suite (unit, Pyodide and browser tests)
#   make site    build the deployable static site into site/
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_PY := $(VENV)/.installed
STAMP_NPM := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test site preview bench lint clean setup

setup: $(STAMP_PY) $(STAMP_NPM)

$(STAMP_PY): pyproject.toml requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

# The Python runtime (Pyodide) and fonts come from npm, pinned with integrity
# in package-lock.json; the builder checks every runtime file's hash again.
$(STAMP_NPM): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

serve: setup
	$(PY) -m builder serve

site: setup
	$(PY) -m builder build

preview: site
	$(PY) -m builder preview --prefix /handboek/

# Tests run in parallel, one worker per CPU (pytest-xdist); TEST_WORKERS=0 runs them
# in this process.
TEST_WORKERS ?= auto
test: setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

bench: setup
	$(PY) bench/bench.py

lint: setup
	$(PY) -m ruff check builder worksheets tests bench

clean:
	rm -rf site .pytest_cache test-results
