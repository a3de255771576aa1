# DocAnswers: `make run` to try it, `make test` to test it. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# The npm registry's test tools (package.json: the Nu HTML checker), only where npm is: without
# it, or without java, tests/e2e/test_html_validity.py is skipped, and fails when CI is set.
NODE_STAMP := node_modules/.installed
NPM := $(shell command -v npm 2>/dev/null)
TEST_TOOLS := $(DEV_STAMP) $(if $(NPM),$(NODE_STAMP))
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

# The first Python 3.12+ on PATH (pyenv shims included); evaluated only when a venv is made.
PYTHON ?= $(firstword $(foreach p,python3.13 python3.12 python3 python,$(shell \
	command -v $(p) >/dev/null 2>&1 && \
	$(p) -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && echo $(p))))

.PHONY: help run test lint format serve clean bench bench-smoke

help:
	@echo "make run    set up .venv, migrate, load the demo data, serve http://$(HOST):$(PORT)"
	@echo "            (PORT=8001 and HOST=0.0.0.0 to serve elsewhere; links in emails follow)"
	@echo "make test   install the test tools (Python's, and the Nu HTML checker with npm) and"
	@echo "            run the whole suite (PYTEST_ARGS=... to narrow)"
	@echo "make lint   ruff check and format --check, the apps' layers (lint-imports), and a"
	@echo "            check for missing migrations"
	@echo "make format ruff format and ruff check --fix"
	@echo "make serve  production-like: collectstatic, gunicorn + whitenoise, a task worker"
	@echo "make clean  remove .venv, node_modules, the SQLite database, collected static files"
	@echo "            and media"
	@echo "make bench  build 10,000 questions in PostgreSQL, serve them with gunicorn, load every"
	@echo "            page; BENCH_ARGS=\"--scale large\" for 1,000,000 (see bench/run.py)"
	@echo "make bench-smoke  the same with 1,000 questions on SQLite, in seconds; fails if a page's"
	@echo "            queries grow with the data (CI runs it)"

$(VENV)/bin/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "DocAnswers needs Python 3.12 or newer, and none was found on PATH" \
		     "(tried python3.13, python3.12, python3, python)."; \
		echo "Install it (https://www.python.org/downloads/ or your package manager)," \
		     "or run: make run PYTHON=/path/to/python3.12"; \
		exit 1; \
	fi
	@echo "Creating $(VENV) with $$($(PYTHON) --version)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(RUN_STAMP)

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime of its own; the
# machine's java runs the jar.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Links in emails (SITE_URL) point where runserver listens, unless SITE_URL is set.
run: SITE_URL ?= http://$(HOST):$(PORT)
run: check-port $(RUN_STAMP)
	DEBUG=1 SITE_URL='$(SITE_URL)' $(PY) manage.py migrate --noinput
	DEBUG=1 SITE_URL='$(SITE_URL)' $(PY) manage.py seed_demo
	DEBUG=1 SITE_URL='$(SITE_URL)' $(PY) manage.py runserver $(HOST):$(PORT)

# First of all, before installing or migrating: is HOST:PORT free? (With no Python found, the
# venv's rule says what to do.)
.PHONY: check-port
check-port:
	@$(if $(PYTHON),$(PYTHON) scripts/port_free.py $(HOST) $(PORT))

test: $(TEST_TOOLS)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

.secret_key: | $(VENV)/bin/python
	@$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@chmod 600 $@

# Production settings over plain HTTP on this machine (HTTPS=0): DEBUG off, hashed static
# files served by whitenoise, tasks in the database run by db_worker beside gunicorn.
serve: $(RUN_STAMP) .secret_key
	@export SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" \
		ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" HTTPS="$${HTTPS:-0}" \
		SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" \
		EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"; \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py migrate --noinput && \
	{ $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	  $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 3 \
		--access-logfile - --forwarded-allow-ips 127.0.0.1; }

bench: $(DEV_STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

bench-smoke: $(DEV_STAMP)
	$(PY) bench/run.py --scale smoke $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-shm db.sqlite3-wal test-db.sqlite3* \
		staticfiles media .pytest_cache .ruff_cache
