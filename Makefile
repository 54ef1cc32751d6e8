# Two commands set everything up:  `make run`  and  `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
HOST    ?= 127.0.0.1
PORT    ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install browser lint bench clean

$(VENV)/.installed: pyproject.toml
	@PYTHON_BIN=$$(scripts/find-python) && "$$PYTHON_BIN" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

## Install, migrate, import seeds/, create an admin account (password printed once), serve.
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py loadseeds seeds/
	$(PY) manage.py ensureadmin
	$(PY) manage.py runserver $(HOST):$(PORT)

## Chromium for the browser tests, from Debian's packages (needs root and apt-get).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
		else \
			echo "Browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium" >&2; exit 1; \
		fi; \
	fi

## The whole suite. Uses SQLite unless DATABASE_URL points at PostgreSQL.
test: install browser
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

## Import with production settings (no debug query log); pages with the defaults.
bench: install
	DEBUG=0 SECURE_SSL_REDIRECT=0 SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(40))') \
		$(PY) bench/import_bench.py
	$(PY) bench/pages_bench.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
