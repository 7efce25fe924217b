# Two commands matter: `make run` (serve the site with all content) and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run setup test check lint format bench loadtest clean messages screenshots

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## setup: migrate the SQLite database, load every fixture, create the demo accounts (idempotent)
setup: install
	$(MANAGE) compile_translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content
	$(MANAGE) create_demo_accounts

## run: set up, then serve the site at http://$(HOST):$(PORT)
run: setup
	@echo "Serving the OCSEA Practice Atlas at http://$(HOST):$(PORT)/ (admin: /admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

## test: the whole suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: install
	$(BIN)/pytest

## check: lint, formatting, Django system checks and missing migrations
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=ocsea.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=ocsea.settings.test $(MANAGE) makemigrations --check --dry-run

## messages: refresh locale/*/LC_MESSAGES/django.po from the code (needs GNU gettext; translators only)
messages: install
	$(MANAGE) makemessages --all --no-obsolete --ignore "tests/*" --ignore "fixtures/*" --ignore "staticfiles/*" --ignore "media/*"
	$(MANAGE) compile_translations

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .hypothesis

## bench: listing latency and queries at 1,000 and 10,000 practices, SQLite and PostgreSQL
bench: install
	$(BIN)/python bench/listing_bench.py $(BENCH_ARGS)

## loadtest: 50 concurrent visitors for 60 s against gunicorn + PostgreSQL + Redis (LOADTEST_ARGS="--reuse" keeps the seeded database)
loadtest: install
	$(BIN)/python -m pip install --quiet -e ".[load]"
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

## screenshots: PNGs of the main pages at 1280 and 390 px in Chromium, under screenshots/ (git-ignored)
screenshots: setup
	$(BIN)/python bench/screenshots.py $(SCREENSHOTS_ARGS)
