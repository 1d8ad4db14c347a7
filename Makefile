# WKSBM Admin — developer commands. See README.md.
#
#   make run               set up .venv, migrate SQLite, load DIY regions and demo data, serve :8000
#                          with the task worker (background exports) beside it
#   make test              install the test dependencies and run the whole suite
#                          (DATABASE_URL=postgres://... make test runs it on PostgreSQL)
#   make lint | fmt | migrations-check | deploy-check | bench | lock

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
RUFF := $(VENV)/bin/ruff
HOST ?= 127.0.0.1
PORT ?= 8000
PROVINSI ?= 34

# Stamp files: re-running skips the install while pyproject.toml and the lock are unchanged.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The exact versions the suite passed with, as pip constraints (see its header; `make lock`).
LOCK := requirements.lock

# `pip install .` builds the (package-less) project in place; drop what that leaves behind.
CLEAN_BUILD := rm -rf build/bdist.* build/lib wksbm_admin.egg-info; rmdir build 2>/dev/null || true

# Packages WeasyPrint loads at run time (Debian names).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
DEJAVU := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

# A development key: used only with DJANGO_DEBUG=1, never in production.
DEV_SECRET_KEY := dev-only-insecure-wksbm-key-0123456789-abcdefghijklmnopqrstuvwxyz

.PHONY: help run serve test lint fmt migrations-check deploy-check bench lock system-deps install install-test

help:
	@echo "make run               set up and serve the app with demo data at http://$(HOST):$(PORT)"
	@echo "make test              run the whole test suite (PostgreSQL when DATABASE_URL is set)"
	@echo "make lint              ruff check + ruff format --check"
	@echo "make fmt               ruff format + ruff check --fix"
	@echo "make migrations-check  fail when a model change has no migration"
	@echo "make deploy-check      manage.py check --deploy under production settings"
	@echo "make bench             run every bench/*.py"
	@echo "make lock              re-resolve the dependencies into requirements.lock (then make test)"

# --- set-up -----------------------------------------------------------------

$(PY):
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; \
		sys.exit(0 if (3, 10) <= v <= (3, 13) else \
		"Python 3.10-3.13 dibutuhkan; %s = %d.%d. Pakai mis. make PYTHON=python3.12 ..." \
		% ("$(PYTHON)", *v))'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(LOCK) | $(PY)
	$(PIP) install --quiet --constraint $(LOCK) .
	@$(CLEAN_BUILD)
	@touch $@

$(TEST_STAMP): pyproject.toml $(LOCK) | $(PY)
	$(PIP) install --quiet --constraint $(LOCK) '.[test]'
	@$(CLEAN_BUILD)
	@touch $(STAMP) $@

install: $(STAMP)

install-test: $(TEST_STAMP)

# WeasyPrint needs Pango and a font. Installed with apt-get when running as root on Debian;
# otherwise say what to install and stop.
system-deps:
	@missing=""; \
	if command -v ldconfig >/dev/null || [ -x /sbin/ldconfig ]; then \
		libs="$$(PATH="$$PATH:/sbin:/usr/sbin" ldconfig -p)"; \
		grep -q 'libpango-1\.0\.so' <<<"$$libs" || missing="$$missing libpango-1.0-0"; \
		grep -q 'libpangoft2-1\.0\.so' <<<"$$libs" || missing="$$missing libpangoft2-1.0-0"; \
		[ -e $(DEJAVU) ] || missing="$$missing fonts-dejavu-core"; \
	fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Memasang paket sistem untuk WeasyPrint:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Paket sistem yang dibutuhkan WeasyPrint belum terpasang:$$missing" >&2; \
			echo "Pasang dengan:  sudo apt-get install$$missing" >&2; \
			exit 1; \
		fi; \
	fi

# --- run --------------------------------------------------------------------

run: export DJANGO_DEBUG := 1
run: export SECRET_KEY ?= $(DEV_SECRET_KEY)
run: system-deps $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_wilayah --provinsi $(PROVINSI)
	$(PY) manage.py seed_demo
	@echo
	@echo "WKSBM Admin berjalan di http://$(HOST):$(PORT)/  (Ctrl+C untuk berhenti)"
	@# The task worker (background exports) runs beside the server and stops with it.
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null || true' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# --- checks -----------------------------------------------------------------

# DATABASE_URL, when set in the environment, reaches pytest unchanged. The suite runs with the
# production settings (debug off); tests/testenv.py supplies a test SECRET_KEY.
test: system-deps $(TEST_STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(RUFF) check .
	$(RUFF) format --check .

fmt: $(TEST_STAMP)
	$(RUFF) format .
	$(RUFF) check --fix .

migrations-check: export DJANGO_DEBUG := 1
migrations-check: export SECRET_KEY ?= $(DEV_SECRET_KEY)
migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

# Production settings: debug off, a fresh 50+ character random key, a real host name.
deploy-check: $(STAMP)
	env -u DJANGO_DEBUG -u SECURE_SSL_REDIRECT \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		ALLOWED_HOSTS=example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

bench: export DJANGO_DEBUG := 1
bench: export SECRET_KEY ?= $(DEV_SECRET_KEY)
# bench/books.py times the PDF views themselves: no hand-over to the background worker there
# (bench/ekspor.py times the background renderer).
bench: export EKSPOR_LATAR_PDF_BARIS := 1000000000
bench: export EKSPOR_LATAR_HARI := 1000000
bench: system-deps $(TEST_STAMP)
	@shopt -s nullglob; scripts=(bench/*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "bench/: belum ada skrip."; exit 0; fi; \
	for script in "$${scripts[@]}"; do \
		case "$$(basename "$$script")" in _*) continue;; esac; \
		echo "== $$script"; \
		$(PY) "$$script"; \
	done

# Re-resolve pyproject.toml (with the test extras) in a throw-away venv: today's releases.
lock: | $(PY)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet '.[test]'; \
	$(CLEAN_BUILD); \
	{ sed -n '/^#/p' $(LOCK); \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude-editable | grep -vi '^wksbm-admin'; } > "$$tmp/lock"; \
	mv "$$tmp/lock" $(LOCK); \
	echo "$(LOCK) diperbarui; jalankan make test, lalu commit."
