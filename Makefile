# The two commands: `make demo` and `make test`. Each sets up .venv when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test lint unit notebooks docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run the install when the package metadata changes.
$(VENV)/.stamp-base: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[plot,emulator]'
	touch $@

$(VENV)/.stamp-dev: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.stamp-base

demo: $(VENV)/.stamp-base
	$(BIN)/rtecap demo --output $(OUT)

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check rtecap tests benchmarks
	$(BIN)/mypy

# The tests, and the examples of the package's docstrings (doctests).
unit: $(VENV)/.stamp-dev
	$(BIN)/python -m pytest -n 2 -q tests --doctest-modules rtecap

notebooks: $(VENV)/.stamp-dev
	$(BIN)/python -m pytest -q -p no:xdist --nbval notebooks

# -E: a fresh environment each time, so a checkout's old docs/_build (e.g. from before the
# autosummary pages) cannot make the build differ from CI's clean one (about 8 s either way).
docs: $(VENV)/.stamp-dev
	$(BIN)/sphinx-build -q -E -W --keep-going -b html docs docs/_build/html

# pytest exits 5 when it collects no test: make treats any non-zero exit as a failure.
test: lint unit notebooks docs

bench: $(VENV)/.stamp-dev
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) docs/_build $(OUT) *.egg-info
