# khabar: two commands for a fresh machine (see README):
#   make demo   - set everything up, extract events from the project's example articles, then
#                 ingest them and serve the map/timeline UI on http://127.0.0.1:8000/ (Ctrl-C stops)
#   make test   - set everything up, then run lint, types and the test suite
VENV ?= .venv
PY := $(VENV)/bin/python
KHABAR := $(VENV)/bin/khabar

.PHONY: setup system-deps demo extract-demo serve-demo test lint schema docs clean

setup: $(VENV)/.installed

# torch==2.13.0 first: it is the local CPU wheel; anything later that wants torch is satisfied.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev,embeddings]'
	touch $@

demo: extract-demo serve-demo

extract-demo: setup
	@for f in examples/*.txt; do \
	  echo "== $$f"; \
	  $(KHABAR) extract "$$f" --published 2026-03-14 --format table || exit 1; \
	done

# The example articles ingested into demo.db, then the UI on http://127.0.0.1:8000/ (Ctrl-C stops).
DEMO_DB ?= sqlite:///$(CURDIR)/demo.db
serve-demo: setup
	$(KHABAR) ingest examples/*.txt --db $(DEMO_DB) --published-default 2026-03-14 --quiet
	$(KHABAR) serve --db $(DEMO_DB)

# System packages for the database tests (PostgreSQL from Debian); idempotent.
system-deps:
	bash scripts/system-deps.sh

lint: setup
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m ruff format --check src tests benchmarks
	$(PY) -m mypy

test: system-deps lint
	$(PY) -m pytest -q

schema: setup
	$(KHABAR) schema docs/schema

docs: schema
	$(PY) -m khabar.cli.reference > docs/cli.md
	$(PY) -m khabar.api.openapi > docs/openapi.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
