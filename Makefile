# kflow: every target bootstraps what it needs from the project's own files (pyproject.toml, uv.lock).
PYTHON ?= python3
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
SYNCED := $(VENV)/.synced
PYTEST_ARGS ?=

.PHONY: install demo serve test test-fast lint browser neo4j bench train-scorer train-relations clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(SYNCED): pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --python $(PYTHON)
	touch $@

install: $(SYNCED)

## The main job: load the demo corpus (seeds/) into the embedded store and serve the app on :8501.
demo: install
	$(VENV)/bin/kflow demo

serve: install
	$(VENV)/bin/kflow serve

## The whole test suite, with a real Neo4j server (assembled from Maven Central) and headless Chromium.
test: install browser lint
	$(VENV)/bin/python -m graph.neo4j_server --fetch-only
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## ruff lint and format check (configured in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Fast inner loop: no Neo4j, no browser.
test-fast: install
	$(VENV)/bin/pytest -m "not neo4j and not browser" $(PYTEST_ARGS)

## Debian's Chromium for the browser tests (never a downloaded browser).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

## A local Neo4j 5.26 server on bolt://127.0.0.1:7687 for manual use (Ctrl-C stops it).
neo4j: install
	$(VENV)/bin/python -m graph.neo4j_server

## Every benchmark; results go to bench/RESULTS.md.
bench: install
	$(VENV)/bin/python bench/run_all.py

## Retrain the learned claim scorer (a veto, on by default) and rewrite its weights (about 70 s): after rules are added or renamed, the training gold changes or a feature changes; re-measure with bench/scorer_cv.py.
train-scorer: install
	$(VENV)/bin/python -m loaders.extract.learned.train

## Retrain the relation classifier (candidate pairs the rules left unlinked) and rewrite its weights (about a minute).
train-relations: install
	$(VENV)/bin/python -m loaders.extract.learned.train_relations

clean:
	rm -rf $(VENV) $(TOOLS) kflow-data .pytest_cache test-artifacts
