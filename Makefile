# docscreen: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export OMP_THREAD_LIMIT := 1

.PHONY: run test setup system lint typecheck unit bench bench-deps bench-quick bench-cleanup bench-load fixtures demo clean

MODEL := var/models/classifier/.built
LINES := var/models/codeline/model.pt

setup: system $(STAMP) $(MODEL) $(LINES)

system:
	@bash scripts/install-system.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

# The page classifier's learned half is trained from generated fixtures at set-up, never committed.
$(MODEL): $(STAMP) $(wildcard classifiers/*.py classifiers/signals.json fixtures/*.py fixtures/templates/*.py)
	$(BIN)/python -m classifiers.train
	@mkdir -p $(dir $(MODEL)) && touch $(MODEL)

# The code-line recogniser is trained on synthetic lines at set-up (about ten minutes on two cores), never committed.
# OMP_THREAD_LIMIT keeps each Tesseract to one thread; torch would obey it too and train on one core, twice as long.
$(LINES): $(STAMP) extractor/codeline.py extractor/codeline_train.py fixtures/codelines.py
	env -u OMP_THREAD_LIMIT $(BIN)/python -m extractor.codeline_train --out $(LINES)

run: setup
	$(BIN)/docscreen serve --demo --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy extractor classifiers checks service fixtures bench

unit: setup
	$(BIN)/pytest -n 2 --dist loadfile

test: lint typecheck unit

fixtures: setup
	$(BIN)/python -m fixtures.generate --out var/corpus --filings $${FILINGS:-300} --seed $${SEED:-763}

# OCRmyPDF (with ghostscript) is the well-known tool the benchmark compares against; only the benchmark needs it.
bench-deps: setup
	@command -v gs >/dev/null || (sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; $$sudo apt-get install -y -qq ghostscript >/dev/null)
	@test -x $(BIN)/ocrmypdf && $(BIN)/python -c "import matplotlib" 2>/dev/null || $(BIN)/pip install -q -e '.[dev,bench]'

bench: bench-deps
	$(BIN)/python -m bench $${BENCH_ARGS:-}

bench-quick: bench-deps
	$(BIN)/python -m bench --quick

# what each OpenCV clean-up step is worth: run after `make bench` (it reads that corpus)
bench-cleanup: bench-deps
	$(BIN)/python -m bench.cleanup

# payers and moderators against a real server and worker on loopback, e.g. LOAD_ARGS="--kill-worker --seconds 60"
bench-load: setup
	$(BIN)/python -m bench.load $${LOAD_ARGS:-}

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
