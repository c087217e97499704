PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/kabul-arms-report.txt

.PHONY: setup demo test eval bench schema clean

$(BIN)/sourcetrace: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(BIN)/sourcetrace

demo: setup
	$(BIN)/sourcetrace analyze $(EXAMPLE) --html demo.html
	@echo "HTML report written to demo.html"

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/sourcetrace eval polnear ../shared/data/polnear/dev

bench: setup
	$(BIN)/python bench/bench_analyze.py

schema: setup
	$(BIN)/python -m sourcetrace.model > sourcetrace/schema/analysis.schema.json

clean:
	rm -rf $(VENV) build *.egg-info demo.html
