# Two entry points: `make demo` (set up, store the demo corpus, serve the dashboard) and `make test` (set up, run all checks).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint typecheck unit clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/eventwire ingest examples/demo/articles.jsonl --store eventwire.duckdb
	$(BIN)/eventwire serve --store eventwire.duckdb --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Score the dev gold sets in ../shared, write the figures into docs/ACCURACY.md and check the floors.
SHARED ?= ../shared
GOLD_DEV := $(SHARED)/gold-dev
EVAL_GOLD := $(GOLD_DEV)/conflibert_cameo_class_train.tsv $(GOLD_DEV)/conflibert_cameo_ner_train.txt \
	$(GOLD_DEV)/plover_gsr_cameo.json $(GOLD_DEV)/petr_unittest_records.xml
.PHONY: accuracy
accuracy: setup
	$(BIN)/eventwire eval $(EVAL_GOLD) --markdown docs/ACCURACY.md --gate eval/baseline.json
