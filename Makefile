# ANDELIS colloquium CMS. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Tests talk to a real PostgreSQL; see the README's table of variables.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/andelis_bench
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/andelis
PYTEST_WORKERS ?= 2

.PHONY: help venv lock run test lint format check-postgres browser-deps bench-search bench-pages backup restore pg-client
.PHONY: test-fast server-deps

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# Exact versions with their hashes (requirements/*.txt, made by `make lock`); the project
# itself is then installed without resolving anything again.
$(VENV)/.installed: requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

venv: $(VENV)/.installed ## Create the virtualenv and install the pinned dependencies and dev tools

LOCK := $(PY) -m piptools compile --quiet --allow-unsafe --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras

lock: venv ## Pin every dependency (application and dev tools) with hashes, from pyproject.toml
	@# pip-tools is itself pinned in dev.txt; a lock written before it was added needs it once.
	$(PY) -m pip show --quiet pip-tools || $(PY) -m pip install --quiet pip-tools
	$(LOCK) --upgrade --extra dev -o requirements/dev.txt pyproject.toml
	$(LOCK) --constraint requirements/dev.txt -o requirements/base.txt pyproject.toml

# dev.py derives the site's address (links in e-mails, .ics, sitemap) from PORT.
RUN_ENV := DJANGO_SETTINGS_MODULE=andelis.settings.dev PORT=$(PORT)

run: venv ## Serve the site with its demo content on SQLite at http://127.0.0.1:$(PORT)
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py load_demo_content
	$(RUN_ENV) $(PY) manage.py update_search_entries
	$(RUN_ENV) $(PY) manage.py sync_site_address
	$(RUN_ENV) $(PY) manage.py update_oai_records
	$(RUN_ENV) $(PY) manage.py create_demo_editor
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

check-postgres: venv
	@DATABASE_URL=$(TEST_DATABASE_URL) $(PY) scripts/check_postgres.py

pg-client: venv ## Install pg_dump/pg_restore of the PostgreSQL server's version (backups)
	@DATABASE_URL=$(TEST_DATABASE_URL) bash scripts/install_pg_client.sh

browser-deps: ## Install what the browser and page-checker tests need (Chromium, Java, npm packages)
	@bash scripts/install_browser_deps.sh

test: venv check-postgres browser-deps pg-client ## Run the whole test suite against PostgreSQL
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) scripts/build_test_template.py
	DATABASE_URL=$(TEST_DATABASE_URL) ANDELIS_TEST_TEMPLATE=1 \
		$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "not lighthouse" $(PYTEST_ARGS)
	@# Lighthouse scores speed too: it runs after the rest, alone on the machine (skipped
	@# when PYTEST_ARGS picks tests; select them with PYTEST_ARGS='-m lighthouse').
	$(if $(PYTEST_ARGS),,DATABASE_URL=$(TEST_DATABASE_URL) ANDELIS_TEST_TEMPLATE=1 \
		$(PY) -m pytest -p no:xdist -m lighthouse)

lint: venv ## Check style, formatting, one-way imports between apps and missing migrations
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=andelis.settings.dev $(PY) manage.py makemigrations --check --dry-run

format: venv ## Format and auto-fix the code
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench-search: venv ## Benchmark the site search on a generated archive (BENCH_ARGS=--quick for a smoke run)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench $(BENCH_ARGS)

# Backups use the settings of the environment (DJANGO_SETTINGS_MODULE, DATABASE_URL,
# ANDELIS_BACKUP_DIR...); see docs/operations.md.
backup: venv ## Write one dated archive (database + media) into ANDELIS_BACKUP_DIR (default backups/)
	$(PY) manage.py backup

restore: venv ## Restore ARCHIVE=backups/andelis-….tar into an empty database and media store (FORCE=1 to replace)
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=backups/andelis-YYYYMMDD-HHMMSS.tar [FORCE=1]"; exit 2; }
	$(PY) manage.py restore "$(ARCHIVE)" $(if $(FORCE),--force)

bench-pages: venv browser-deps ## Measure the pages: nginx, gunicorn and Varnish loaded by wrk (BENCH_SECONDS per run, default 5)
	$(PY) -m bench.pages $(BENCH_PAGES_ARGS)

server-deps: ## Install what the suite needs without the browser tests (Varnish, nginx, wrk)
	@bash scripts/install_server_deps.sh

# The suite without the browser tests: no Chromium, Java or npm packages, the same databases.
test-fast: venv check-postgres server-deps pg-client ## Run the suite without the browser tests
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) scripts/build_test_template.py
	DATABASE_URL=$(TEST_DATABASE_URL) ANDELIS_TEST_TEMPLATE=1 \
		$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "not browser" $(PYTEST_ARGS)
