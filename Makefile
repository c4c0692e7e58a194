# The command surface of the project. `make run` and `make test` work from a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

# The first Python >= 3.12 found: on PATH, then under pyenv (whose shims fail unless a version is selected).
PYTHON ?= $(shell for candidate in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    command -v "$$candidate"; break; fi; done)

.PHONY: help install run serve test lint format messages compilemessages collectstatic chromium bench lock check clean

help:
	@echo "make run    serve the help center on http://127.0.0.1:$(PORT) (SQLite, no configuration)"
	@echo "make test   run the whole test suite, browser tests included"
	@echo "make bench  measure throughput with gunicorn and wrk"
	@echo "make lint   ruff check and format check;  make messages: update the .po catalogues"

$(VENV)/.installed: requirements.txt
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python >= 3.12 found. Django 6 needs it: install Python 3.12 or newer (python.org, pyenv, or your package manager), then run make again, or point to it: make run PYTHON=/path/to/python3.13"; \
	  exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

compilemessages: install
	@if command -v msgfmt >/dev/null; then \
	  DJANGO_DEBUG=true $(PY) manage.py compilemessages --ignore=$(VENV) -v 0; \
	else \
	  $(VENV)/bin/pybabel compile --domain=django --directory=locale --statistics; fi

# A local secret for the production-like targets, made once; production sets its own.
LOCAL_SECRET_KEY = $(shell test -s $(VENV)/secret_key || $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $(VENV)/secret_key; cat $(VENV)/secret_key)

collectstatic: install
	@DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$(LOCAL_SECRET_KEY)}" \
	  HELPCENTER_SITE_URL="$${HELPCENTER_SITE_URL:-http://127.0.0.1:$(PORT)}" \
	  $(PY) manage.py collectstatic --noinput -v 0

run: install compilemessages
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput -v 0
	DJANGO_DEBUG=true $(PY) manage.py collectstatic --noinput -v 0
	@echo "Serving the help center on http://127.0.0.1:$(PORT)/  (Ctrl+C to stop)"
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-like: gunicorn (workers from the CPU count, one JSON log line a request), DEBUG off,
# WhiteNoise serving hashed, compressed static files. DATABASE_URL and REDIS_URL are used when set.
serve: install compilemessages collectstatic
	@export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$(LOCAL_SECRET_KEY)}" \
	  HELPCENTER_SITE_URL="$${HELPCENTER_SITE_URL:-http://127.0.0.1:$(PORT)}"; \
	$(PY) manage.py migrate --noinput -v 0 && \
	$(VENV)/bin/gunicorn -c python:helpcenter.gunicorn --bind 127.0.0.1:$(PORT)

chromium: install
	@$(PY) tests/browser_setup.py

test: install compilemessages chromium
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install compilemessages collectstatic
	$(PY) tests/bench/run.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# French is the source language of the content, the interface is written in English msgids:
# both catalogues are edited by hand after this.
messages: install
	DJANGO_DEBUG=true $(PY) manage.py makemessages -l fr -l en --no-location --ignore=$(VENV) --ignore=tests

lock: install
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --extra=dev --strip-extras --no-emit-index-url --no-emit-find-links --output-file=requirements.txt pyproject.toml

check: install
	DJANGO_DEBUG=true $(PY) manage.py check
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .bench
