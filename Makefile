# The README's two commands: `make run` and `make test`. Both set up everything on a
# fresh machine with only python3 and the package registries.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEVSTAMP:= $(VENV)/.installed-dev

.PHONY: run test lint typecheck imports pytest bench build chromium clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

## make run: build the graph from data/corpus and serve API + explorer on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/samverkan build
	$(BIN)/samverkan serve

build: $(STAMP)
	$(BIN)/samverkan build

## make test: lint, type-check, import contract and the whole test suite
test: $(DEVSTAMP) chromium lint typecheck imports pytest

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

imports: $(DEVSTAMP)
	$(BIN)/lint-imports

pytest: $(DEVSTAMP)
	$(BIN)/pytest -q

bench: $(DEVSTAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
