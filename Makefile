# Levelfield: `make run` starts the app with demo data; `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install install-test install-bench run test test-fast lint format bench bench-capacity bench-pages soak chromium pango migrations-check messages clean

# Installs only when pyproject.toml or package-lock.json changed since the last install.
# The app's own dependencies first; the test tools (Playwright, pref-voting as a tally
# oracle, ruff) only for `make test`.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

install-test: install $(VENV)/.installed-test

# locust and pyinstrument, for `make bench` only.
$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $@

install-bench: install-test $(VENV)/.installed-bench

# The background worker (emails, closing each decision on time) and the periodic jobs
# (`run_periodic`, every minute here) run beside the server and stop with it. Pango is
# not needed to start: without it PDF downloads say what to install (lib/pdf.py).
run: install
	@/sbin/ldconfig -p | grep -q libpango-1.0 || echo "Note: PDF letters and reports need Debian's pango (sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0); everything else works without it."
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo
	DEBUG=true $(PY) manage.py db_worker --no-reload & worker=$$!; \
	DEBUG=true $(PY) manage.py run_periodic --loop 60 & periodic=$$!; \
	trap 'kill $$worker $$periodic 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver $(HOST)

# Browser tests drive Debian's Chromium, headless: its chromium-headless-shell package
# (a quarter less CPU a page than the full browser), installed when missing (needs root,
# as on CI); without root, an installed `chromium` serves instead.
chromium:
	@command -v chromium-headless-shell >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium-headless-shell || { apt-get update -q && apt-get install -y -q chromium-headless-shell; }; \
	  elif command -v chromium >/dev/null; then echo "Note: browser tests run in chromium; Debian's chromium-headless-shell runs them faster (sudo apt-get install chromium-headless-shell)"; \
	  else echo "Please install Debian's chromium-headless-shell package (sudo apt-get install chromium-headless-shell)"; exit 1; fi; }

# PDFs (recognition letters, certificates, reports, documents) are made by WeasyPrint,
# which needs Debian's pango; `make test` installs it when missing (needs root, as on CI).
pango:
	@/sbin/ldconfig -p | grep -q libpango-1.0 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0; \
	  else echo "Please install Debian's pango (sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0)"; exit 1; fi; }
	@# reports: the PDF tests draw pages with pdftoppm (poppler-utils) to check nothing overflows;
	@# without it those tests skip and say so.
	@command -v pdftoppm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q poppler-utils || { apt-get update -q && apt-get install -y -q poppler-utils; }; \
	  else echo "Please install Debian's poppler-utils for the PDF page checks (sudo apt-get install poppler-utils)"; fi; }

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Translations: finds every marked string and updates each offered language's catalogue
# (each app's locale/, and levelfield/locale for the shared layout), then compiles the
# .mo files committed beside them. A translator fills in the .po files and runs this;
# adding a language is a line in LANGUAGES (settings.py) and this. An app takes part once
# it has a locale/ folder (apps not yet translated are listed in tests/test_translations.py).
MESSAGES_LOCALES = $(shell DEBUG=true $(PY) -c "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'levelfield.settings'); django.setup(); from django.conf import settings; from django.utils.translation import to_locale; print(' '.join('-l ' + to_locale(code) for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE))" 2>/dev/null)
MESSAGES_ENV = DEBUG=true DJANGO_SETTINGS_MODULE=levelfield.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(VENV)/bin/django-admin
messages: install
	@command -v msgfmt >/dev/null || { echo "Please install GNU gettext (sudo apt-get install gettext)"; exit 1; }
	@# Each app's catalogue from the app's own folder (so nothing of another app is mixed
	@# in); the shared layout's from levelfield/ leaving every app out.
	for locale in levelfield/*/locale; do app=$${locale%/locale}; \
	  (cd $$app && $(MESSAGES_ENV) makemessages $(MESSAGES_LOCALES) --no-location --no-obsolete -i tests) || exit 1; done
	mkdir -p levelfield/locale
	cd levelfield && $(MESSAGES_ENV) makemessages $(MESSAGES_LOCALES) --no-location --no-obsolete -i tests \
	  $$(for d in */apps.py; do printf -- '-i %s ' "$${d%/apps.py}"; done)
	cd levelfield && $(MESSAGES_ENV) compilemessages $(MESSAGES_LOCALES)

migrations-check: install-test
	$(PY) manage.py makemigrations --check --dry-run --settings=levelfield.settings_test

test: install chromium pango lint migrations-check
	$(VENV)/bin/pytest -n 2 --dist loadgroup --durations=25 $(PYTEST_ARGS)

# Everything but the browser tests, for a quick loop while coding.
test-fast: install-test
	$(VENV)/bin/pytest -n 2 --dist loadgroup -m "not browser" $(PYTEST_ARGS)

# Load against a ceiling on PostgreSQL with gunicorn and locust (bench/load.py; about
# 10 minutes), then capacity: how many active people one server, then two, hold (about
# 8 minutes more). BENCH_ARGS passes options, e.g. BENCH_ARGS="--size small --seconds 3".
bench: install-bench
	$(PY) bench/load.py --capacity $(BENCH_ARGS)

# Capacity alone: the realistic mix, more people each step (bench/capacity.py).
bench-capacity: install-bench
	$(PY) bench/load.py --capacity-only $(BENCH_ARGS)

# The in-process page benchmarks at data scale (bench/run.py; SQLite unless DATABASE_URL).
bench-pages: install-test
	$(PY) bench/run.py

# Nothing lost under load and faults: two gunicorn servers on one PostgreSQL (the server
# DATABASE_URL names; the run makes and drops its own lf_soak_* database), workers
# killed, connections ended, then every acknowledged write checked. SOAK_SECONDS=120.
soak: install-test
	$(PY) bench/soak.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
