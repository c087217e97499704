PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/kabul-arms-report.txt

.PHONY: setup demo test eval eval-all bench schema clean

$(BIN)/sourcetrace: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(BIN)/sourcetrace

demo: setup
	$(BIN)/sourcetrace analyze $(EXAMPLE) --date 2024-03-11 --html demo.html
	@echo "HTML report written to demo.html"

test: setup
	$(BIN)/python -m pytest -q

DATA ?= ../shared/data

# statements: attribution accuracy, source resolution, stance, speed (issue 3's figures in one command)
eval: setup
	$(BIN)/sourcetrace eval polnear $(DATA)/polnear/dev
	$(BIN)/sourcetrace eval sources $(DATA)/polnear/dev
	$(BIN)/sourcetrace eval stance --polnear $(DATA)/polnear
	$(BIN)/python bench/bench_analyze.py --corpus $(DATA)/corpora/bbc

# every other benchmark: extraction, dates, events, claims
eval-all: eval
	$(BIN)/sourcetrace eval zyte $(DATA)/extraction/zyte
	$(BIN)/sourcetrace eval timebank $(DATA)/time/timebank --split each
	$(BIN)/sourcetrace eval cameo $(DATA)/events/cameo-conflibert
	$(BIN)/sourcetrace eval plover $(DATA)/events/plover-gsr-cameo.json
	$(BIN)/sourcetrace eval claims --split all

bench: setup
	$(BIN)/python bench/bench_analyze.py --corpus $(DATA)/corpora/bbc
	$(BIN)/python bench/bench_corpus.py

schema: setup
	$(BIN)/python -m sourcetrace.model > sourcetrace/schema/analysis.schema.json

clean:
	rm -rf $(VENV) build *.egg-info demo.html
