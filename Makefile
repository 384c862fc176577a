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

.PHONY: help venv run test lint format check-postgres browser-deps bench-search bench-pages

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

venv: $(VENV)/.installed ## Create the virtualenv and install the project with its dev tools

run: venv ## Serve the site with its demo content on SQLite at http://127.0.0.1:$(PORT)
	DJANGO_SETTINGS_MODULE=andelis.settings.dev $(PY) manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=andelis.settings.dev $(PY) manage.py load_demo_content
	DJANGO_SETTINGS_MODULE=andelis.settings.dev $(PY) manage.py create_demo_editor
	DJANGO_SETTINGS_MODULE=andelis.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

check-postgres: venv
	@DATABASE_URL=$(TEST_DATABASE_URL) $(PY) scripts/check_postgres.py

browser-deps: ## Install what the browser and page-checker tests need (Chromium, Java, npm packages)
	@bash scripts/install_browser_deps.sh

test: venv check-postgres browser-deps ## Run the whole test suite against PostgreSQL
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) scripts/build_test_template.py
	DATABASE_URL=$(TEST_DATABASE_URL) ANDELIS_TEST_TEMPLATE=1 \
		$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: venv ## Check style, formatting and missing migrations
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=andelis.settings.dev $(PY) manage.py makemigrations --check --dry-run

format: venv ## Format and auto-fix the code
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench-search: venv ## Benchmark the site search on a generated archive (BENCH_ARGS=--quick for a smoke run)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench $(BENCH_ARGS)

bench-pages: venv browser-deps ## Measure the pages: nginx, gunicorn and Varnish loaded by wrk (BENCH_SECONDS per run, default 5)
	$(PY) -m bench.pages $(BENCH_PAGES_ARGS)
