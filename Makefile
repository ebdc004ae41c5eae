# Recovery Portal. `make run` to try it, `make test` to check it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs on every core (pytest-xdist); pass PYTEST_ARGS to run part of it, e.g. PYTEST_ARGS='tests/themes'.
PYTEST_ARGS ?= -n auto

# Tests run with production settings (DEBUG off); only the secret and the
# HTTPS redirect differ, because the test server speaks plain HTTP.
TEST_ENV := DJANGO_SECRET_KEY=test-only-not-secret DJANGO_SECURE_SSL_REDIRECT=0

.PHONY: run test serve lint bench chaos install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## run: set up a local site on SQLite with the shipped content and demo accounts, and serve it
run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_recovery_content
	DJANGO_DEBUG=1 $(BIN)/python manage.py create_demo_accounts
	DJANGO_DEBUG=1 $(BIN)/python manage.py create_demo_cohort
	@echo "Serving http://127.0.0.1:$(PORT)/ (admin at /admin/). Stop with Ctrl+C."
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite; PostgreSQL when DATABASE_URL names one, SQLite otherwise
test: install-dev
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

## serve: gunicorn with production settings (set DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS first)
serve: install
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn recovery_portal.wsgi:application --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

## bench: PostgreSQL + 100,000 synthetic publications + gunicorn; prints search latency, req/s and query counts
bench: install
	bench/run.sh

## chaos: two gunicorn instances on PostgreSQL with Redis, then faults and load; one table, non-zero on failure
chaos: install
	chaos/run.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
