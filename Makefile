# factex: `make run` extracts the sample corpus, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev,dask,review]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/factex extract corpus/ -o outputs/

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/newsquant.py
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) outputs/*.claims.json outputs/_*.json outputs/_*.jsonl
