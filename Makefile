# Developer commands; the README's first lines are all a user needs.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install test fast check snapshots messages bench

install:  ## the app and the test tools in .venv
	python3 -m venv $(VENV) && $(VENV)/bin/pip install -e ".[test,dev]"

test:  ## the whole suite (what .ci/run runs)
	$(VENV)/bin/pytest -n auto

fast:  ## the rules and the Store: the tiers to run while you work (README, For developers)
	$(VENV)/bin/pytest -n auto tests/rules tests/store

check:  ## lint, format, types (models, screens, baz_tui: [tool.mypy] files), catalogue
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) tools/update_catalogue.py --check

snapshots:  ## rewrite the SVG snapshots after an intended change (look at the report)
	$(VENV)/bin/pytest tests/screens/test_snapshots.py --snapshot-update

messages:  ## extract new messages into the Dutch catalogue and compile it
	$(PY) tools/update_catalogue.py

bench:  ## start-up against its floors, in a real terminal
	$(PY) -m bench
